/**
 * Follow-up questions, as users write them in Teams (/api/messages) and in the widget (Direct Line): a short message
 * that leans on the last answer ("Und die andere Seite?", "Was hat er dazu gesagt?", "and the other side?") is read with
 * that answer's question; a full new question starts fresh; the topic survives a restart of the server (it is kept in
 * the bot state). The wording is written here, apart from the evaluation set.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useTeamsApp } from '../helpers/teamsApp.js';
import { shippedKnowledgeDir } from '../helpers/app.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { teamsMessage } from '../teams/teamsActivities.js';
import { collect, directLineJs, generateToken, removeDataDir, start, waitFor, type ReceivedActivity } from '../directline/harness.js';

const teams = useTeamsApp();
/** Words of Andreas Müller's quote, as the FAQ gives it in each language. */
const MUELLER_QUOTE_EN = 'optimise processes faster';
const MUELLER_QUOTE_DE = 'schneller und individueller Prozesse optimieren';

/** Sends one message in the personal chat `conversationId` and returns what the bot answered, as one text. */
async function say(conversationId: string, text: string, locale: string): Promise<string> {
  const { connector } = teams;
  connector.clear();
  await teams.send(teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', text, locale, conversationId }));
  return connector
    .messages()
    .map((call) => `${call.body.text ?? ''} ${JSON.stringify(call.body.attachments ?? [])}`)
    .join('\n');
}

/** The text of the first provider card in a reply `say` returned (its attachments as JSON): name, reasons and tags. */
function firstProviderTopics(reply: string): string {
  const cards = [...reply.matchAll(/\[\{"contentType":"application\/vnd\.microsoft\.card\.adaptive".*$/gm)].map((m) => m[0]);
  const attachments = cards.flatMap((json) => JSON.parse(json) as { content: unknown }[]);
  return JSON.stringify(attachments[0]?.content ?? '');
}

describe('follow-ups in Teams (/api/messages)', () => {
  it('(de) "Und die andere Seite?" after the strengths of one region gets the other region’s', async () => {
    expect(await say('a:follow-de-1', 'Welche Stärken bringt Südwestfalen in die Kooperation ein?', 'de-DE')).toContain('Weltmarktführer');
    const other = await say('a:follow-de-1', 'Und die andere Seite?', 'de-DE');
    expect(other).toContain('Ausbildungsstandort für IT-Fachkräfte');
  });

  it('(de) a pronoun for the person just named asks about that person', async () => {
    expect(await say('a:follow-de-2', 'Wer leitet die Südwestfalen Agentur?', 'de-DE')).toContain('Hubertus Winterberg');
    const quote = await say('a:follow-de-2', 'Was hat er zur Kooperation gesagt?', 'de-DE');
    expect(quote).toContain('Wir halten die Menschen');
  });

  it('(en) "and the other side?" after the strengths of one region gets the other region’s', async () => {
    expect(await say('a:follow-en-1', 'What strengths does South Westphalia bring to the cooperation?', 'en-US')).toContain('world market leaders');
    expect(await say('a:follow-en-1', 'and the other side?', 'en-US')).toContain('strongest training location for IT specialists');
  });

  it('(de/en) an elliptic question naming another place asks the last question about that place', async () => {
    expect(await say('a:follow-place-de', 'Welche Stärken bringt Südwestfalen in die Kooperation ein?', 'de-DE')).toContain('Weltmarktführer');
    expect(await say('a:follow-place-de', 'und Dortmund?', 'de-DE')).toContain('Ausbildungsstandort für IT-Fachkräfte');
    expect(await say('a:follow-place-en', 'What does South Westphalia contribute?', 'en-US')).toContain('world market leaders');
    expect(await say('a:follow-place-en', 'what about Dortmund?', 'en-US')).toContain('strongest training location for IT specialists');
  });

  it('(en) "and Dortmund?" gets the related entry the curator lists first when two explain it equally well', async () => {
    expect(await say('a:follow-tie-en', 'What is Südwestfalen bringing to the partnership?', 'en-US')).toContain('world market leaders');
    const dortmund = await say('a:follow-tie-en', 'and Dortmund?', 'en-US');
    expect(dortmund).toContain('strongest training location for IT specialists');
    expect(dortmund).not.toContain('not a one-way street');
  });

  it('(de/en) an elliptic question naming another person asks the last question about that person', async () => {
    expect(await say('a:follow-name-de', 'Was hat Winterberg zur Kooperation gesagt?', 'de-DE')).toContain('Wir halten die Menschen');
    const other = await say('a:follow-name-de', 'und Westphal?', 'de-DE');
    expect(other).toContain('Der starke Produktions- und Innovationsstandort');
    expect(other).not.toContain('Wir halten die Menschen');
    await say('a:follow-name-en', 'What did Winterberg say?', 'en-US');
    expect(await say('a:follow-name-en', 'and Thomas Westphal?', 'en-US')).toContain('a strong location for produ');
  });

  it('(de/en) a pronoun for a person named only in the last answer gets that person’s entry among the answer’s related ones', async () => {
    // The question names an office, not a person; the answer names the chairman, and the quote is one of its related entries.
    expect(await say('a:follow-related-en', 'Who chairs the supervisory board of the Südwestfalen Agentur?', 'en-US')).toContain('Andreas Müller');
    const quote = await say('a:follow-related-en', 'and what did he say?', 'en-US');
    expect(quote).toContain(MUELLER_QUOTE_EN);
    expect(await say('a:follow-related-de', 'Wer sitzt dem Aufsichtsrat der Südwestfalen Agentur vor?', 'de-DE')).toContain('Andreas Müller');
    expect(await say('a:follow-related-de', 'und was hat er gesagt?', 'de-DE')).toContain(MUELLER_QUOTE_DE);
  });

  it('(de/en) a pronoun after an answer naming one person stands for that person; another organisation gets the same question', async () => {
    expect(await say('a:follow-person-en', 'Who heads the supervisory board of the Südwestfalen Agentur?', 'en-US')).toContain('Andreas Müller');
    expect(await say('a:follow-person-en', 'What did he say at the signing?', 'en-US')).toContain(MUELLER_QUOTE_EN);
    expect(await say('a:follow-org-de', 'Wer ist der Chef der Südwestfalen Agentur?', 'de-DE')).toContain('Hubertus Winterberg');
    const other = await say('a:follow-org-de', 'und bei der Wirtschaftsförderung Dortmund?', 'de-DE');
    // The entry about both managing directors, not the Dortmund director's quote.
    expect(other).toContain('mit einer Aussage zur Kooperation zitiert');
    expect(other).not.toContain('„');
  });

  it('(de/en) a follow-up naming a topic of its own gets that topic’s providers, for the need just described', async () => {
    // The ERP providers of the first answer have no funding offer; the follow-up asks for funding for the same project.
    await say('a:follow-topic-en', 'We are a packaging firm in Lippstadt and need a new ERP system. Who in Dortmund can help?', 'en-US');
    const funding = await say('a:follow-topic-en', 'what about funding for that?', 'en-US');
    expect(firstProviderTopics(funding)).toContain('Funding & finance');
    await say('a:follow-topic-de', 'Metallbetrieb aus Siegen, wir suchen Hilfe bei der IT-Sicherheit in Dortmund.', 'de-DE');
    expect(firstProviderTopics(await say('a:follow-topic-de', 'und Fördermittel dafür?', 'de-DE'))).toContain('Fördermittel & Finanzierung');
  });

  it('(de/en) "und wer noch?" / "who else?" after a provider list shows further providers, none shown before', async () => {
    const providerIds = (reply: string) => [...reply.matchAll(/"providerId":"([^"]+)"/g)].map((m) => m[1]!);
    for (const [id, first, more, locale] of [
      ['a:follow-more-de', 'Wir sind ein Maschinenbauer aus Olpe und suchen in Dortmund Hilfe bei der Einführung eines ERP-Systems.', 'und wer noch?', 'de-DE'],
      ['a:follow-more-en', 'We are a manufacturer in Siegen looking for help with cybersecurity in Dortmund.', 'who else?', 'en-US'],
    ] as const) {
      const shown = providerIds(await say(id, first, locale));
      const further = providerIds(await say(id, more, locale));
      expect(shown.length).toBeGreaterThan(0);
      expect(further.length).toBeGreaterThan(0);
      expect(further.filter((provider) => shown.includes(provider))).toEqual([]);
    }
  });

  it('(de/en) "gibt es da auch Start-ups?" / "and universities?" after a provider list shows that kind for the same need', async () => {
    const providerIds = (reply: string) => [...reply.matchAll(/"providerId":"([^"]+)"/g)].map((m) => m[1]!);
    const kindOf = new Map(loadKnowledge(shippedKnowledgeDir).providers.map((provider) => [provider.id, provider.kind]));
    await say('a:follow-kind-de', 'Wir suchen in Dortmund einen Partner für Logistiksoftware.', 'de-DE');
    const startUps = providerIds(await say('a:follow-kind-de', 'gibt es da auch Start-ups?', 'de-DE'));
    expect(startUps.length).toBeGreaterThan(0);
    expect(startUps.map((id) => kindOf.get(id))).toEqual(startUps.map(() => 'startup'));
    await say('a:follow-kind-en', 'We need a partner in Dortmund for logistics software.', 'en-US');
    const universities = providerIds(await say('a:follow-kind-en', 'and universities?', 'en-US'));
    expect(universities.length).toBeGreaterThan(0);
    expect(universities.map((id) => kindOf.get(id))).toEqual(universities.map(() => 'hochschule'));
  });

  it('(de) "und <Region>?" after one region’s strengths asked in other words gets the other region’s; "und der <Rolle>?" keeps the organisation', async () => {
    expect(await say('a:follow-swap-de', 'Welche Pluspunkte hat Dortmund für die Zusammenarbeit?', 'de-DE')).toContain('Ausbildungsstandort für IT-Fachkräfte');
    expect(await say('a:follow-swap-de', 'und Südwestfalen?', 'de-DE')).toContain('Weltmarktführer');
    await say('a:follow-role-de', 'Wer ist Vorsitzender des Aufsichtsrats der Südwestfalen Agentur?', 'de-DE');
    expect(await say('a:follow-role-de', 'Und der Geschäftsführer?', 'de-DE')).toContain('Hubertus Winterberg');
  });

  it('(de) "Wo sitzt der?" right after a provider list asks about the providers shown, not for the agency’s address', async () => {
    const providerIds = (reply: string) => [...reply.matchAll(/"providerId":"([^"]+)"/g)].map((m) => m[1]!);
    const listed = providerIds(await say('a:follow-listed-de', 'Wer berät kleine Firmen zur Digitalisierung in Dortmund?', 'de-DE'));
    expect(listed.length).toBeGreaterThan(0);
    const about = await say('a:follow-listed-de', 'Wo sitzt der?', 'de-DE');
    expect(providerIds(about).length).toBeGreaterThan(0);
    expect(providerIds(about).every((id) => listed.includes(id))).toBe(true);
    expect(about).not.toContain('Martinstraße');
  });

  it('(de/en) after a provider list, whether the plan can be funded gets funding providers; what the folder does not say gets no list', async () => {
    const providerIds = (reply: string) => [...reply.matchAll(/"providerId":"([^"]+)"/g)].map((m) => m[1]!);
    expect(providerIds(await say('a:follow-fund-de', 'Wir möchten unsere Lagerverwaltung digitalisieren, Betrieb in Meschede', 'de-DE')).length).toBeGreaterThan(0);
    expect(firstProviderTopics(await say('a:follow-fund-de', 'Wäre das förderfähig?', 'de-DE'))).toContain('Fördermittel & Finanzierung');
    expect(providerIds(await say('a:follow-unsaid-en', 'We need help with IT security for our plant in Olpe', 'en-US')).length).toBeGreaterThan(0);
    expect(providerIds(await say('a:follow-unsaid-en', 'does that also work remotely?', 'en-US'))).toEqual([]);
  });

  it('(de) "und von Dortmunder Seite?" after what one person said asks what the person of that side said', async () => {
    expect(await say('a:follow-side-person-de', 'Was sagt Hubertus Winterberg über die Kooperation?', 'de-DE')).toContain('Wir halten die Menschen');
    expect(await say('a:follow-side-person-de', 'und von Dortmunder Seite?', 'de-DE')).toContain('Der starke Produktions- und Innovationsstandort');
  });

  it('(de) "Geht das auch im …?" moves the search to that part of the region, the user staying where they are', async () => {
    await say('a:follow-area-de', 'Wir sind ein Dortmunder Start-up und suchen Pilotkunden in Südwestfalen.', 'de-DE');
    const area = await say('a:follow-area-de', 'Geht das auch im Märkischen Kreis?', 'de-DE');
    // Providers of Südwestfalen, among them one of the district (the innovation factory in Lüdenscheid), not a FAQ answer.
    expect(area).toContain('passen aus Südwestfalen');
    expect(area).toContain('Lüdenscheid');
  });

  it('(de/en) a place after a firm said only where it is says where to look; "the other direction" swaps the regions of a provider list', async () => {
    expect(await say('a:follow-own-place-de', 'Wir sind ein Sägewerk aus Arnsberg und brauchen Hilfe bei der IT-Sicherheit.', 'de-DE')).toContain('passen aus Dortmund');
    const siegen = await say('a:follow-own-place-de', 'und in Siegen?', 'de-DE');
    expect(siegen).toContain('passen aus Südwestfalen');
    expect(siegen).not.toContain('passen aus Dortmund');
    const providerIds = (reply: string) => [...reply.matchAll(/"providerId":"([^"]+)"/g)].map((m) => m[1]!);
    const dortmund = providerIds(await say('a:follow-direction-en', 'Which universities in Dortmund do research on robotics?', 'en-US'));
    expect(dortmund.length).toBeGreaterThan(0);
    const other = providerIds(await say('a:follow-direction-en', 'and the other way round?', 'en-US'));
    expect(other.length).toBeGreaterThan(0);
    expect(other.filter((id) => dortmund.includes(id))).toEqual([]);
  });

  it('(de) "Können die auch …?" right after a provider list: what none of those shown is said to offer gets no list', async () => {
    const providerIds = (reply: string) => [...reply.matchAll(/"providerId":"([^"]+)"/g)].map((m) => m[1]!);
    expect(providerIds(await say('a:follow-also-de', 'Wir brauchen für unseren Betrieb in Olpe einen neuen Onlineshop.', 'de-DE')).length).toBeGreaterThan(0);
    const also = await say('a:follow-also-de', 'Können die auch Robotik?', 'de-DE');
    expect(providerIds(also)).toEqual([]);
  });

  it('(en) a pronoun after a follow-up asks its own question about whom the conversation is about', async () => {
    await say('a:follow-pronoun-en', 'Who runs the Südwestfalen Agentur?', 'en-US');
    await say('a:follow-pronoun-en', 'and in Dortmund?', 'en-US');
    expect(await say('a:follow-pronoun-en', 'what did he say?', 'en-US')).toContain('a strong location for produ');
  });

  it('a full new question starts fresh, and a follow-up without an earlier answer is read alone', async () => {
    await say('a:follow-de-3', 'Welche Stärken bringt Südwestfalen in die Kooperation ein?', 'de-DE');
    const fresh = await say('a:follow-de-3', 'Wann und wo wurde die Kooperationsvereinbarung unterzeichnet?', 'de-DE');
    expect(fresh).toContain('Arnsberg');
    expect(fresh).not.toContain('Weltmarktführer');
    expect(await say('a:follow-de-4', 'Und die andere Seite?', 'de-DE')).not.toContain('Ausbildungsstandort');
  });
});

describe('follow-ups in the widget (Direct Line)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps the topic across a restart of the server', async () => {
    const { DirectLine } = directLineJs;
    const first = await start();
    cleanups.push(() => removeDataDir(first.dataDir));
    const { token, conversationId } = await generateToken(first.baseUrl);
    const open = (baseUrl: string, watermark?: string) => {
      const dl = new DirectLine({ domain: `${baseUrl}/v3/directline`, token, conversationId, watermark, webSocket: false, pollingInterval: 200, timeout: 2000, random: () => 0 } as ConstructorParameters<typeof DirectLine>[0]);
      cleanups.push(() => dl.end());
      return dl;
    };
    const post = (dl: InstanceType<typeof DirectLine>, text: string) =>
      new Promise<string>((resolve, reject) => {
        dl.postActivity({ type: 'message', text, locale: 'de-DE', from: { id: 'page', role: 'user' } } as Parameters<typeof dl.postActivity>[0]).subscribe({ next: resolve, error: reject });
      });
    const answerTo = (received: ReceivedActivity[], id: string) => waitFor(() => received.find((a) => a.type === 'message' && a.from.role === 'bot' && a.replyToId === id), 'the answer');

    const before = open(first.baseUrl);
    const seenBefore = collect(before).received;
    const askedId = await post(before, 'Welche Stärken bringt Dortmund in die Kooperation ein?');
    expect((await answerTo(seenBefore, askedId)).text).toContain('Ausbildungsstandort');
    const watermark = (before as unknown as { watermark: string }).watermark;
    before.end();
    await first.stop();

    const second = await start({ dataDir: first.dataDir, port: first.port });
    cleanups.push(() => second.stop());
    const after = open(second.baseUrl, watermark);
    const seenAfter = collect(after).received;
    const followId = await post(after, 'Und die andere Seite?');
    expect((await answerTo(seenAfter, followId)).text).toContain('Weltmarktführer');
  });
});
