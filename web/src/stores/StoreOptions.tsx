import type { StoreOutput } from '@api/modules/vendors/contract';

/** A store select's options: the "any" choice (value ""), then each store, archived ones marked. */
export function StoreOptions({ stores, any }: { stores: StoreOutput[] | undefined; any: string }) {
  return (
    <>
      <option value="">{any}</option>
      {stores?.map((store) => (
        <option key={store.id} value={store.id}>
          {store.name}
          {store.isActive ? '' : ' (archived)'}
        </option>
      ))}
    </>
  );
}
