/**
 * Which Teams channel receives ticket cards, and whether an activity comes from it.
 *
 * The staff channel is set by configuration only (`STAFF_CHANNEL_ID`), never by whoever installs the app or posts an
 * activity. Where it is reached:
 * - `STAFF_SERVICE_URL` set: the configuration says it all;
 * - otherwise, with an Azure Bot registration (`MicrosoftAppId`), from the first authenticated activity that comes from
 *   the configured channel or installs the app in its team (the Bot Connector's token vouches for its service URL);
 * - unauthenticated local mode without `STAFF_SERVICE_URL`: from nowhere, since anyone could forge such an activity;
 *   tickets are then in the staff console only.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { Config } from '../../config.js';
import type { StaffChannel, StaffChannelStore } from '../../handoff/staffChannelStore.js';

export type { StaffChannel };

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

export type StaffChannelConfig = Pick<Config, 'STAFF_CHANNEL_ID' | 'STAFF_SERVICE_URL' | 'MicrosoftAppId' | 'MicrosoftAppTenantId'>;

export class StaffChannelResolver {
  constructor(
    private readonly config: StaffChannelConfig,
    private readonly store: StaffChannelStore,
  ) {}

  /** Where ticket cards go, if the channel can be reached. */
  async get(): Promise<StaffChannel | undefined> {
    const channelId = this.config.STAFF_CHANNEL_ID;
    if (!channelId) return undefined;
    if (this.config.STAFF_SERVICE_URL) {
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: this.config.STAFF_SERVICE_URL,
        ...(this.config.MicrosoftAppId ? { bot: { id: `28:${this.config.MicrosoftAppId}`, name: '' } } : {}),
        conversation: {
          id: channelId,
          isGroup: true,
          conversationType: 'channel',
          name: '',
          ...(this.config.MicrosoftAppTenantId ? { tenantId: this.config.MicrosoftAppTenantId } : {}),
        },
      };
      return { reference };
    }
    const stored = await this.store.get();
    return stored && baseConversationId(stored.reference.conversation?.id) === channelId ? stored : undefined;
  }

  /** True when the activity comes from the staff channel or a thread in it. */
  isStaffConversation(activity: Partial<Activity>): boolean {
    const channelId = this.config.STAFF_CHANNEL_ID;
    return Boolean(channelId && activity.channelId === 'msteams' && baseConversationId(activity.conversation?.id) === channelId);
  }

  /**
   * Learns where the configured channel is reached from an authenticated activity of it (a message in it, or the
   * app being installed in its team); `teamChannelIds` answers which channels the activity's team has, asked only when
   * the configured channel is neither the team's General channel nor the activity's own. Returns the channel when it
   * was captured.
   */
  async capture(activity: Partial<Activity>, teamChannelIds: () => Promise<string[]>): Promise<StaffChannel | undefined> {
    const channelId = this.config.STAFF_CHANNEL_ID;
    if (!channelId || this.config.STAFF_SERVICE_URL || !this.config.MicrosoftAppId) return undefined;
    if (activity.channelId !== 'msteams' || activity.conversation?.conversationType !== 'channel' || !activity.serviceUrl) return undefined;
    const data = (activity.channelData ?? {}) as TeamsChannelData;
    const here = [data.team?.id, baseConversationId(activity.conversation?.id), data.channel?.id].includes(channelId);
    if (!here && !(await teamChannelIds().catch(() => [] as string[])).includes(channelId)) return undefined;
    const tenantId = activity.conversation?.tenantId ?? data.tenant?.id;
    const reference: Partial<ConversationReference> = {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      bot: activity.recipient,
      conversation: { id: channelId, isGroup: true, conversationType: 'channel', name: '', ...(tenantId ? { tenantId } : {}) },
    };
    const channel: StaffChannel = { reference, ...(data.team?.id ? { teamId: data.team.id } : {}) };
    await this.store.save(channel);
    return channel;
  }
}
