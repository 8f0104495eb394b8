import { Link, useNavigate } from 'react-router';
import { queryClient } from '../api/client';
import { publicClient, session } from '../api/session';
import { useMe } from '../auth/useMe';

/** Who is signed in, their profile, and signing out (which revokes the session on the server). */
export function UserMenu() {
  const { user } = useMe();
  const navigate = useNavigate();
  const signOut = async () => {
    const refreshToken = session.get()?.refreshToken;
    session.end('signed-out');
    queryClient.clear();
    navigate('/sign-in');
    // Best effort: the tokens are gone from this browser either way.
    if (refreshToken) await publicClient.auth.logout.mutate({ refreshToken }).catch(() => {});
  };
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
  return (
    <div className="user-menu">
      <Link to="/profile" className="user-menu__name" title={user.email}>
        {name}
      </Link>
      <button type="button" className="button button--ghost" onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}
