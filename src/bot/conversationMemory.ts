/**
 * The conversation's memory in the bot state store: read once per turn, written back at its end only when it changed.
 *
 * Stored where botbuilder's `ConversationState` with a property `memory` kept it (key `<channel>/conversations/<id>/`,
 * value `{ memory }`), so that rows written before and the privacy service's deletion and export (which find a
 * conversation's row by that key) stay as they are. It replaces `ConversationState` on the turn path: that one
 * hashes the whole state with a replacer-driven JSON writer and SHA-256 when it loads and again when it saves; here a
 * plain `JSON.stringify` of the memory, compared as text, tells whether anything changed.
 */
import type { Storage, TurnContext } from 'botbuilder';
import { conversationStateKey } from '../store/personalDataKinds.js';
import { emptyMemory, type ConversationMemory } from '../core/types.js';

/** The memory plus what only the bot layer keeps: whether the conversation was welcomed. */
export type BotMemory = ConversationMemory & { welcomed?: boolean };

/** What a turn read: the storage key, the stored item, and its memory as JSON when read (to tell a change). */
interface Loaded {
  key: string;
  item: Record<string, unknown>;
  memoryJson: string | undefined;
}

/** turnState key of the memory read in this turn. */
const LOADED = Symbol('conversationMemory');

export class ConversationMemoryStore {
  constructor(private readonly storage: Storage) {}

  /** The memory of the turn's conversation (a fresh one when nothing is stored), read at most once per turn. */
  async get(context: TurnContext): Promise<BotMemory> {
    let loaded = context.turnState.get(LOADED) as Loaded | undefined;
    if (!loaded) {
      const key = storageKey(context);
      const item = ((await this.storage.read([key]))[key] ?? {}) as Record<string, unknown>;
      loaded = { key, item, memoryJson: item.memory === undefined ? undefined : JSON.stringify(item.memory) };
      // A conversation without memory gets a fresh one, written at the end of the turn (as botbuilder's property
      // accessor does with its default value).
      item.memory ??= emptyMemory();
      context.turnState.set(LOADED, loaded);
    }
    return loaded.item.memory as BotMemory;
  }

  /** Replaces the memory for the rest of the turn; written by {@link save}. */
  set(context: TurnContext, memory: BotMemory): void {
    const loaded = context.turnState.get(LOADED) as Loaded | undefined;
    if (!loaded) throw new Error('ConversationMemoryStore.set before get in this turn');
    loaded.item = { ...loaded.item, memory };
  }

  /** Writes the memory if this turn changed it (the last write wins, as with botbuilder's ConversationState). */
  async save(context: TurnContext): Promise<void> {
    const loaded = context.turnState.get(LOADED) as Loaded | undefined;
    if (!loaded) return;
    const memoryJson = JSON.stringify(loaded.item.memory);
    if (memoryJson === loaded.memoryJson) return;
    await this.storage.write({ [loaded.key]: { ...loaded.item, eTag: '*' } });
    loaded.memoryJson = memoryJson;
  }
}

function storageKey(context: TurnContext): string {
  const { channelId, conversation } = context.activity;
  if (!channelId) throw new Error('missing activity.channelId');
  if (!conversation?.id) throw new Error('missing activity.conversation.id');
  return conversationStateKey(channelId, conversation.id);
}
