import { useMutation } from '@tanstack/react-query';
import { storeAccessRoles, type StoreAccessRole, type StoreOutput } from '@api/modules/vendors/contract';
import type { RouterOutputs } from '@api/router';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { hasRole } from '../auth/roles';
import { Alert } from '../ui/Alert';
import { TableWrap } from '../ui/TableWrap';
import { EmptyState } from '../ui/states';

type Member = RouterOutputs['members']['list'][number];

const accessLabels: Record<StoreAccessRole | 'none', string> = { none: 'No access', manager: 'Manager', sales: 'Sales', view_only: 'View only' };

const refresh = () =>
  Promise.all([queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.stores.pathKey() })]);

/** Staff and viewers work only in the stores granted to them; owners and admins reach every store. */
export function StoreAccess({ members, stores }: { members: Member[]; stores: StoreOutput[] }) {
  const scoped = members.filter((member) => !hasRole(member.role, 'admin'));
  const grant = useMutation(trpc.stores.grantAccess.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.stores.revokeAccess.mutationOptions({ onSettled: refresh }));
  const error = grant.error ?? revoke.error;
  const change = (member: Member, store: StoreOutput, value: StoreAccessRole | 'none') =>
    value === 'none' ? revoke.mutate({ memberId: member.id, storeId: store.id }) : grant.mutate({ memberId: member.id, storeId: store.id, role: value });
  return (
    <section className="panel" aria-labelledby="access-title">
      <h2 id="access-title">Store access</h2>
      <p className="muted">
        Owners and admins reach every store. Staff and viewers see only the stores below; managers and sales staff change stock there, view-only
        grants and viewers never do.
      </p>
      {error && <Alert>{describeError(error)}</Alert>}
      {scoped.length === 0 ? (
        <EmptyState title="No staff or viewers yet." />
      ) : (
        <TableWrap label="Store access">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Member</th>
                {stores.map((store) => (
                  <th key={store.id} scope="col">
                    {store.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scoped.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.email}</th>
                  {stores.map((store) => {
                    const current = member.storeAccess.find((a) => a.storeId === store.id)?.role ?? 'none';
                    const id = `access-${member.id}-${store.id}`;
                    return (
                      <td key={store.id}>
                        <label htmlFor={id} className="visually-hidden">
                          Access of {member.email} to {store.name}
                        </label>
                        <select id={id} value={current} disabled={grant.isPending || revoke.isPending} onChange={(event) => change(member, store, event.target.value as StoreAccessRole | 'none')}>
                          {(['none', ...storeAccessRoles] as const).map((role) => (
                            <option key={role} value={role}>
                              {accessLabels[role]}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
