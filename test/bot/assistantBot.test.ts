import { Writable } from 'node:stream';
import { TestAdapter, type Activity, type Attachment } from 'botbuilder';
import { pino } from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AssistantBot } from '../../src/bot/assistantBot.js';
import type { BotHooks } from '../../src/bot/hooks.js';
import { turnErrorHandler } from '../../src/channels/botFramework.js';
import { LiveKnowledge } from '../../src/core/liveKnowledge.js';
import { AssistantCore } from '../../src/core/respond.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { BotStateStorage } from '../../src/store/botStateStorage.js';
import { SqliteDatabase } from '../../src/store/sqlite.js';
import { texts } from '../../src/texts.js';
import { fixtureKnowledgeDir } from '../helpers/app.js';

const index = new KnowledgeIndex(loadKnowledge(fixtureKnowledgeDir));
const db = new SqliteDatabase({ dataDir: ':memory:' });
afterAll(() => db.close());

const logs: Record<string, unknown>[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);

let failBeforeMessage: Error | undefined;
const hooks: BotHooks = {
  async beforeMessage() {
    if (failBeforeMessage) throw failBeforeMessage;
    return false;
  },
};
const officeHours = () => ({ open: true, text: 'Mo–Fr 9–17 Uhr' });
const newBot = () =>
  new AssistantBot({ knowledge: new LiveKnowledge({ index, core: new AssistantCore(index) }), storage: new BotStateStorage(db), logger, hooks, officeHours });
const bot = newBot();

/** The ids TestAdapter.createConversation gives the bot and the user. */
const BOT_ID = 'bot';
const USER_ID = 'user1';

let conversationCount = 0;
let adapter: TestAdapter;
beforeEach(() => {
  // A fresh conversation per test, so that memory (language, misses) does not leak between tests.
  adapter = new TestAdapter(TestAdapter.createConversation(`conversation-${++conversationCount}`));
  adapter.onTurnError = turnErrorHandler(logger);
  expect(adapter.conversation.bot).toMatchObject({ id: BOT_ID });
  expect(adapter.conversation.user).toMatchObject({ id: USER_ID });
  failBeforeMessage = undefined;
  logs.length = 0;
});

/** Sends one activity (a text is a message) and returns what the bot replied in that turn. */
async function turn(activity: string | Partial<Activity>): Promise<Partial<Activity>[]> {
  const before = adapter.activeQueue.length;
  await adapter.processActivity(typeof activity === 'string' ? { type: 'message', text: activity } : activity, (context) =>
    bot.run(context),
  );
  return adapter.activeQueue.splice(before);
}

function card(attachment: Attachment | undefined): { body: Record<string, unknown>[]; actions?: Record<string, unknown>[] } {
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const content = attachment!.content as { type: string; version: string; body: Record<string, unknown>[]; actions?: Record<string, unknown>[] };
  expect(content.type).toBe('AdaptiveCard');
  expect(content.version).toBe('1.5');
  return content;
}

/** All visible text of a card (text blocks, text runs and facts), to assert on like a user reading it. */
function cardText(attachment: Attachment | undefined): string {
  const { body } = card(attachment);
  return body
    .map((element) => {
      if (element.type === 'FactSet') return (element.facts as { title: string; value: string }[]).map((f) => `${f.title}: ${f.value}`).join('\n');
      if (element.type === 'RichTextBlock') return (element.inlines as { text: string }[]).map((run) => run.text).join('');
      // Bold Markdown is shown as bold, not as asterisks.
      return String(element.text ?? '').replace(/\*\*/g, '');
    })
    .join('\n');
}

const suggestionTitles = (activity: Partial<Activity>) => activity.suggestedActions?.actions.map((a) => a.title) ?? [];

