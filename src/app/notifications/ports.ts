/** Mail to moderators: the outbox rows written with the change they report, and a sender. */

export interface OutboxMessage {
  readonly id: number;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  readonly status: 'queued' | 'sent';
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly lastError: string | null;
}

/** Mail waiting to be sent; written in the transaction of the change it reports. */
export interface OutboxRepository {
  insert(
    message: { readonly recipient: string; readonly subject: string; readonly body: string },
    now: Date,
  ): Promise<OutboxMessage>;
  findById(id: number): Promise<OutboxMessage | undefined>;
  markSent(id: number, now: Date): Promise<void>;
  recordError(id: number, error: string): Promise<void>;
  list(limit?: number): Promise<OutboxMessage[]>;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends one message; throws when it could not (the job retries). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
