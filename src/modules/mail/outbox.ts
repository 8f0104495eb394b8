import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logger.js';
import type { Mailer } from './mailer.js';

/**
 * Each message becomes `<dir>/<time>-<uuid>.json`. Only subject and recipient are logged: the
 * body carries single-use links that do not belong in logs.
 */
export function outboxMailer(dir: string, from: string, log: Logger): Mailer {
  return {
    async send(message) {
      await mkdir(dir, { recursive: true });
      const sentAt = new Date();
      const file = join(dir, `${sentAt.getTime()}-${randomUUID()}.json`);
      await writeFile(file, JSON.stringify({ from, ...message, sentAt: sentAt.toISOString() }, null, 2));
      log.info({ to: message.to, subject: message.subject, file }, 'mail written to the outbox');
    },
  };
}
