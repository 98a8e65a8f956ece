/**
 * Every kind of personal data the product keeps, in one registry, so that deleting, exporting and expiring a user's
 * data reaches every table: each store that keeps personal data registers a {@link PersonalDataKind} for its table(s)
 * at start. docs/privacy.md lists the kinds, their purpose, retention and deletion path.
 */

/** Whose data: a user of a channel, by the ids that channel gives them, with the conversations known to be theirs. */
export interface DataSubject {
  /** `webchat`, `msteams`, `emulator`, … */
  channelId: string;
  /** The channel's user id (a Direct Line user id, a Teams user id). */
  userId: string;
  /** Conversation ids of that channel that belong to the user (the current one at least). */
  conversationIds: string[];
  /**
   * The conversation the user asked in, when they asked themselves: it is emptied and marked as ended instead of
   * deleted at once, so that the confirmation can still reach them; the retention sweep removes it minutes later.
   */
  liveConversationId?: string;
}

export interface PersonalDataKind {
  /** What it is, as exports, audit entries and docs/privacy.md name it (e.g. "direct line conversations"). */
  readonly name: string;
  /** Deletes everything of the subject (or anonymises what must stay, e.g. a ticket's outcome); returns rows affected. */
  deleteSubject(subject: DataSubject): Promise<number>;
  /** Everything of the subject, as plain JSON values (Art. 15 export). */
  exportSubject(subject: DataSubject): Promise<unknown[]>;
  /** Deletes at most `batchSize` rows whose retention ended before `now`; returns how many. Safe to repeat. */
  sweep(now: Date, batchSize: number): Promise<number>;
}

export class PersonalDataRegistry {
  private readonly kinds: PersonalDataKind[] = [];

  register(kind: PersonalDataKind): void {
    this.kinds.push(kind);
  }

  /** The registered kinds, in registration order. */
  list(): readonly PersonalDataKind[] {
    return this.kinds;
  }

  /** Deletes the subject's data of every kind; returns rows affected per kind. */
  async deleteSubject(subject: DataSubject): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const kind of this.kinds) counts[kind.name] = await kind.deleteSubject(subject);
    return counts;
  }

  /** The subject's data of every kind. */
  async exportSubject(subject: DataSubject): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const kind of this.kinds) out[kind.name] = await kind.exportSubject(subject);
    return out;
  }

  /** One sweep over every kind, in batches, until nothing is left to expire; returns rows deleted per kind. */
  async sweep(now: Date, batchSize: number): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const kind of this.kinds) {
      let total = 0;
      for (;;) {
        const deleted = await kind.sweep(now, batchSize);
        total += deleted;
        if (deleted < batchSize) break;
        // Let requests in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      counts[kind.name] = total;
    }
    return counts;
  }
}
