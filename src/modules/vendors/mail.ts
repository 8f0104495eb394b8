import type { MailMessage } from '../mail/mailer.js';

/** `appUrl` is the web app's base URL (config.appUrl), where the link lands. */
export function invitationMail(appUrl: string, to: string, vendorName: string, role: string, token: string): MailMessage {
  const link = `${appUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
  return {
    to,
    subject: `You are invited to join ${vendorName} on Omni-Stock`,
    text: [
      `You have been invited to join ${vendorName} as ${role}.`,
      `Accept the invitation (valid for 7 days): ${link}`,
      `Invitation code: ${token}`,
      'If you did not expect this, ignore this message.',
    ].join('\n\n'),
  };
}
