import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, notFound } from '../../../core/errors.js';
import type { IVendorMember } from '../../vendors/entities.js';
import { assertCanInStore, canReadStore, storeScopeOf } from '../../vendors/selectors/store-scope.js';
import type { ImageType } from '../contract.js';
import { extensionFor, newObjectPath } from '../images.js';
import { findItemStore as findItemStoreInDb, type FindItemStore } from '../item-store.js';
import type { StoragePort } from '../storage/port.js';

export interface UploadRequest {
  fileName: string;
  contentType: ImageType;
  size: number;
  itemId?: string;
}

/**
 * A signed, single-object upload into the vendor's folder. Images are item edits: the caller must
 * manage the item's store, or (for an image not yet attached to an item) at least one store.
 */
export async function createUploadUrl(
  em: EntityManager,
  storage: StoragePort,
  member: IVendorMember,
  input: UploadRequest,
  findItemStore: FindItemStore = findItemStoreInDb,
) {
  const vendorId = member.vendor.id;
  const scope = await storeScopeOf(em, member);
  if (input.itemId) {
    const storeId = await findItemStore(em, vendorId, input.itemId);
    // An item in a store the caller cannot read answers exactly like one that does not exist.
    if (!storeId || !canReadStore(scope, storeId)) throw notFound('Item');
    assertCanInStore(scope, 'manage', storeId);
  } else if (!scope.all && scope.manage.length === 0) {
    throw forbidden('Uploading item images needs a manager grant for a store');
  }
  const path = newObjectPath(vendorId, input.itemId, extensionFor(input.contentType, input.fileName));
  const upload = await storage.createUploadUrl({ path, contentType: input.contentType, size: input.size });
  return {
    uploadUrl: upload.uploadUrl,
    ...(upload.token ? { token: upload.token } : {}),
    path,
    publicUrl: storage.publicUrl(path),
    expiresAt: upload.expiresAt.toISOString(),
  };
}
