import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { queryClient, trpc } from '../api/client';
import { PageHeader } from '../ui/PageHeader';
import { LoadingBlock, QueryError } from '../ui/states';
import { ItemForm } from './ItemForm';
import { invalidateItems } from './invalidate';

export default function EditItemPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const item = useQuery(trpc.items.get.queryOptions({ id }));
  const stores = useQuery(trpc.stores.list.queryOptions({ includeArchived: true }));
  const update = useMutation(trpc.items.update.mutationOptions());
  const failed = item.error ?? stores.error;
  return (
    <>
      <PageHeader title={item.data ? `Edit ${item.data.name}` : 'Edit item'} />
      {failed ? (
        <QueryError error={failed} />
      ) : !item.data || !stores.data ? (
        <LoadingBlock height="30rem" />
      ) : (
        <ItemForm
          item={item.data}
          // Active stores, and the item's own even when it is archived.
          stores={stores.data.filter((store) => store.isActive || store.id === item.data.storeId)}
          cancelTo={`/inventory/${id}`}
          onSave={async ({ quantity: _quantity, cardDetails, attributes, ...values }) => {
            const before = item.data!;
            const saved = await update.mutateAsync({
              id,
              expectedVersion: before.version,
              ...values,
              // A card's details are cleared when it stops being a card; other categories keep attributes the form does not show.
              ...(cardDetails ? { cardDetails } : before.cardDetails ? { cardDetails: null } : {}),
              ...(attributes && { attributes }),
            });
            queryClient.setQueryData(trpc.items.get.queryKey({ id }), saved);
            await invalidateItems();
            navigate(`/inventory/${id}`);
          }}
        />
      )}
    </>
  );
}
