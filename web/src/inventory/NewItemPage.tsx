import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { queryClient, trpc } from '../api/client';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, LoadingBlock, QueryError } from '../ui/states';
import { ItemForm } from './ItemForm';
import { invalidateItems } from './invalidate';

export default function NewItemPage() {
  const navigate = useNavigate();
  const stores = useQuery(trpc.stores.list.queryOptions());
  const create = useMutation(trpc.items.create.mutationOptions());
  return (
    <>
      <PageHeader title="Add an item" />
      {stores.isError ? (
        <QueryError error={stores.error} retry={() => void stores.refetch()} />
      ) : !stores.data ? (
        <LoadingBlock height="30rem" />
      ) : stores.data.length === 0 ? (
        <EmptyState title="There is no store you can add items to." />
      ) : (
        <ItemForm
          item={null}
          stores={stores.data}
          cancelTo="/inventory"
          onSave={async ({ cardDetails, attributes, ...values }) => {
            const item = await create.mutateAsync({ ...values, ...(cardDetails && { cardDetails }), ...(attributes && { attributes }) });
            queryClient.setQueryData(trpc.items.get.queryKey({ id: item.id }), item);
            await invalidateItems();
            navigate(`/inventory/${item.id}`);
          }}
        />
      )}
    </>
  );
}
