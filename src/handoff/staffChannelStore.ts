/**
 * The Teams channel that receives ticket cards, as the handoff keeps it: the channel's address and its team, stored
 * once it is known, so it survives restarts and is the same on every instance. How it becomes known (configuration,
 * an authenticated staff command) is the bot layer's business (`src/bot/handoff/staffChannel.ts`).
 */
import type { Database } from '../store/database.js';
import type { ConversationAddress } from './address.js';

const SETTINGS_KEY = 'staffChannel';

export interface StaffChannel {
  /** Address whose conversation id is the channel id: sending to it starts a new post in the channel. */
  reference: ConversationAddress;
  teamId?: string;
}

export class StaffChannelStore {
  /** The stored value as last read or written by this instance, to skip writes that change nothing. */
  private lastJson?: string;

  constructor(private readonly db: Database) {}

  async get(): Promise<StaffChannel | undefined> {
    const row = await this.db.get<{ value: string }>('SELECT value FROM handoff_settings WHERE key = ?', [SETTINGS_KEY]);
    this.lastJson = row?.value;
    return row ? (JSON.parse(row.value) as StaffChannel) : undefined;
  }

  /** Stores the channel; a write that changes nothing is skipped. */
  async save(channel: StaffChannel): Promise<void> {
    const json = JSON.stringify(channel);
    if (json === this.lastJson) return;
    await this.db.run(
      `INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [SETTINGS_KEY, json, new Date().toISOString()],
    );
    this.lastJson = json;
  }
}
