import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { queryClient, trpc } from '../api/client';
import { describeError, errorData } from '../api/errors';
import { Alert } from '../ui/Alert';
import { PageHeader } from '../ui/PageHeader';
import { RegisterForm } from './RegisterForm';
import { useSession } from './useMe';

/** The link in the invitation mail: accept or decline when signed in, else sign in or create an account to join. */
export default function AcceptInvitation() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signedIn = useSession() !== null;
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  const navigate = useNavigate();

  if (!token) {
    return (
      <>
        <PageHeader title="Join a shop" />
        <Alert>This page needs the link from the invitation mail. Ask the person who invited you to send it again.</Alert>
      </>
    );
  }
  if (signedIn) return <Respond token={token} />;
  return (
    <>
      <PageHeader title="Join a shop">
        <p className="muted">You have been invited to work in a shop on Omni-Stock. Create your account to join it.</p>
      </PageHeader>
      <RegisterForm invitationToken={token} onRegistered={() => navigate('/', { replace: true })} />
      <p className="public-links">
        <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>I already have an account: sign in to accept</Link>
      </p>
    </>
  );
}

function Respond({ token }: { token: string }) {
  const navigate = useNavigate();
  const [declined, setDeclined] = useState(false);
  const done = async () => {
    await queryClient.resetQueries();
    navigate('/', { replace: true });
  };
  const accept = useMutation(trpc.invitations.accept.mutationOptions({ onSuccess: done }));
  const decline = useMutation(trpc.invitations.decline.mutationOptions({ onSuccess: () => setDeclined(true) }));
  const error = accept.error ?? decline.error;
  const unusable = errorData(error)?.code === 'BAD_REQUEST';
  if (declined) {
    return (
      <>
        <PageHeader title="Invitation declined" />
        <p>
          You declined the invitation. <Link to="/">Go to your dashboard</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Join a shop">
        <p className="muted">You have been invited to work in a shop on Omni-Stock.</p>
      </PageHeader>
      {error && (
        <Alert>
          {unusable ? 'This invitation can no longer be used: it expired, was revoked, or was already answered.' : describeError(error)}
          {errorData(error)?.code === 'FORBIDDEN' && ' Sign out and sign in with the address the invitation was sent to.'}
        </Alert>
      )}
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={accept.isPending} onClick={() => accept.mutate({ token })}>
          {accept.isPending ? 'Joining…' : 'Accept and join'}
        </button>
        <button type="button" className="button" disabled={decline.isPending} onClick={() => decline.mutate({ token })}>
          Decline
        </button>
      </div>
    </>
  );
}
