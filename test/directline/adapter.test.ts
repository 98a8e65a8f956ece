/**
 * The Direct Line adapter as botbuilder code uses it: sending (delay, trace, invoke responses), updating, deleting,
 * proactive turns in every overload, and the order of turns. Runs on the test store.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botFrameworkProactiveChannel, type BotFrameworkAdapter } from '../../src/channels/botFramework.js';
import {
  createDirectLineAdapter,
  DIRECT_LINE_SERVICE_URL,
  directLineProactiveChannel,
  isDirectLineReference,
  type DirectLineAdapter,
} from '../../src/channels/directLine/index.js';
import { ProactiveMessenger } from '../../src/channels/proactive.js';
import { ConversationStore } from '../../src/store/conversationStore.js';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../store/support.js';

let db: Database;
let store: ConversationStore;
let adapter: DirectLineAdapter;
const CONVERSATION = 'conv-1';

beforeEach(async () => {
  ({ db } = await openStore());
  store = new ConversationStore(db);
  adapter = createDirectLineAdapter({ store, notices: db, logger: pino({ level: 'silent' }) });
  await store.create({ id: CONVERSATION, userId: 'dl_user' });
});

afterEach(() => {
  adapter.close();
});

const texts = async () => (await (await store.transcript(CONVERSATION))).map((a) => a.text);

function claims(appId: string): ClaimsIdentity {
  return new ClaimsIdentity([{ type: AuthenticationConstants.AppIdClaim, value: appId }]);
}

describe('a user turn', () => {
  it('logs the user activity first, as the user named in the conversation, then what the bot answers', async () => {
    const received = await adapter.receiveActivity(
      CONVERSATION,
      { type: 'message', text: 'Hallo', from: { id: 'pretender', name: 'Erika' }, channelData: { clientActivityID: 'c1' } },
      async (context) => {
        await context.sendActivity(`Echo: ${context.activity.text}`);
      },
    );
    const [user, bot] = (await store.transcript(CONVERSATION));
    expect(user).toMatchObject({ id: received.id, text: 'Hallo', from: { id: 'dl_user', name: 'Erika', role: 'user' } });
    expect(user!.channelData).toEqual({ clientActivityID: 'c1' });
    expect(bot).toMatchObject({ text: 'Echo: Hallo', from: { role: 'bot' }, recipient: { id: 'dl_user' }, replyToId: received.id });
  });

  it('honours delay activities, drops trace activities and returns the invoke response of an invoke', async () => {
    const started = Date.now();
    const received = await adapter.receiveActivity(CONVERSATION, { type: 'invoke', name: 'test/ping' }, async (context) => {
      await context.sendActivities([
        { type: 'message', text: 'eins' },
        { type: 'delay', value: 300 },
        { type: ActivityTypes.Trace, name: 'debug', value: 'internal' },
        { type: 'message', text: 'zwei' },
        { type: ActivityTypes.InvokeResponse, value: { status: 200, body: { pong: true } } },
      ]);
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await texts()).toEqual([undefined, 'eins', 'zwei']); // the invoke itself, then the two messages; no trace
    expect(received.invokeResponse).toEqual({ status: 200, body: { pong: true } });
  });

  it('runs the turns of one conversation one after the other', async () => {
    const events: string[] = [];
    const slowTurn = (name: string) => async (_context: TurnContext) => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push(`${name} end`);
    };
    await Promise.all([
      adapter.receiveActivity(CONVERSATION, { type: 'message', text: 'a' }, slowTurn('a')),
      adapter.receiveActivity(CONVERSATION, { type: 'message', text: 'b' }, slowTurn('b')),
    ]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('logs and answers messages in the order they arrived, even when the database finishes a later append first', async () => {
    const append = store.append.bind(store);
    let first = true;
    store.append = async (conversationId, activity) => {
      if (first && activity.text === 'a') {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 60)); // the first message's write is slow
      }
      return append(conversationId, activity);
    };
    const answered: string[] = [];
    const echo = async (context: TurnContext) => {
      answered.push(context.activity.text!);
      await context.sendActivity(`re ${context.activity.text}`);
    };
    await Promise.all([
      adapter.receiveActivity(CONVERSATION, { type: 'message', text: 'a' }, echo),
      adapter.receiveActivity(CONVERSATION, { type: 'message', text: 'b' }, echo),
    ]);
    expect(answered).toEqual(['a', 'b']);
    const transcript = await texts();
    expect(transcript.filter((text) => !text?.startsWith('re '))).toEqual(['a', 'b']);
    expect(transcript.indexOf('re a')).toBeLessThan(transcript.indexOf('re b'));
  });

  it('answers an unknown conversation with an error and keeps serving the others', async () => {
    await expect(adapter.receiveActivity('no-such-conversation', { type: 'message', text: 'x' }, async () => {})).rejects.toThrow(/unknown conversation/);
    await adapter.receiveActivity(CONVERSATION, { type: 'message', text: 'y' }, async () => {});
    expect(await texts()).toEqual(['y']);
  });

  it('tells the user when a turn fails, without details', async () => {
    await adapter.receiveActivity(CONVERSATION, { type: 'message', text: 'x', locale: 'de-DE' }, async () => {
      throw new Error('database exploded');
    });
    expect((await texts())[1]).toBe('Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.');
  });

  it('starts a conversation once, with the user and the bot in membersAdded', async () => {
    const seen: string[][] = [];
    const logic = async (context: TurnContext) => {
      seen.push((context.activity.membersAdded ?? []).map((m) => m.id));
    };
    expect(await adapter.startConversation(CONVERSATION, 'en-US', logic)).toBe(true);
    expect(await adapter.startConversation(CONVERSATION, 'en-US', logic)).toBe(false);
    expect(seen).toEqual([['dl_user', 'brueckenschlag-assistant']]);
    expect((await store.get(CONVERSATION))?.locale).toBe('en-US');
  });
});

describe('updating and deleting', () => {
  it('replaces an activity under its id and hides a deleted one from the transcript', async () => {
    let sentId = '';
    await adapter.receiveActivity(CONVERSATION, { type: 'message', text: 'Frage' }, async (context) => {
      sentId = (await context.sendActivity('Ich suche …'))!.id;
      await context.updateActivity({ id: sentId, type: 'message', text: 'Gefunden: Arnsberg' });
      const other = await context.sendActivity('Vorläufig');
      await context.deleteActivity(other!.id);
    });
    expect(await texts()).toEqual(['Frage', 'Gefunden: Arnsberg']);
    // Clients that read the log get the update as a second entry with the same id (Web Chat replaces by id).
    const log = (await store.activitiesAfter(CONVERSATION, 0)).map((entry) => [entry.activity.id, entry.activity.type, entry.activity.text]);
    expect(log.filter(([id]) => id === sentId).map(([, , text]) => text)).toEqual(['Ich suche …', 'Gefunden: Arnsberg']);
    expect(log.at(-1)?.[1]).toBe('messageDelete');
  });
});

describe('proactive messages', () => {
  const send = (text: string) => async (context: TurnContext) => {
    await context.sendActivity(text);
  };

  it('reaches a website conversation through every continueConversationAsync overload', async () => {
    const reference = (await adapter.conversationReference(CONVERSATION))!;
    expect(reference.serviceUrl).toBe(DIRECT_LINE_SERVICE_URL);
    await adapter.continueConversationAsync('', reference, send('mit App-Id'));
    await adapter.continueConversationAsync(claims(''), reference, send('mit Claims'));
    await adapter.continueConversationAsync(claims(''), reference, 'https://api.botframework.com', send('mit Audience'));
    await adapter.continueConversation(reference, send('alte Signatur'));
    expect(await texts()).toEqual(['mit App-Id', 'mit Claims', 'mit Audience', 'alte Signatur']);
    const [first] = (await store.transcript(CONVERSATION));
    expect(first).toMatchObject({ from: { role: 'bot' }, recipient: { id: 'dl_user' }, channelId: 'webchat' });
    // A proactive message replies to nothing the client has seen, so Web Chat must not wait for it.
    expect(first!.replyToId).toBeUndefined();
  });

  it('refuses a reference to a conversation it does not have', async () => {
    await expect(
      adapter.continueConversationAsync('', { ...(await adapter.conversationReference(CONVERSATION))!, conversation: { id: 'nope' } as never }, send('x')),
    ).rejects.toThrow(/unknown conversation nope/);
  });

  it('is chosen by the ProactiveMessenger for website references, and the Bot Framework channel leaves them alone', async () => {
    let botFrameworkCalls = 0;
    const fakeBotFramework = {
      continueConversationAsync: async () => {
        botFrameworkCalls++;
      },
    } as unknown as BotFrameworkAdapter;
    const botFramework = botFrameworkProactiveChannel(fakeBotFramework, undefined, isDirectLineReference);
    const messenger = new ProactiveMessenger([directLineProactiveChannel(adapter), botFramework]);

    await messenger.continueConversation((await adapter.conversationReference(CONVERSATION))!, send('vom Team'));
    expect(await texts()).toEqual(['vom Team']);
    expect(botFramework.canReach((await adapter.conversationReference(CONVERSATION))!)).toBe(false);

    await messenger.continueConversation({ serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' }, send('x'));
    expect(botFrameworkCalls).toBe(1);
  });
});
