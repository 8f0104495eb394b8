import { sentence } from './errors';
import { accessToken } from './session';

/** A query string of the defined values (booleans and numbers as their text, as REST reads them). */
export function queryString(values: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  return params.toString();
}

/**
 * Downloads a CSV export (GET /exports/…) with the session's token: the answer becomes a Blob, an
 * object URL and a temporary `<a download>` clicked once, so the browser saves it under the name
 * the server gave. Rejects with a sentence for the user when the server refuses.
 */
export async function downloadExport(path: string, query: string): Promise<void> {
  const token = await accessToken();
  const response = await fetch(`${path}${query ? `?${query}` : ''}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => {
    throw new Error('The server could not be reached. Check your connection and try again.');
  });
  if (!response.ok) throw new Error(await refusal(response));
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser; the URL can go once this task is over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function refusal(response: Response): Promise<string> {
  if (response.status === 401) return 'Your session has ended. Please sign in again.';
  if (response.status === 403) return 'You do not have permission to export this.';
  if (response.status === 429) return 'Too many exports at once. Please wait a minute and try again.';
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return response.status === 400 && body?.error?.message ? `The export could not start: ${sentence(body.error.message)}` : 'The export failed. Please try again.';
}
