import type { Mailer } from './mailer.js';

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  // Loaded on first use: nodemailer adds ~25 MB to every process, most of which never mail.
  const transport = import('nodemailer').then(({ createTransport }) => createTransport(smtpUrl));
  return {
    async send(message) {
      await (await transport).sendMail({ from, ...message });
    },
  };
}
