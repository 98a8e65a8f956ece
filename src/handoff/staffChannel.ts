/**
 * The Teams channel that receives ticket cards. Its conversation reference is captured when the app is installed in
 * the staff team (or when the bot hears from the configured channel) and kept in SQLite, so it survives restarts.
 *
 * Which channel: `STAFF_CHANNEL_ID` when set (the install must come from that channel's team); otherwise the General
 * channel of the first team the app is installed in. Later installs in other teams (companies use the app in
 * their own teams too) never move the staff channel.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import { statement, type Db } from '../store/database.js';

const SETTINGS_KEY = 'staffChannel';

export interface StaffChannel {
  /** Reference whose conversation id is the channel id: sending to it starts a new post in the channel. */
  reference: Partial<ConversationReference>;
  teamId?: string;
}

/** A Teams conversation id without the thread part (`19:…@thread.tacv2;messageid=123` → `19:…@thread.tacv2`). */
export function baseConversationId(conversationId: string | undefined): string {
  return (conversationId ?? '').split(';')[0]!;
}

/** The thread root activity id of a Teams channel thread conversation id, if it is one. */
export function threadRootId(conversationId: string | undefined): string | undefined {
  const match = /;messageid=([^;]+)/.exec(conversationId ?? '');
  return match?.[1];
}

/** The conversation id of the thread below a post in a channel. */
export function threadConversationId(channelConversationId: string, rootActivityId: string): string {
  return `${baseConversationId(channelConversationId)};messageid=${rootActivityId}`;
}

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

export class StaffChannelRegistry {
  constructor(
    private readonly db: Db,
    /** `STAFF_CHANNEL_ID` from the config. */
    private readonly configuredChannelId: string | undefined,
  ) {}

  get(): StaffChannel | undefined {
    const value = this.storedJson();
    return value ? (JSON.parse(value) as StaffChannel) : undefined;
  }

  private storedJson(): string | undefined {
    return statement(this.db, 'SELECT value FROM handoff_settings WHERE key = ?').pluck().get(SETTINGS_KEY) as string | undefined;
  }

  /** True when the activity comes from the staff channel or a thread in it. */
  isStaffConversation(activity: Partial<Activity>): boolean {
    if (activity.channelId !== 'msteams') return false;
    const channel = this.get();
    const id = baseConversationId(activity.conversation?.id);
    return Boolean(channel && id && baseConversationId(channel.reference.conversation?.id) === id);
  }

  /**
   * Looks at a bot installation in a team and decides whether it is the staff channel's team. `teamChannelIds`
   * answers which channels the team has (a Bot Connector call), asked only when the configured channel is neither
   * the team's General channel nor the install's own channel. Returns the channel when it was captured.
   */
  async captureFromInstall(
    activity: Partial<Activity>,
    teamChannelIds: () => Promise<string[]>,
  ): Promise<StaffChannel | undefined> {
    if (activity.channelId !== 'msteams' || activity.conversation?.conversationType !== 'channel') return undefined;
    const data = (activity.channelData ?? {}) as TeamsChannelData;
    const teamId = data.team?.id;
    const installChannel = baseConversationId(activity.conversation?.id);
    let channelId: string | undefined;
    if (this.configuredChannelId) {
      const here = [teamId, installChannel, data.channel?.id].includes(this.configuredChannelId);
      const inTeam = here || (await teamChannelIds().catch(() => [] as string[])).includes(this.configuredChannelId);
      if (inTeam) channelId = this.configuredChannelId;
    } else if (!this.get()) {
      // The install event arrives in the team's General channel (whose id is the team id).
      channelId = installChannel || teamId;
    } else if (this.get()?.teamId === teamId) {
      // The staff team re-installed the app: refresh the reference (service URL may have changed).
      channelId = baseConversationId(this.get()!.reference.conversation?.id);
    }
    if (!channelId) return undefined;
    return this.save(activity, channelId, teamId);
  }

  /**
   * A message from the configured channel also tells where it is (e.g. after the app was installed before this
   * feature existed). Returns the channel when it was captured or refreshed.
   */
  captureFromMessage(activity: Partial<Activity>): StaffChannel | undefined {
    if (!this.configuredChannelId || activity.channelId !== 'msteams') return undefined;
    if (baseConversationId(activity.conversation?.id) !== this.configuredChannelId) return undefined;
    const data = (activity.channelData ?? {}) as TeamsChannelData;
    return this.save(activity, this.configuredChannelId, data.team?.id);
  }

  private save(activity: Partial<Activity>, channelId: string, teamId: string | undefined): StaffChannel {
    const data = (activity.channelData ?? {}) as TeamsChannelData;
    const tenantId = activity.conversation?.tenantId ?? data.tenant?.id;
    const channel: StaffChannel = {
      reference: {
        channelId: activity.channelId,
        serviceUrl: activity.serviceUrl,
        bot: activity.recipient,
        conversation: { id: channelId, isGroup: true, conversationType: 'channel', name: '', ...(tenantId ? { tenantId } : {}) },
      },
      ...(teamId ? { teamId } : {}),
    };
    const json = JSON.stringify(channel);
    // Every message in the staff channel passes here: write only when something changed.
    if (this.storedJson() === json) return channel;
    statement(
        this.db,
        `INSERT INTO handoff_settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(SETTINGS_KEY, json, new Date().toISOString());
    return channel;
  }
}
