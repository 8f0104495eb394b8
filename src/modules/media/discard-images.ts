import type { AppServices } from '../../services.js';
import { objectPathOf } from './url-policy.js';

/**
 * Deletes the stored objects behind image URLs that left a gallery (or a deleted item), after the
 * write committed. External URLs are left alone; failures are logged by the storage, never thrown.
 */
export async function discardImages(services: Pick<AppServices, 'storage' | 'imageUrlPolicy'>, urls: string[]) {
  const paths = urls.map((url) => objectPathOf(services.imageUrlPolicy, url)).filter((path) => path !== null);
  if (paths.length) await services.storage.deleteObjects(paths);
}
