/**
 * The open Direct Line WebSocket streams, per conversation. A stream first gets what the client missed (the log
 * after its watermark), then every new activity, each as a Direct Line `ActivityGroup`.
 */
import type { WebSocket } from 'ws';
import type { ConversationStore, LoggedActivity } from '../../store/conversationStore.js';

/** What the stream and `GET …/activities` deliver: activities and the watermark after them. */
export interface ActivityGroup {
  activities: LoggedActivity[];
  watermark: string;
}

export interface StreamHubOptions {
  /** How often sockets are pinged; a socket that missed the previous pong is dropped. */
  heartbeatMs?: number;
}

const BACKLOG_PAGE = 100;

interface Subscriber {
  socket: WebSocket;
  /** Watermark of the newest activity this socket has been sent. */
  sent: number;
  alive: boolean;
}

/** Close code for streams ended by a server shutdown; directlinejs reconnects after it. */
const GOING_AWAY = 1001;

/** Open WebSocket streams per conversation; owned by the `DirectLineAdapter`. */
export class StreamHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly store: ConversationStore,
    options: StreamHubOptions = {},
  ) {
    this.heartbeat = setInterval(() => this.checkAlive(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /**
   * Adds a socket to a conversation and sends it the log after `watermark`. Reading the backlog and subscribing
   * happen in the same tick (the store is synchronous), so no activity falls between them.
   */
  attach(conversationId: string, socket: WebSocket, watermark: number): void {
    const subscriber: Subscriber = { socket, sent: watermark, alive: true };
    let set = this.subscribers.get(conversationId);
    if (!set) this.subscribers.set(conversationId, (set = new Set()));
    set.add(subscriber);

    socket.on('pong', () => (subscriber.alive = true));
    // Clients send empty keep-alive messages; nothing else is expected, so incoming data is ignored.
    socket.on('close', () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(conversationId) === set) this.subscribers.delete(conversationId);
    });
    socket.on('error', () => socket.terminate());

    for (;;) {
      const entries = this.store.activitiesAfter(conversationId, subscriber.sent, BACKLOG_PAGE);
      if (entries.length === 0) break;
      subscriber.sent = entries[entries.length - 1]!.watermark;
      this.send(subscriber, { activities: entries.map((e) => e.activity), watermark: String(subscriber.sent) });
    }
  }

  /** Sends a logged activity to every stream of its conversation. */
  publish(conversationId: string, activity: LoggedActivity, watermark: number): void {
    for (const subscriber of this.subscribers.get(conversationId) ?? []) {
      if (watermark <= subscriber.sent) continue;
      subscriber.sent = watermark;
      this.send(subscriber, { activities: [activity], watermark: String(watermark) });
    }
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

  /** Closes every stream with 1001 ("going away"), so that clients reconnect to the next server. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const set of this.subscribers.values()) {
      for (const { socket } of set) socket.close(GOING_AWAY, 'server shutting down');
    }
    // Sockets that do not finish the closing handshake in time must not keep the HTTP server open.
    const sockets = [...this.subscribers.values()].flatMap((set) => [...set].map((s) => s.socket));
    this.subscribers.clear();
    setTimeout(() => sockets.forEach((socket) => socket.terminate()), 1000).unref();
  }

  /** Ends a conversation's streams, e.g. after the conversation was deleted. */
  disconnect(conversationId: string): void {
    for (const { socket } of this.subscribers.get(conversationId) ?? []) socket.close(GOING_AWAY, 'conversation ended');
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
