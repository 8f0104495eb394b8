import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api/client';
import { PageHeader } from '../ui/PageHeader';
import { LoadingBlock, QueryError } from '../ui/states';
import { Invitations } from './Invitations';
import { Members } from './Members';
import { StoreAccess } from './StoreAccess';

/** Who works in the shop, with which role, in which stores; and who is invited. */
export default function TeamPage() {
  const members = useQuery(trpc.members.list.queryOptions());
  const stores = useQuery(trpc.stores.list.queryOptions());
  const failed = members.error ?? stores.error;
  return (
    <>
      <PageHeader title="Team" />
      {failed && <QueryError error={failed} retry={() => void (members.refetch(), stores.refetch())} />}
      {!members.data || !stores.data ? (
        !failed && <LoadingBlock height="20rem" />
      ) : (
        <div className="stack-lg">
          <Members members={members.data} />
          <Invitations />
          <StoreAccess members={members.data} stores={stores.data} />
        </div>
      )}
    </>
  );
}
