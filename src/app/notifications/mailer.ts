import type { Logger } from '../ports.js';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends one message; throws when it could not (the job retries). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

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
