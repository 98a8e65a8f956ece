/**
 * Schema changes, applied once each, in order, in either dialect. Never edit a migration that has shipped: add a new
 * one. Both dialects keep the same tables and columns: times as ISO text, JSON as text, flags as 0/1 integers, so that
 * the stores read rows the same way from either.
 */
export interface Migration {
  id: string;
  sqlite: string;
  postgres: string;
}

export const migrations: Migration[] = [
  {
    id: '001-bot-state',
    sqlite: `
      CREATE TABLE bot_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        etag INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );`,
    postgres: `
      CREATE TABLE bot_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        etag BIGINT NOT NULL,
        updated_at TEXT NOT NULL
      );`,
  },
  {
    id: '002-directline-conversations',
    sqlite: `
      CREATE TABLE directline_conversations (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        locale TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0
      );
      -- Append-only log: an update or deletion is a new row with the same activity_id.
      CREATE TABLE directline_activities (
        conversation_id TEXT NOT NULL REFERENCES directline_conversations(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        activity_id TEXT NOT NULL,
        activity TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX directline_activities_by_id ON directline_activities (conversation_id, activity_id);`,
    postgres: `
      CREATE TABLE directline_conversations (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        locale TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        last_seq BIGINT NOT NULL DEFAULT 0
      );
      CREATE TABLE directline_activities (
        conversation_id TEXT NOT NULL REFERENCES directline_conversations(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        activity_id TEXT NOT NULL,
        activity TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      );
      CREATE INDEX directline_activities_by_id ON directline_activities (conversation_id, activity_id);`,
  },
  {
    id: '003-handoff',
    sqlite: `
      -- What users, the bot and staff wrote, per conversation (key = channel id + conversation id).
      CREATE TABLE handoff_messages (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_key TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'bot', 'staff')),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX handoff_messages_by_conversation ON handoff_messages (conversation_key, seq);
      -- The latest conversation reference of every conversation the bot has seen, for proactive messages.
      CREATE TABLE handoff_references (
        conversation_key TEXT PRIMARY KEY,
        reference TEXT NOT NULL,
        user_name TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE handoff_tickets (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        state TEXT NOT NULL CHECK (state IN ('queued', 'active', 'resolved', 'returned', 'cancelled')),
        conversation_key TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        reference TEXT NOT NULL,
        user_name TEXT NOT NULL,
        lang TEXT NOT NULL,
        reason TEXT NOT NULL,
        topic TEXT NOT NULL,
        provider_ids TEXT NOT NULL,
        claimed_by_id TEXT,
        claimed_by_name TEXT,
        transcript_from_seq INTEGER NOT NULL,
        transcript_to_seq INTEGER,
        staff_conversation_id TEXT,
        staff_activity_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- At most one open ticket per conversation: a double click on "connect" cannot queue two.
      CREATE UNIQUE INDEX handoff_tickets_open ON handoff_tickets (conversation_key) WHERE state IN ('queued', 'active');
      CREATE INDEX handoff_tickets_by_card ON handoff_tickets (staff_activity_id);
      CREATE TABLE handoff_ticket_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id INTEGER NOT NULL REFERENCES handoff_tickets(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX handoff_ticket_events_by_ticket ON handoff_ticket_events (ticket_id, id);
      -- Small named values of the handoff feature (the staff channel's conversation reference).
      CREATE TABLE handoff_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );`,
    postgres: `
      CREATE TABLE handoff_messages (
        seq BIGSERIAL PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'bot', 'staff')),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX handoff_messages_by_conversation ON handoff_messages (conversation_key, seq);
      CREATE TABLE handoff_references (
        conversation_key TEXT PRIMARY KEY,
        reference TEXT NOT NULL,
        user_name TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE handoff_tickets (
        id BIGSERIAL PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('queued', 'active', 'resolved', 'returned', 'cancelled')),
        conversation_key TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        reference TEXT NOT NULL,
        user_name TEXT NOT NULL,
        lang TEXT NOT NULL,
        reason TEXT NOT NULL,
        topic TEXT NOT NULL,
        provider_ids TEXT NOT NULL,
        claimed_by_id TEXT,
        claimed_by_name TEXT,
        transcript_from_seq BIGINT NOT NULL,
        transcript_to_seq BIGINT,
        staff_conversation_id TEXT,
        staff_activity_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX handoff_tickets_open ON handoff_tickets (conversation_key) WHERE state IN ('queued', 'active');
      CREATE INDEX handoff_tickets_by_card ON handoff_tickets (staff_activity_id);
      CREATE TABLE handoff_ticket_events (
        id BIGSERIAL PRIMARY KEY,
        ticket_id BIGINT NOT NULL REFERENCES handoff_tickets(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX handoff_ticket_events_by_ticket ON handoff_ticket_events (ticket_id, id);
      CREATE TABLE handoff_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );`,
  },
  {
    id: '004-app-secrets',
    sqlite: `
      -- Keys the product generates for itself, shared by every instance (see src/store/secrets.ts).
      CREATE TABLE app_secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL
      );`,
    postgres: `
      CREATE TABLE app_secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL
      );`,
  },
  {
    id: '020-privacy',
    sqlite: `
      -- Who (staff or the user), when and what: every staff access to a transcript, every export and deletion.
      CREATE TABLE privacy_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX privacy_audit_by_time ON privacy_audit (at);
      -- Set when the user deleted their data: the conversation keeps only the closing message until it is swept.
      ALTER TABLE directline_conversations ADD COLUMN ended_at TEXT;
      -- The time of the last activity, so that retention finds expired conversations without reading their logs.
      ALTER TABLE directline_conversations ADD COLUMN last_activity_at TEXT;
      UPDATE directline_conversations SET last_activity_at = created_at;
      CREATE INDEX directline_conversations_by_activity ON directline_conversations (last_activity_at);
      CREATE INDEX bot_state_by_time ON bot_state (updated_at);
      CREATE INDEX handoff_messages_by_time ON handoff_messages (created_at);
      CREATE INDEX handoff_references_by_time ON handoff_references (updated_at);
      CREATE INDEX handoff_tickets_by_update ON handoff_tickets (updated_at);`,
    postgres: `
      CREATE TABLE privacy_audit (
        id BIGSERIAL PRIMARY KEY,
        at TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX privacy_audit_by_time ON privacy_audit (at);
      ALTER TABLE directline_conversations ADD COLUMN ended_at TEXT;
      ALTER TABLE directline_conversations ADD COLUMN last_activity_at TEXT;
      UPDATE directline_conversations SET last_activity_at = created_at;
      CREATE INDEX directline_conversations_by_activity ON directline_conversations (last_activity_at);
      CREATE INDEX bot_state_by_time ON bot_state (updated_at);
      CREATE INDEX handoff_messages_by_time ON handoff_messages (created_at);
      CREATE INDEX handoff_references_by_time ON handoff_references (updated_at);
      CREATE INDEX handoff_tickets_by_update ON handoff_tickets (updated_at);`,
  },
];
