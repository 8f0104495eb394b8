import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import { queryClient, trpc } from '../api/client';
import { describeError } from '../api/errors';
import { useMe } from '../auth/useMe';

/** The shop being worked in, for people who belong to more than one. */
export function VendorSwitcher() {
  const me = useMe();
  const id = useId();
  const navigate = useNavigate();
  const vendors = useQuery(trpc.vendors.list.queryOptions());
  const switchVendor = useMutation(
    trpc.vendors.switch.mutationOptions({
      onSuccess: async () => {
        navigate('/');
        await queryClient.resetQueries();
      },
    }),
  );
  const list = vendors.data ?? [];
  if (list.length < 2) return <span className="vendor-name">{me.vendor?.name}</span>;
  return (
    <div className="vendor-switcher">
      <label htmlFor={id} className="visually-hidden">
        Shop
      </label>
      <select
        id={id}
        value={me.vendor?.id}
        disabled={switchVendor.isPending}
        onChange={(event) => switchVendor.mutate({ vendorId: event.target.value })}
      >
        {list.map((vendor) => (
          <option key={vendor.id} value={vendor.id}>
            {vendor.name} ({vendor.role})
          </option>
        ))}
      </select>
      {switchVendor.isError && (
        <span role="alert" className="vendor-switcher__error">
          {describeError(switchVendor.error)}
        </span>
      )}
    </div>
  );
}