describe('welcome', () => {
  it('greets a user who joins, in German, with the hint that English works too', async () => {
    const replies = await turn({ type: 'conversationUpdate', membersAdded: [{ id: USER_ID, name: 'User' }] });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('Willkommen');
    expect(replies[0]!.text).toContain('You can also write in English');
    expect(suggestionTitles(replies[0]!)).toEqual(texts('de').helpSuggestions);
  });

  it('greets only once per conversation', async () => {
    await turn({ type: 'conversationUpdate', membersAdded: [{ id: BOT_ID, name: 'Bot' }] });
    expect(await turn({ type: 'conversationUpdate', membersAdded: [{ id: USER_ID, name: 'User' }] })).toEqual([]);
  });

  it('greets a channel once when the bot is installed there, not per member', async () => {
    const conversation = { id: '19:team@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'General' };
    const installed = await turn({ type: 'conversationUpdate', conversation, membersAdded: [{ id: BOT_ID, name: 'Bot' }] });
    expect(installed.map((a) => a.text)).toEqual([texts('de').installGreeting]);
    expect(await turn({ type: 'conversationUpdate', conversation, membersAdded: [{ id: 'User7', name: 'New' }] })).toEqual([]);
  });
});

describe('answers', () => {
  it('answers with the source title and 2–3 related questions as suggested actions', async () => {
    const [reply, ...rest] = await turn('Wann wurde die Vereinbarung unterzeichnet?');
    expect(rest).toEqual([]);
    expect(reply!.text).toContain('3. April 2020');
    expect(reply!.text).toContain('Rathaus Musterstadt');
    expect(reply!.text).toContain('Quelle: Wann und wo wurde die Musterstadt-Vereinbarung unterzeichnet?');
    const related = suggestionTitles(reply!);
    expect(related.length).toBeGreaterThanOrEqual(2);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related).toContain('Wer sind die Partner der Brücke Musterstadt–Beispielhausen?');
    // A related question, sent back as typed, is answered in turn.
    const [next] = await turn(related[0]!);
    expect(next!.text).toContain('Musterstadt Agentur GmbH');
  });

  it('replies in the language of the question', async () => {
    const [english] = await turn('When was the agreement signed?');
    expect(english!.text).toContain('3 April 2020');
    expect(english!.text).toContain('Source: When and where was the Musterstadt agreement signed?');
    expect(english!.locale).toBe('en-US');
    const [german] = await turn('Was kostet die Teilnahme?');
    expect(german!.text).toContain('Die Teilnahme ist kostenlos');
    expect(german!.locale).toBe('de-DE');
  });

  it('offers "did you mean" buttons when the question is ambiguous, and a button shows that answer', async () => {
    // Only a place name: the partner entry, the managing directors and the signing all name it.
    const [reply] = await turn('Musterstadt');
    const { body, actions } = card(reply!.attachments?.[0]);
    expect(body[0]!.text).toBe(texts('de').didYouMean);
    expect(actions!.length).toBeGreaterThanOrEqual(2);
    expect(actions!.length).toBeLessThanOrEqual(3);
    const partner = actions!.find((a) => a.title === 'Wer sind die Partner der Brücke Musterstadt–Beispielhausen?');
    expect(partner).toMatchObject({ type: 'Action.Submit', data: { action: 'showAnswer', id: 'partner-de' } });
    const [answer] = await turn({ type: 'message', value: partner!.data });
    expect(answer!.text).toContain('Musterstadt Agentur GmbH');
  });

  it('says honestly that it does not know, and offers the contact entry and a person', async () => {
    const [reply] = await turn('Wie ist das Wetter auf dem Mars?');
    const text = cardText(reply!.attachments?.[0]);
    expect(text).toContain(texts('de').unknown);
    expect(text).toContain('Kontaktbüro Musterstadt');
    expect(text).toContain('01234 567890');
    expect(card(reply!.attachments?.[0]).actions).toEqual([
      { type: 'Action.Submit', title: texts('de').talkToHuman, data: { action: 'human' } },
    ]);
  });

  it('says it in English for an English question', async () => {
    const [reply] = await turn('What is the weather like on planet Mars today?');
    const text = cardText(reply!.attachments?.[0]);
    expect(text).toContain(texts('en').unknown);
    expect(text).toContain('can be reached by phone');
  });

  it('offers a person after two unanswered questions in a row', async () => {
    await turn('Wie ist das Wetter auf dem Mars?');
    const [offer] = await turn('Wie hoch ist der Mount Everest?');
    const text = cardText(offer!.attachments?.[0]);
    expect(text).toContain(texts('de').handoff.offerUnanswered);
    expect(text).toContain(texts('de').handoff.offerTranscriptNotice);
    expect(card(offer!.attachments?.[0]).actions?.map((a) => a.title)).toEqual([
      texts('de').handoff.offerConfirm,
      texts('de').handoff.offerCancel,
    ]);
  });

  it('offers a person when the question is one of the ways people ask for one (an entry with reply: person)', async () => {
    const [offer] = await turn('Gesprächstermin mit dem Büro, bitte');
    const text = cardText(offer!.attachments?.[0]);
    expect(text).toContain(texts('de').handoff.offerAsked);
    expect(text).not.toContain('übernimmt das Gespräch hier im Chat'); // the entry's own text is not shown
    expect(card(offer!.attachments?.[0]).actions?.map((a) => a.title)).toEqual([
      texts('de').handoff.offerConfirm,
      texts('de').handoff.offerCancel,
    ]);
  });

  it.each([
    ['hilfe', 'de'],
    ['Hilfe', 'de'],
    ['help', 'en'],
  ] as const)('explains what it can do on "%s"', async (text, lang) => {
    const [reply] = await turn(text);
    expect(reply!.text).toBe(texts(lang).help);
    expect(suggestionTitles(reply!)).toEqual(texts(lang).helpSuggestions);
  });
});

