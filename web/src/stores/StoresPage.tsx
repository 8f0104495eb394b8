import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { createStoreInput, storeTypes, type StoreOutput } from '@api/modules/vendors/contract';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { useCan } from '../auth/useMe';
import { humanize } from '../lib/format';
import { optionalText } from '../lib/formSchemas';
import { Alert } from '../ui/Alert';
import { CheckboxField, Field } from '../ui/Field';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, LoadingBlock, QueryError } from '../ui/states';
import { useFormSubmit } from '../ui/useFormSubmit';

const storeForm = z.object({
  name: createStoreInput.shape.name,
  type: z.enum(storeTypes),
  address: optionalText(createStoreInput.shape.address),
});
const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.stores.pathKey() });

export default function StoresPage() {
  const canManage = useCan('admin');
  const [includeArchived, setIncludeArchived] = useState(false);
  const stores = useQuery(trpc.stores.list.queryOptions({ includeArchived }));
  const [editing, setEditing] = useState<StoreOutput | 'new' | null>(null);
  const archive = useMutation(trpc.stores.archive.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      <PageHeader
        title="Stores"
        actions={
          canManage && (
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              Add store
            </button>
          )
        }
      />
      <CheckboxField label="Show archived stores">
        <input type="checkbox" checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />
      </CheckboxField>
      {archive.isError && <Alert>{describeError(archive.error)}</Alert>}
      {stores.isError ? (
        <QueryError error={stores.error} retry={() => void stores.refetch()} />
      ) : !stores.data ? (
        <LoadingBlock height="12rem" />
      ) : stores.data.length === 0 ? (
        <EmptyState title="You have no access to any store yet.">
          <p>Ask an admin of your shop to grant you a store.</p>
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {stores.data.map((store) => (
            <li key={store.id} className="panel store-card">
              <h2>
                {store.name}
                {store.isDefault && <span className="badge">Default</span>}
                {!store.isActive && <span className="badge badge--muted">Archived</span>}
              </h2>
              <p className="muted">{humanize(store.type)}</p>
              <p>{store.address ?? <span className="muted">No address</span>}</p>
              {canManage && store.isActive && (
                <div className="button-row">
                  <button type="button" className="button" onClick={() => setEditing(store)} aria-label={`Edit ${store.name}`}>
                    Edit
                  </button>
                  {!store.isDefault && (
                    <button type="button" className="button button--ghost" disabled={archive.isPending} onClick={() => archive.mutate({ storeId: store.id })} aria-label={`Archive ${store.name}`}>
                      Archive
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <Dialog title={editing === 'new' ? 'Add a store' : 'Edit store'} open={editing !== null} onClose={() => setEditing(null)}>
        {editing !== null && <StoreForm store={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </>
  );
}

function StoreForm({ store, onDone }: { store: StoreOutput | null; onDone: () => void }) {
  const form = useForm({
    resolver: zodResolver(storeForm),
    defaultValues: { name: store?.name ?? '', type: store?.type ?? 'retail', address: store?.address ?? '' },
  });
  const create = useMutation(trpc.stores.create.mutationOptions());
  const update = useMutation(trpc.stores.update.mutationOptions());
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (values) => {
    if (store) await update.mutateAsync({ storeId: store.id, ...values });
    else await create.mutateAsync(values);
    await refresh();
    onDone();
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <Field label="Name" error={errors.name?.message}>
        <input autoComplete="off" {...form.register('name')} />
      </Field>
      <Field label="Type" error={errors.type?.message}>
        <select {...form.register('type')}>
          {storeTypes.map((type) => (
            <option key={type} value={type}>
              {humanize(type)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Address" error={errors.address?.message}>
        <textarea rows={2} {...form.register('address')} />
      </Field>
      <Alert>{formError}</Alert>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? 'Saving…' : store ? 'Save' : 'Add store'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
