/** What the editor's autosave and presence need from storage (migration 0026). */

/** An autosave as stored: the fields as the form had them (strings), or none (presence only). */
export interface StoredAutosave {
  readonly articleId: number;
  readonly userId: number;
  /** JSON of the typed fields; null when the row only says the user had the article open. */
  readonly fields: string | null;
  /** The revision the fields were typed over. */
  readonly revision: number | null;
  readonly savedAt: Date | null;
  readonly seenAt: Date;
}

/** Another user with the same article open, and when they were last seen there. */
export interface EditorPresence {
  readonly userId: number;
  readonly name: string;
  readonly at: Date;
}

export interface AutosavesRepository {
  /** Writes (or overwrites) the user's autosave of the article; also marks them present. */
  save(
    row: { articleId: number; userId: number; fields: string; revision: number },
    now: Date,
  ): Promise<void>;
  /** Marks the user present on the article, leaving any autosaved fields as they are. */
  touch(articleId: number, userId: number, now: Date): Promise<void>;
  find(articleId: number, userId: number): Promise<StoredAutosave | undefined>;
  /** Drops the user's autosaved fields (a save or a discard); presence stays. */
  clear(articleId: number, userId: number): Promise<void>;
  /** Users other than `userId` seen on the article since `since`, latest first. */
  othersSince(articleId: number, userId: number, since: Date): Promise<EditorPresence[]>;
}
