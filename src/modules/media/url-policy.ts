import type { Config } from '../../config.js';
import { vendorOfPath } from './images.js';
import type { StoragePort } from './storage/port.js';

/**
 * Which image URLs an item may carry, built once from configuration and the active storage.
 * URLs into our own storage must be objects of the caller's vendor folder; other URLs must be on
 * a host listed in IMAGE_HOSTS. https only, except plain http outside production.
 */
export interface ImageUrlPolicy {
  /** Hosts (host[:port], lower case) of external image servers. */
  allowedHosts: string[];
  /** Our storage's public URL prefix, followed by `<vendorId>/...` object paths. */
  storageBase: URL;
  allowHttp: boolean;
}

export function imageUrlPolicy(config: Pick<Config, 'imageHosts' | 'isProduction'>, storage: Pick<StoragePort, 'publicBase'>): ImageUrlPolicy {
  return { allowedHosts: config.imageHosts, storageBase: new URL(storage.publicBase), allowHttp: !config.isProduction };
}

/** The reason a URL is refused for this vendor's item, or null when it is fine. */
export function imageUrlProblem(policy: ImageUrlPolicy, vendorId: string, url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return 'must be a valid URL';
  if (parsed.protocol !== 'https:' && !(policy.allowHttp && parsed.protocol === 'http:')) return 'must be an https URL';
  if (inStorage(policy, parsed)) {
    const owner = vendorOfPath(storagePath(policy, parsed));
    if (!owner) return 'is not an image of our storage';
    return owner === vendorId ? null : "points into another vendor's folder";
  }
  if (!policy.allowedHosts.includes(parsed.host)) return `host ${parsed.host} is not an allowed image host`;
  return null;
}

/**
 * The object path of a URL into our storage (for deleting the object when the image leaves a
 * gallery), or null for an external URL or anything that is not one of our object paths.
 */
export function objectPathOf(policy: ImageUrlPolicy, url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || !inStorage(policy, parsed)) return null;
  const path = storagePath(policy, parsed);
  return vendorOfPath(path) ? path : null;
}

/**
 * The one URL an image is stored under: an object of our storage as the storage base followed by
 * its object path (query, fragment, %-escapes and host case dropped, so no alias of another item's
 * image escapes the checks that compare stored URLs), any other URL as sent.
 */
export function canonicalImageUrl(policy: ImageUrlPolicy, url: string): string {
  const path = objectPathOf(policy, url);
  return path === null ? url : policy.storageBase.href + path;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

// Scheme aside (checked on its own), so an https URL of a local http base is still recognised.
const inStorage = (policy: ImageUrlPolicy, url: URL) =>
  url.host === policy.storageBase.host && url.pathname.startsWith(policy.storageBase.pathname);

/** The path after the storage prefix, decoded; encoded slashes or dots never pass the object-path check. */
function storagePath(policy: ImageUrlPolicy, url: URL): string {
  const rest = url.pathname.slice(policy.storageBase.pathname.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}
