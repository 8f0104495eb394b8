/**
 * Which image URLs an item may carry: HTTPS on an allowed host. Returns the reason a URL is
 * refused, or null when it is fine; item validation reports the reason on the field.
 */
export interface ImageUrlPolicy {
  allowedHosts: string[];
}

export function imageUrlProblem(policy: ImageUrlPolicy, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a valid URL';
  }
  if (parsed.protocol !== 'https:') return 'must be an https URL';
  if (!policy.allowedHosts.includes(parsed.host.toLowerCase())) return `host ${parsed.host} is not an allowed image host`;
  return null;
}
