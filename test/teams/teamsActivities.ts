/**
 * Teams-shaped activities for tests: what the Teams service posts to /api/messages in a personal chat, a team
 * channel and a group chat (ids, conversation types, channelData and @mention entities as Teams sends them).
 */
import type { Activity } from 'botbuilder';

export const botId = '28:00000000-0000-0000-0000-0000000b0700';
export const botName = 'Brückenschlag';
export const tenantId = '72f988bf-0000-0000-0000-000000000001';
export const teamId = '19:team-brueckenschlag@thread.tacv2';
export const generalChannelId = teamId; // Teams: the General channel has the team's id
export const staffChannelId = '19:channel-anfragen@thread.tacv2';
export const groupChatId = '19:groupchat-firma@thread.v2';
export const personalChatId = 'a:1personal-chat-with-anna';

export const anna = { id: '29:1anna-aad-user', name: 'Anna Beispiel', aadObjectId: '00000000-0000-0000-0000-00000000a001' };
export const ben = { id: '29:1ben-aad-user', name: 'Ben Muster', aadObjectId: '00000000-0000-0000-0000-00000000b002' };

let counter = 1_700_000_000_000;
/** Teams message ids are millisecond timestamps. */
export function nextMessageId(): string {
  counter += 1;
  return String(counter);
}

export type Where = 'personal' | 'channel' | 'groupChat';

interface MessageOptions {
  serviceUrl: string;
  where: Where;
  text?: string;
  /** Mention the bot (`<at>Brückenschlag</at>` in front of the text plus a mention entity). */
  mentionBot?: boolean;
  value?: unknown;
  /** For a channel: the root post of the thread; default: this message starts a new thread. */
  threadRootId?: string;
  /** For card submits: the id of the card message the button was on. */
  replyToId?: string;
  from?: { id: string; name: string; aadObjectId?: string };
  locale?: string;
  channelId?: string;
  /** Overrides the chat's id (personal and group chats), so that tests do not share conversation state. */
  conversationId?: string;
}

function conversationFor(where: Where, messageId: string, threadRootId?: string, chatId?: string): Activity['conversation'] {
  switch (where) {
    case 'personal':
      return { id: chatId ?? personalChatId, conversationType: 'personal', tenantId, isGroup: false, name: '' };
    case 'groupChat':
      return { id: chatId ?? groupChatId, conversationType: 'groupChat', tenantId, isGroup: true, name: '' };
    case 'channel':
      // Every channel post lives in a thread whose conversation id carries the root message's id.
      return {
        id: `${staffChannelId};messageid=${threadRootId ?? messageId}`,
        conversationType: 'channel',
        tenantId,
        isGroup: true,
        name: '',
      };
  }
}

function channelDataFor(where: Where): Record<string, unknown> {
  if (where === 'channel') {
    return {
      teamsChannelId: staffChannelId,
      teamsTeamId: teamId,
      channel: { id: staffChannelId, name: 'Anfragen' },
      team: { id: teamId, name: 'Brückenschlag Team', aadGroupId: '00000000-0000-0000-0000-0000000000aa' },
      tenant: { id: tenantId },
    };
  }
  return { tenant: { id: tenantId } };
}

/** A `message` activity as Teams posts it. */
export function teamsMessage(options: MessageOptions): Activity {
  const id = nextMessageId();
  const mentionText = `<at>${botName}</at>`;
  const text = options.text === undefined ? undefined : options.mentionBot ? `${mentionText} ${options.text}` : options.text;
  const entities: Record<string, unknown>[] = [
    { type: 'clientInfo', locale: options.locale ?? 'de-DE', country: 'DE', platform: 'Web', timezone: 'Europe/Berlin' },
  ];
  if (options.mentionBot) entities.unshift({ type: 'mention', text: mentionText, mentioned: { id: botId, name: botName } });
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString() as unknown as Date,
    serviceUrl: options.serviceUrl,
    channelId: options.channelId ?? 'msteams',
    from: options.from ?? anna,
    conversation: conversationFor(options.where, id, options.threadRootId, options.conversationId),
    recipient: { id: botId, name: botName },
    textFormat: 'plain',
    text,
    value: options.value,
    replyToId: options.replyToId,
    entities,
    channelData: channelDataFor(options.where),
    locale: options.locale ?? 'de-DE',
  } as Activity;
}

/** A `conversationUpdate` with members added (the bot itself when the app is installed). */
export function teamsMembersAdded(options: {
  serviceUrl: string;
  where: 'personal' | 'team' | 'groupChat';
  members: { id: string; name?: string }[];
  /** Overrides the chat's id (see `teamsMessage`); for a team it is the General channel's id. */
  conversationId?: string;
}): Activity {
  const conversation =
    options.where === 'team'
      ? { id: options.conversationId ?? generalChannelId, conversationType: 'channel', tenantId, isGroup: true, name: '' }
      : options.where === 'groupChat'
        ? { id: options.conversationId ?? groupChatId, conversationType: 'groupChat', tenantId, isGroup: true, name: '' }
        : { id: options.conversationId ?? personalChatId, conversationType: 'personal', tenantId, isGroup: false, name: '' };
  const channelData: Record<string, unknown> =
    options.where === 'team'
      ? { eventType: 'teamMemberAdded', team: { id: teamId, name: 'Brückenschlag Team' }, tenant: { id: tenantId } }
      : { tenant: { id: tenantId } };
  return {
    type: 'conversationUpdate',
    id: `f:${nextMessageId()}`,
    timestamp: new Date().toISOString() as unknown as Date,
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: anna,
    conversation,
    recipient: { id: botId, name: botName },
    membersAdded: options.members,
    channelData,
  } as Activity;
}

/** Posts an activity to the app's Bot Framework endpoint like the Teams service (no token: no MicrosoftAppId). */
export async function postActivity(baseUrl: string, activity: Partial<Activity>): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
}
