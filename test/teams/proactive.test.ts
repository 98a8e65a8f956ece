/**
 * Proactive messages (staff replies, ticket cards) reach a Teams conversation through continueConversationAsync
 * with a stored conversation reference, via the Bot Connector at the reference's serviceUrl.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { botFrameworkProactiveChannel } from '../../src/channels/botFramework.js';
import { ProactiveMessenger } from '../../src/channels/proactive.js';
import { startApp, type RunningApp } from '../helpers/app.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { anna, botId, postActivity, staffChannelId, teamsMessage } from './teamsActivities.js';

let running: RunningApp;
let connector: FakeConnector;
let messenger: ProactiveMessenger;

beforeAll(async () => {
  connector = await startFakeConnector();
  running = await startApp();
  messenger = new ProactiveMessenger([
    botFrameworkProactiveChannel(running.app.adapter, running.app.config.MicrosoftAppId, (reference) => reference.channelId === 'directline'),
  ]);
});

afterAll(async () => {
  await running?.close();
  await connector?.close();
});

beforeEach(() => connector.clear());

/** The reference the bot stores when a user writes, round-tripped through JSON like a stored one. */
async function referenceFromUserMessage(where: 'personal' | 'channel', conversationId?: string): Promise<Partial<ConversationReference>> {
  const incoming = teamsMessage({ serviceUrl: connector.serviceUrl, where, conversationId, text: 'Danke' });
  const res = await postActivity(running.baseUrl, incoming);
  expect(res.status).toBeLessThan(300);
  connector.clear();
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(incoming))) as Partial<ConversationReference>;
}

describe('proactive messages through the Bot Framework channel', () => {
  it('sends a message into a personal chat from a stored conversation reference', async () => {
    const reference = await referenceFromUserMessage('personal', 'a:1proactive-chat');
    await messenger.continueConversation(reference, async (context) => {
      await context.sendActivity('Frau Berger aus dem Team ist jetzt für Sie da.');
    });

    const [message] = connector.messages();
    expect(message).toBeDefined();
    expect(message!.conversationId).toBe('a:1proactive-chat');
    expect(message!.body.text).toBe('Frau Berger aus dem Team ist jetzt für Sie da.');
    expect(message!.body.from.id).toBe(botId);
    expect(message!.body.recipient.id).toBe(anna.id);
  });

  it('reports a send the connector rejected instead of losing it', async () => {
    const reference = await referenceFromUserMessage('personal', 'a:1proactive-rejected');
    connector.failNext(403);
    await expect(
      messenger.continueConversation(reference, async (context) => {
        await context.sendActivity('Diese Nachricht kommt nicht an.');
      }),
    ).rejects.toThrow();
  });

  it('posts into the same channel thread the reference came from', async () => {
    const reference = await referenceFromUserMessage('channel');
    await messenger.continueConversation(reference, async (context) => {
      await context.sendActivity('Neue Anfrage im Thread');
    });
    const [message] = connector.messages();
    expect(message!.conversationId).toBe(reference.conversation!.id);
    expect(message!.conversationId).toMatch(new RegExp(`^${staffChannelId};messageid=\\d+$`));
  });

  it('creates a new thread in a channel (POST /v3/conversations) and can post into it', async () => {
    const reference = await referenceFromUserMessage('channel');
    await messenger.continueConversation(reference, async (context) => {
      const adapter = context.adapter as typeof running.app.adapter;
      await adapter.createConversationAsync(
        '',
        'msteams',
        connector.serviceUrl,
        '',
        {
          isGroup: true,
          channelData: { channel: { id: staffChannelId } },
          activity: { type: 'message', text: 'Neues Ticket' } as never,
          bot: { id: botId, name: 'Brückenschlag' },
          members: [],
          tenantId: undefined as never,
          topicName: undefined as never,
        },
        async (threadContext) => {
          await threadContext.sendActivity('Erste Antwort im neuen Thread');
        },
      );
    });
    const [created] = connector.callsOf('createConversation');
    expect(created!.body.channelData.channel.id).toBe(staffChannelId);
    expect(created!.body.activity.text).toBe('Neues Ticket');
    const [inThread] = connector.messages();
    expect(inThread!.conversationId).toBe(created!.answeredId);
  });

  it('does not take conversations owned by the website channel', async () => {
    await expect(
      messenger.continueConversation({ channelId: 'directline', serviceUrl: 'http://127.0.0.1:1/', conversation: { id: 'x' } as never }, async () => {}),
    ).rejects.toThrow(/no channel can reach directline/);
    expect(connector.calls).toEqual([]);
  });
});
