/**
 * Keyed pseudonyms for users: the same user of a channel always gets the same pseudonym, but without the key nobody
 * can tell who it is or link it to the channel's ids. Data kept for statistics (the question log) refers to users
 * this way only; a user's request to delete their data finds their rows by computing the pseudonym again.
 */
import { createHmac } from 'node:crypto';

export class Pseudonyms {
  constructor(private readonly key: string) {}

  /** The pseudonym of a user id in a channel. */
  of(channelId: string, userId: string): string {
    return createHmac('sha256', this.key).update(`${channelId}\u0000${userId}`).digest('base64url').slice(0, 22);
  }
}
