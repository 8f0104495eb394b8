import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createInvitationInput } from '@api/modules/vendors/contract';
import type { RouterOutputs } from '@api/router';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { useMe } from '../auth/useMe';
import { formatDate } from '../lib/format';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { EmptyState, Skeleton } from '../ui/states';
import { useFormSubmit } from '../ui/useFormSubmit';
import { grantableRoles, roleLabels } from './roles';

type Created = RouterOutputs['invitations']['create'];

const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invitations.pathKey() });

/** The link the invitation mail carries (src/modules/vendors/mail.ts). */
const acceptLink = (token: string) => `${location.origin}/invitations/accept?token=${encodeURIComponent(token)}`;

export function Invitations() {
  const me = useMe();
  const invitations = useQuery(trpc.invitations.list.queryOptions());
  const create = useMutation(trpc.invitations.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSuccess: refresh }));
  const [created, setCreated] = useState<Created | null>(null);
  const form = useForm({ resolver: zodResolver(createInvitationInput), defaultValues: { email: '', role: 'staff' as const } });
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (values) => {
    setCreated(await create.mutateAsync(values));
    form.reset({ email: '', role: values.role });
  });
  const pending = invitations.data?.filter((invitation) => invitation.status === 'pending') ?? [];
  return (
    <section className="panel stack" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      <form onSubmit={onSubmit} noValidate className="form-row form-row--end">
        <Field label="Email" error={form.formState.errors.email?.message}>
          <input type="email" autoComplete="off" {...form.register('email')} />
        </Field>
        <Field label="Role" error={form.formState.errors.role?.message}>
          <select {...form.register('role')}>
            {grantableRoles(me.member?.role).map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? 'Inviting…' : 'Invite'}
        </button>
      </form>
      <Alert>{formError}</Alert>
      {created && <CreatedInvitation invitation={created} />}
      {revoke.isError && <Alert>{describeError(revoke.error)}</Alert>}
      {!invitations.data ? (
        <Skeleton height="3rem" />
      ) : pending.length === 0 ? (
        <EmptyState title="No pending invitations." />
      ) : (
        <ul className="plain-list">
          {pending.map((invitation) => (
            <li key={invitation.id} className="list-row">
              <span className="list-row__main">
                {invitation.email} <span className="muted">as {roleLabels[invitation.role]}, until {formatDate(invitation.expiresAt)}</span>
              </span>
              <button type="button" className="button button--ghost" disabled={revoke.isPending} onClick={() => revoke.mutate({ invitationId: invitation.id })}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreatedInvitation({ invitation }: { invitation: Created }) {
  const link = acceptLink(invitation.token);
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone={invitation.mailed ? 'success' : 'info'}>
      {invitation.mailed ? `An invitation is on its way to ${invitation.email}.` : `The mail to ${invitation.email} could not be sent; share this link with them instead.`}{' '}
      The link works for 7 days:
      <span className="copy-line">
        <input readOnly value={link} aria-label="Invitation link" onFocus={(event) => event.target.select()} />
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true))}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </span>
    </Alert>
  );
}
