/**
 * The open Direct Line WebSocket streams, per conversation. A stream first gets what the client missed (the log
 * after its watermark), then every new activity, each as a Direct Line `ActivityGroup`.
 *
 * New activities are announced by the store once committed (`CONVERSATION_CHANNEL`, from this instance or any other
 * sharing the database); each stream then reads the log after what it was sent. One path for the backlog, for this
 * instance's activities and for other instances', so a stream never skips or repeats a watermark. When announcements
 * may have been lost (the database's listening connection came back), every stream catches up.
 */
import type { WebSocket } from 'ws';
import type { Database } from '../../store/database.js';
import { CONVERSATION_CHANNEL, type ConversationStore, type LoggedActivity } from '../../store/conversationStore.js';

/** What the stream and `GET …/activities` deliver: activities and the watermark after them. */
export interface ActivityGroup {
  activities: LoggedActivity[];
  watermark: string;
}

export interface StreamHubOptions {
  /** How often sockets are pinged; a socket that missed the previous pong is dropped. */
  heartbeatMs?: number;
  /** Most open streams per conversation; the oldest is closed when one more opens. */
  maxPerConversation?: number;
}

const BACKLOG_PAGE = 100;

/** Open streams per conversation by default: a few browser tabs, not a flood. */
export const DEFAULT_STREAMS_PER_CONVERSATION = 4;

interface Subscriber {
  socket: WebSocket;
  /** Watermark of the newest activity this socket has been sent. */
  sent: number;
  /** A catch-up is running. */
  catchingUp: boolean;
  /** Something was announced while the catch-up ran: it reads once more. */
  again: boolean;
  alive: boolean;
}

/** Close code for streams ended by a server shutdown; directlinejs reconnects after it. */
export const GOING_AWAY = 1001;

/** Close code for a stream replaced by a newer one of the same conversation (over the per-conversation cap). */
const POLICY_VIOLATION = 1008;

/** Open WebSocket streams per conversation; owned by the `DirectLineAdapter`. */
export class StreamHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopListening: (() => void)[];
  private readonly maxPerConversation: number;

  constructor(
    private readonly store: ConversationStore,
    db: Pick<Database, 'listen' | 'onResync'>,
    options: StreamHubOptions = {},
  ) {
    this.maxPerConversation = options.maxPerConversation ?? DEFAULT_STREAMS_PER_CONVERSATION;
    this.heartbeat = setInterval(() => this.checkAlive(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    this.stopListening = [
      db.listen(CONVERSATION_CHANNEL, (payload) => {
        const [conversationId, watermark] = payload.split(' ');
        if (conversationId) this.announce(conversationId, Number(watermark) || Number.MAX_SAFE_INTEGER);
      }),
      db.onResync(() => {
        for (const conversationId of this.subscribers.keys()) this.announce(conversationId, Number.MAX_SAFE_INTEGER);
      }),
    ];
  }

  /** Adds a socket to a conversation and sends it the log after `watermark`, then every new entry. */
  attach(conversationId: string, socket: WebSocket, watermark: number): void {
    const subscriber: Subscriber = { socket, sent: watermark, catchingUp: false, again: false, alive: true };
    let set = this.subscribers.get(conversationId);
    if (!set) this.subscribers.set(conversationId, (set = new Set()));
    set.add(subscriber);
    if (set.size > this.maxPerConversation) {
      const oldest = set.values().next().value!;
      set.delete(oldest);
      oldest.socket.close(POLICY_VIOLATION, 'too many streams for this conversation');
    }

    socket.on('pong', () => (subscriber.alive = true));
    // Clients send empty keep-alive messages; nothing else is expected, so incoming data is ignored.
    socket.on('close', () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(conversationId) === set) this.subscribers.delete(conversationId);
    });
    socket.on('error', () => socket.terminate());
    void this.catchUp(conversationId, subscriber);
  }

  /** Sends an activity that is not kept in the log (a typing indicator) with the current watermark. */
  publishEphemeral(conversationId: string, activity: LoggedActivity): void {
    for (const subscriber of this.subscribers.get(conversationId) ?? []) {
      this.send(subscriber, { activities: [activity], watermark: String(subscriber.sent) });
    }
  }

  /** Number of open streams of a conversation. */
  count(conversationId: string): number {
    return this.subscribers.get(conversationId)?.size ?? 0;
  }

  /** Number of open streams in all. */
  total(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** Closes every stream with 1001 ("going away"), so that clients reconnect to the next server. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const stop of this.stopListening) stop();
    const sockets = [...this.subscribers.values()].flatMap((set) => [...set].map((s) => s.socket));
    this.subscribers.clear();
    for (const socket of sockets) socket.close(GOING_AWAY, 'server shutting down');
    // Sockets that do not finish the closing handshake in time must not keep the HTTP server open.
    setTimeout(() => sockets.forEach((socket) => socket.terminate()), 1000).unref();
  }

  /** Ends a conversation's streams, e.g. after the conversation was deleted. */
  disconnect(conversationId: string): void {
    for (const { socket } of this.subscribers.get(conversationId) ?? []) socket.close(GOING_AWAY, 'conversation ended');
  }

  /** The log of a conversation grew to `watermark`: streams that were sent less catch up. */
  private announce(conversationId: string, watermark: number): void {
    for (const subscriber of this.subscribers.get(conversationId) ?? []) {
      if (watermark > subscriber.sent) void this.catchUp(conversationId, subscriber);
    }
  }

  /** Sends the log after `sent` in pages; one catch-up per subscriber at a time, so groups arrive in order. */
  private async catchUp(conversationId: string, subscriber: Subscriber): Promise<void> {
    if (subscriber.catchingUp) {
      subscriber.again = true;
      return;
    }
    subscriber.catchingUp = true;
    try {
      do {
        subscriber.again = false;
        for (;;) {
          if (subscriber.socket.readyState !== subscriber.socket.OPEN) return;
          const entries = await this.store.activitiesAfter(conversationId, subscriber.sent, BACKLOG_PAGE);
          if (entries.length > 0) {
            subscriber.sent = entries[entries.length - 1]!.watermark;
            this.send(subscriber, { activities: entries.map((e) => e.activity), watermark: String(subscriber.sent) });
          }
          if (entries.length < BACKLOG_PAGE) break;
        }
      } while (subscriber.again);
    } catch {
      // The store failed (database unreachable): drop the stream; the client reconnects with its watermark.
      subscriber.socket.terminate();
    } finally {
      subscriber.catchingUp = false;
    }
  }

  private send(subscriber: Subscriber, group: ActivityGroup): void {
    if (subscriber.socket.readyState === subscriber.socket.OPEN) subscriber.socket.send(JSON.stringify(group));
  }

  private checkAlive(): void {
    for (const set of this.subscribers.values()) {
      for (const subscriber of set) {
        if (!subscriber.alive) {
          subscriber.socket.terminate();
          continue;
        }
        subscriber.alive = false;
        subscriber.socket.ping();
      }
    }
  }
}
