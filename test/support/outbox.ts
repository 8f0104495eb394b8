import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app } from './app.js';

export interface OutboxMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** Messages the outbox adapter wrote for one recipient, oldest first (recipients are unique per test). */
export async function mailsTo(email: string): Promise<OutboxMessage[]> {
  const dir = join(app().config.dataDir, 'outbox');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  const messages = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as OutboxMessage));
  return messages.filter((m) => m.to === email);
}

/** The token in the last mail to `email` (the `token=` query parameter of its link). */
export async function tokenMailedTo(email: string): Promise<string> {
  const last = (await mailsTo(email)).at(-1);
  const match = last?.text.match(/token=([\w%-]+)/);
  if (!match?.[1]) throw new Error(`no mail with a token for ${email}`);
  return decodeURIComponent(match[1]);
}
