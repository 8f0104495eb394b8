import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { changePasswordInput, updateProfileInput } from '@api/modules/identity/contract';
import { createVendorInput } from '@api/modules/vendors/contract';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { useMe } from '../auth/useMe';
import { optionalText } from '../lib/formSchemas';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, Skeleton } from '../ui/states';
import { useFormSubmit } from '../ui/useFormSubmit';
import { roleLabels } from '../team/roles';

const profile = updateProfileInput.shape;
const profileForm = z.object({
  firstName: optionalText(profile.firstName),
  lastName: optionalText(profile.lastName),
  phone: optionalText(profile.phone),
  bio: optionalText(profile.bio),
});
const passwordForm = changePasswordInput
  .extend({ newPasswordConfirm: z.string() })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ['newPasswordConfirm'], message: 'does not match the new password' });

export default function ProfilePage() {
  return (
    <>
      <PageHeader title="Your profile" />
      <div className="stack-lg narrow">
        <ProfileForm />
        <Shops />
        <PasswordForm />
      </div>
    </>
  );
}

function ProfileForm() {
  const me = useMe();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    resolver: zodResolver(profileForm),
    defaultValues: { firstName: me.user.firstName ?? '', lastName: me.user.lastName ?? '', phone: me.profile.phone ?? '', bio: me.profile.bio ?? '' },
  });
  const update = useMutation(trpc.users.updateProfile.mutationOptions());
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (values) => {
    setSaved(false);
    queryClient.setQueryData(trpc.users.me.queryKey(), await update.mutateAsync(values));
    setSaved(true);
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="panel stack" aria-labelledby="profile-title">
      <h2 id="profile-title">{me.user.email}</h2>
      <div className="form-row">
        <Field label="First name" error={errors.firstName?.message}>
          <input autoComplete="given-name" {...form.register('firstName')} />
        </Field>
        <Field label="Last name" error={errors.lastName?.message}>
          <input autoComplete="family-name" {...form.register('lastName')} />
        </Field>
      </div>
      <Field label="Phone" error={errors.phone?.message}>
        <input type="tel" autoComplete="tel" {...form.register('phone')} />
      </Field>
      <Field label="About you" error={errors.bio?.message}>
        <textarea rows={3} {...form.register('bio')} />
      </Field>
      <Alert>{formError}</Alert>
      <Alert tone="success">{saved && 'Profile saved.'}</Alert>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={submitting}>
          Save profile
        </button>
      </div>
    </form>
  );
}

/** Every shop the user belongs to, invitations waiting for them, and opening another shop. */
function Shops() {
  const me = useMe();
  const navigate = useNavigate();
  const vendors = useQuery(trpc.vendors.list.queryOptions());
  const invitations = useQuery(trpc.invitations.mine.queryOptions());
  const reload = async () => {
    await queryClient.resetQueries();
    navigate('/');
  };
  const switchVendor = useMutation(trpc.vendors.switch.mutationOptions({ onSuccess: reload }));
  const accept = useMutation(trpc.invitations.accept.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  const decline = useMutation(trpc.invitations.decline.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.invitations.pathKey() }) }));
  const create = useMutation(trpc.vendors.create.mutationOptions({ onSuccess: reload }));
  const form = useForm({ resolver: zodResolver(createVendorInput), defaultValues: { name: '' } });
  const { onSubmit, formError, submitting } = useFormSubmit(form, (values) => create.mutateAsync(values));
  const pending = invitations.data?.filter((i) => i.status === 'pending') ?? [];
  const error = switchVendor.error ?? accept.error ?? decline.error;
  return (
    <section className="panel stack" aria-labelledby="shops-title">
      <h2 id="shops-title">Your shops</h2>
      {error && <Alert>{describeError(error)}</Alert>}
      {!vendors.data ? (
        <Skeleton height="3rem" />
      ) : (
        <ul className="plain-list">
          {vendors.data.map((vendor) => (
            <li key={vendor.id} className="list-row">
              <span className="list-row__main">
                {vendor.name} <span className="muted">· {roleLabels[vendor.role]}</span>
              </span>
              {vendor.id === me.vendor?.id ? (
                <span className="badge">Current</span>
              ) : (
                <button type="button" className="button" disabled={switchVendor.isPending} onClick={() => switchVendor.mutate({ vendorId: vendor.id })}>
                  Work here
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 && (
        <>
          <h3>Invitations for you</h3>
          <ul className="plain-list">
            {pending.map((invitation) => (
              <li key={invitation.id} className="list-row">
                <span className="list-row__main">
                  {invitation.vendor.name} <span className="muted">as {roleLabels[invitation.role]}</span>
                </span>
                <button type="button" className="button" disabled={accept.isPending} onClick={() => accept.mutate({ invitationId: invitation.id })}>
                  Join
                </button>
                <button type="button" className="button button--ghost" disabled={decline.isPending} onClick={() => decline.mutate({ invitationId: invitation.id })}>
                  Decline
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {invitations.data && pending.length === 0 && vendors.data?.length === 1 && <EmptyState title="You work in one shop." />}
      <form onSubmit={onSubmit} noValidate className="form-row form-row--end">
        <Field label="Open another shop" error={form.formState.errors.name?.message}>
          <input autoComplete="off" placeholder="Shop name" {...form.register('name')} />
        </Field>
        <button type="submit" className="button" disabled={submitting}>
          Open
        </button>
      </form>
      <Alert>{formError}</Alert>
    </section>
  );
}

function PasswordForm() {
  const [saved, setSaved] = useState(false);
  const form = useForm({ resolver: zodResolver(passwordForm), defaultValues: { currentPassword: '', newPassword: '', newPasswordConfirm: '' } });
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const { onSubmit, formError, submitting } = useFormSubmit(form, async ({ currentPassword, newPassword }) => {
    setSaved(false);
    await change.mutateAsync({ currentPassword, newPassword });
    form.reset();
    setSaved(true);
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="panel stack" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <Field label="Current password" error={errors.currentPassword?.message}>
        <input type="password" autoComplete="current-password" {...form.register('currentPassword')} />
      </Field>
      <Field label="New password" hint="At least 10 characters." error={errors.newPassword?.message}>
        <input type="password" autoComplete="new-password" {...form.register('newPassword')} />
      </Field>
      <Field label="Repeat the new password" error={errors.newPasswordConfirm?.message}>
        <input type="password" autoComplete="new-password" {...form.register('newPasswordConfirm')} />
      </Field>
      <Alert>{formError}</Alert>
      <Alert tone="success">{saved && 'Password changed. Your other sessions are signed out.'}</Alert>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={submitting}>
          Change password
        </button>
      </div>
    </form>
  );
}
