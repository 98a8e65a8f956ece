/**
 * Keyed pseudonyms for users: the same user of a channel always gets the same pseudonym, but without the key nobody
 * can tell who it is or link it to the channel's ids. Data kept for statistics (the question log) refers to users
 * this way only; a user's request to delete their data finds their rows by computing the pseudonym again.
 */
import { createHmac } from 'node:crypto';

/** Pseudonyms kept for the ids seen most recently: every logged question needs two (user, conversation). */
const KEPT_PSEUDONYMS = 1024;

export class Pseudonyms {
  /** Recently computed pseudonyms by `<channel>\0<id>`; emptied when full (an HMAC is cheap, but not per turn). */
  private readonly recent = new Map<string, string>();

  constructor(private readonly key: string) {}

  /** The pseudonym of a user id in a channel. */
  of(channelId: string, userId: string): string {
    const input = `${channelId}\u0000${userId}`;
    let pseudonym = this.recent.get(input);
    if (pseudonym === undefined) {
      pseudonym = createHmac('sha256', this.key).update(input).digest('base64url').slice(0, 22);
      if (this.recent.size >= KEPT_PSEUDONYMS) this.recent.clear();
      this.recent.set(input, pseudonym);
    }
    return pseudonym;
  }
}
