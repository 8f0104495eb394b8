import type { Config } from '../../config.js';
import type { MailMessage } from '../mail/mailer.js';

export function passwordResetMail(config: Config, to: string, token: string): MailMessage {
  const link = `${config.appUrl}/reset-password?token=${encodeURIComponent(token)}`;
  return {
    to,
    subject: 'Reset your Omni-Stock password',
    text: [
      `Choose a new password (the link works once, for 1 hour): ${link}`,
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n\n'),
  };
}
