import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { RouterOutputs } from '@api/router';
import type { MemberRole } from '@api/modules/vendors/contract';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { hasRole } from '../auth/roles';
import { useMe } from '../auth/useMe';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { TableWrap } from '../ui/TableWrap';
import { grantableRoles, roleHints, roleLabels } from './roles';

type Member = RouterOutputs['members']['list'][number];

const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });

export function Members({ members }: { members: Member[] }) {
  const me = useMe();
  const myRole = me.member?.role;
  const [removing, setRemoving] = useState<Member | null>(null);
  const updateRole = useMutation(trpc.members.updateRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: () => (setRemoving(null), refresh()) }));
  // Acting on a member needs at least their role (src/modules/vendors/services/members.ts).
  const manageable = (member: Member) => hasRole(myRole, member.role);
  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {updateRole.isError && <Alert>{describeError(updateRole.error)}</Alert>}
      <TableWrap label="Members">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <th scope="row">
                  {member.email}
                  {member.userId === me.user.id && <span className="badge badge--muted">you</span>}
                </th>
                <td>
                  {manageable(member) ? (
                    <>
                      <label htmlFor={`role-${member.id}`} className="visually-hidden">
                        Role of {member.email}
                      </label>
                      <select
                        id={`role-${member.id}`}
                        value={member.role}
                        disabled={updateRole.isPending}
                        onChange={(event) => updateRole.mutate({ memberId: member.id, role: event.target.value as MemberRole })}
                      >
                        {grantableRoles(myRole).map((role) => (
                          <option key={role} value={role}>
                            {roleLabels[role]}
                          </option>
                        ))}
                      </select>
                    </>
                  ) : (
                    roleLabels[member.role]
                  )}
                </td>
                <td className="actions">
                  {manageable(member) && (
                    <button type="button" className="button button--ghost" onClick={() => setRemoving(member)}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted small">
        {(['owner', 'admin', 'staff', 'viewer'] as const).map((role) => `${roleLabels[role]}: ${roleHints[role]}.`).join(' ')}
      </p>
      <Dialog title="Remove this member?" open={removing !== null} onClose={() => setRemoving(null)}>
        <div className="stack">
          <p>{removing?.email} loses access to this shop at once. Their past sales and stock changes stay in the history.</p>
          {remove.isError && <Alert>{describeError(remove.error)}</Alert>}
          <div className="button-row">
            <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => removing && remove.mutate({ memberId: removing.id })}>
              Remove
            </button>
            <button type="button" className="button" onClick={() => setRemoving(null)}>
              Cancel
            </button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}
