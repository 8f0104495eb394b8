import { join } from 'node:path';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { outboxMailer } from './outbox.js';
import { smtpMailer } from './smtp.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The mail port: invitations and password resets send through it, never through a transport. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise an outbox of JSON files, for development and tests. */
export function createMailer(config: Config, log: Logger): Mailer {
  return config.mail.smtpUrl
    ? smtpMailer(config.mail.smtpUrl, config.mail.from)
    : outboxMailer(join(config.dataDir, 'outbox'), config.mail.from, log);
}

/**
 * Sends after the write has committed: a failing mail server is logged and reported to the
 * caller as `false`, and never undoes what was saved.
 */
export async function deliver(mailer: Mailer, log: Logger, message: MailMessage): Promise<boolean> {
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    log.warn({ err: error, to: message.to, subject: message.subject }, 'mail could not be sent');
    return false;
  }
}
