import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { createVendorInput } from '@api/modules/vendors/contract';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { LoadingBlock } from '../ui/states';
import { useFormSubmit } from '../ui/useFormSubmit';
import { Logo } from './Logo';

/** A signed-in user without a shop to work in (removed from theirs, or declined): join one or open one. */
export function NoVendor() {
  const invitations = useQuery(trpc.invitations.mine.queryOptions());
  const reload = () => queryClient.resetQueries();
  const accept = useMutation(trpc.invitations.accept.mutationOptions({ onSuccess: reload }));
  const form = useForm({ resolver: zodResolver(createVendorInput), defaultValues: { name: '' } });
  const create = useMutation(trpc.vendors.create.mutationOptions({ onSuccess: reload }));
  const { onSubmit, formError, submitting } = useFormSubmit(form, (values) => create.mutateAsync(values));
  const pending = invitations.data?.filter((i) => i.status === 'pending') ?? [];
  return (
    <div className="public-layout">
      <main id="main" className="public-card">
        <Logo />
        <PageHeader title="Choose a shop">
          <p className="muted">You are not working in any shop right now. Join one you are invited to, or open your own.</p>
        </PageHeader>
        {invitations.isPending ? (
          <LoadingBlock height="4rem" />
        ) : (
          pending.length > 0 && (
            <section aria-labelledby="invited">
              <h2 id="invited">Invitations</h2>
              <ul className="plain-list">
                {pending.map((invitation) => (
                  <li key={invitation.id} className="list-row">
                    <span>
                      {invitation.vendor.name} <span className="muted">as {invitation.role}</span>
                    </span>
                    <button type="button" className="button" disabled={accept.isPending} onClick={() => accept.mutate({ invitationId: invitation.id })}>
                      Join
                    </button>
                  </li>
                ))}
              </ul>
              {accept.isError && <Alert>{describeError(accept.error)}</Alert>}
            </section>
          )
        )}
        <form onSubmit={onSubmit} noValidate className="stack">
          <h2>Open a shop</h2>
          <Field label="Shop name" error={form.formState.errors.name?.message}>
            <input {...form.register('name')} />
          </Field>
          <Alert>{formError}</Alert>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Open the shop
          </button>
        </form>
      </main>
    </div>
  );
}
