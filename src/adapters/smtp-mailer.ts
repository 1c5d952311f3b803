import type { Transporter } from 'nodemailer';
import type { Mailer } from '../app/notifications/ports.js';

/**
 * SMTP through nodemailer, from an `smtp://user:pass@host:587` or `smtps://…:465` URL
 * (NEWSDESK_SMTP_URL). The sender is `?from=` on that URL, else no-reply@ the site's host.
 */
export function smtpMailer(smtpUrl: string, site: { title: string; url: string }): Mailer {
  const url = new URL(smtpUrl);
  const from =
    url.searchParams.get('from') ??
    `"${site.title.replace(/"/g, '')}" <no-reply@${new URL(site.url).hostname}>`;
  url.searchParams.delete('from');
  // nodemailer is loaded with the first message, not at boot: it is among the largest modules
  // a server would otherwise hold, and most processes never send mail.
  let transport: Promise<Transporter> | undefined;
  const transportOnce = () =>
    (transport ??= import('nodemailer').then((m) => m.default.createTransport(url.toString())));
  return {
    async send(message) {
      await (
        await transportOnce()
      ).sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}