describe('provider hits', () => {
  it('shows matching providers as Adaptive Cards with name, kind, city, topics, why and link', async () => {
    const replies = await turn('Wir suchen Hilfe bei Penetrationstests');
    expect(replies[0]!.text).toContain('Anlaufstelle');
    const attachment = replies[0]!.attachments?.[0];
    const text = cardText(attachment);
    expect(text).toContain('Schlosswacht Security (fiktiv)');
    expect(text).toContain('Unternehmen · Musterstadt');
    expect(text).toMatch(/Themen: (\*\*)?IT-Sicherheit/);
    expect(text).toMatch(/Warum passend: .*„penetrationstests“/);
    expect(card(attachment).actions).toContainEqual({
      type: 'Action.OpenUrl',
      title: texts('de').providerOpen,
      url: 'https://schlosswacht-security.example.org/',
    });
  });

  it('shows them in English for an English request', async () => {
    const replies = await turn('We are looking for help with penetration tests');
    const text = cardText(replies[0]!.attachments?.[0]);
    expect(text).toContain('Company · Musterstadt');
    expect(text).toMatch(/Topics: (\*\*)?IT security/);
    expect(text).toMatch(/Why it matches: .*“penetration”/);
    expect(text).toContain('Fictional Musterstadt company for penetration tests');
  });
});

describe('Teams manners in channels', () => {
  const conversation = { id: '19:channel@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'General' };
  const mention = { type: 'mention', mentioned: { id: BOT_ID, name: 'Brückenschlag' }, text: '<at>Brückenschlag</at>' };

  it('stays silent in a channel when not mentioned', async () => {
    expect(await turn({ type: 'message', conversation, text: 'Was kostet die Teilnahme?' })).toEqual([]);
  });

  it('answers when mentioned, with the mention stripped from the question', async () => {
    const [help] = await turn({ type: 'message', conversation, text: '<at>Brückenschlag</at> hilfe', entities: [mention] });
    expect(help!.text).toBe(texts('de').help);
    const [answer] = await turn({ type: 'message', conversation, text: '<at>Brückenschlag</at> Was kostet die Teilnahme?', entities: [mention] });
    expect(answer!.text).toContain('Die Teilnahme ist kostenlos');
  });

  it('ignores a mention of somebody else', async () => {
    const other = { type: 'mention', mentioned: { id: 'User9', name: 'Kollegin' }, text: '<at>Kollegin</at>' };
    expect(await turn({ type: 'message', conversation, text: '<at>Kollegin</at> hilfe', entities: [other] })).toEqual([]);
  });
});

describe('errors in a turn', () => {
  it('tells the user something polite, without the error or a stack trace, and logs the error', async () => {
    failBeforeMessage = new Error('database exploded at /var/secret/path');
    const replies = await turn('Was kostet die Teilnahme?');
    expect(replies.map((a) => a.text)).toEqual([texts('de').turnError]);
    expect(JSON.stringify(replies)).not.toContain('exploded');
    expect(JSON.stringify(replies)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(logs.some((line) => line.msg === 'turn failed' && (line.err as { message?: string }).message?.includes('exploded'))).toBe(true);
  });

  it('apologises in English to an English client', async () => {
    failBeforeMessage = new Error('boom');
    const replies = await turn({ type: 'message', text: 'When was the agreement signed?', locale: 'en-US' });
    expect(replies.map((a) => a.text)).toEqual([texts('en').turnError]);
  });

  it('keeps answering in the same conversation after a failed turn', async () => {
    failBeforeMessage = new Error('boom');
    await turn('Was kostet die Teilnahme?');
    failBeforeMessage = undefined;
    const [reply] = await turn('Was kostet die Teilnahme?');
    expect(reply!.text).toContain('Die Teilnahme ist kostenlos');
  });
});

describe('conversation memory', () => {
  it('survives a restart: a new bot on the same database does not greet the conversation again', async () => {
    await turn({ type: 'conversationUpdate', membersAdded: [{ id: USER_ID, name: 'User' }] });
    const restarted = newBot();
    const before = adapter.activeQueue.length;
    await adapter.processActivity({ type: 'conversationUpdate', membersAdded: [{ id: USER_ID, name: 'User' }] }, (context) =>
      restarted.run(context),
    );
    expect(adapter.activeQueue.slice(before)).toEqual([]);
  });

  it('keeps the language of the conversation for a short follow-up', async () => {
    await turn('When was the agreement signed?');
    const [reply] = await turn('ok?');
    expect(reply?.locale).toBe('en-US');
  });
});

describe('what the bot does not log', () => {
  it('does not log the user\'s text at info level', async () => {
    const secret = 'Meine Steuernummer ist 4711-0815 und ich wohne in der Geheimstraße';
    await turn(secret);
    await turn('When was the agreement signed?');
    const infoAndAbove = logs.filter((line) => (line.level as number) >= 30);
    expect(JSON.stringify(infoAndAbove)).not.toContain('4711-0815');
    expect(JSON.stringify(infoAndAbove)).not.toContain('agreement signed');
  });
});
