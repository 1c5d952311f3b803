import type { Mailer } from '../app/notifications/ports.js';
import type { Logger } from '../app/ports.js';

/** Without NEWSDESK_SMTP_URL, notifications are written to the log instead of sent. */
export function logMailer(logger: Logger): Mailer {
  return {
    async send(message) {
      logger.info(
        { to: message.to, subject: message.subject, text: message.text },
        'notification (no SMTP configured, logged instead)',
      );
    },
  };
}
