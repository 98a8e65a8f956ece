/**
 * Fact questions end to end on /api/messages (as Teams posts it): a question for a fee that no entry states gets
 * "did you mean" with the entry on taking part instead of that entry as the answer (so does a question for a sum of
 * money), and "this website" or a first "Was ist das hier?" is the assistant. Sentences worded here.
 */
import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { useTeamsApp } from '../helpers/teamsApp.js';
import { teamsMessage } from '../teams/teamsActivities.js';

const app = useTeamsApp();

let conversations = 0;

interface CardBody {
  text?: string;
  attachments?: { content: { body: { text?: string }[]; actions?: { title: string; data?: { action?: string; id?: string } }[] } }[];
}

/** Sends one message in a new personal chat; returns what the bot sent. */
async function ask(text: string, locale: string): Promise<CardBody[]> {
  const { connector } = app;
  connector.clear();
  await app.send(teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', text, locale, conversationId: `a:fact-${++conversations}` }));
  return connector.messages().map((call) => call.body as CardBody);
}

describe('fact questions (via /api/messages)', () => {
  it('a question for a fee no entry states: "did you mean" with the entry on taking part', async () => {
    const sent = await ask('Wie teuer ist die Teilnahme am Brückenschlag?', 'de-DE');
    const cards = sent.flatMap((body) => body.attachments ?? []).map((attachment) => attachment.content);
    const offer = cards.find((card) => card.body[0]?.text === texts('de').didYouMean);
    expect(offer, JSON.stringify(sent)).toBeDefined();
    expect(offer!.actions?.[0]?.data).toMatchObject({ action: 'showAnswer', id: 'mitmachen-de' });
  });

  it('a first message asking only what this is gets the assistant\'s own entry', async () => {
    const sent = await ask('Was ist denn das hier?', 'de-DE');
    expect(sent.map((body) => body.text ?? '').join(' ')).toContain('Ich bin der Brückenschlag-Assistent');
  });

  it('a question how much money flows between the regions is not answered: only offered', async () => {
    const sent = await ask('Wie viel Geld bekommt Südwestfalen aus Dortmund durch die Kooperation?', 'de-DE');
    const cards = sent.flatMap((body) => body.attachments ?? []).map((attachment) => attachment.content);
    expect(cards.some((card) => card.body[0]?.text === texts('de').didYouMean), JSON.stringify(sent)).toBe(true);
  });

  it('"this website" is the assistant', async () => {
    const sent = await ask('Who operates this platform?', 'en-US');
    expect(sent.map((body) => body.text ?? '').join(' ')).toContain('I am the Brückenschlag assistant');
  });
});
