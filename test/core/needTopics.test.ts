/**
 * Words that name a topic of the directory in a firm's need: forecasts are data science, a digital check and
 * "digital" with "Beratung" are digitalisation consulting.
 * Shipped knowledge; sentences worded here.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));

function reply(text: string, locale = 'de-DE'): Reply {
  return core.respond({ text, locale }, emptyMemory()).reply;
}

/** The topics of the first provider shown (fails when the reply is no provider list). */
function firstTopics(text: string, locale?: string): string[] {
  const r = reply(text, locale);
  expect(r.kind).toBe('providers');
  return r.kind === 'providers' ? r.matches[0]!.provider.topics : [];
}

describe('a forecast is data science', () => {
  it.each([
    ['de-DE', 'Wir sind eine Brauerei aus Arnsberg und brauchen eine Absatzprognose aus unseren Verkaufsdaten.'],
    ['en-US', 'We are a sawmill in Winterberg and want a demand forecast for our timber.'],
  ])('(%s) %s', (locale, text) => {
    expect(firstTopics(text, locale)).toContain('ki-data-science');
  });
});

describe('a funding application is funding', () => {
  it.each([
    ['de-DE', 'Wer hilft uns bei einem Förderantrag für unsere neue Produktionsanlage?'],
    ['de-DE', 'Gibt es jemanden, der beim Ausfüllen von Förderanträgen hilft?'],
    ['de-DE', 'Förderantrag schreiben – wer in Dortmund unterstützt dabei?'],
  ])('(%s) %s', (locale, text) => {
    expect(firstTopics(text, locale)).toContain('foerdermittel-finanzierung');
  });
});

describe('the technical implementation of a platform is software development', () => {
  it.each([
    ['de-DE', 'Wir haben die Idee für ein Buchungsportal für Ferienwohnungen und brauchen Hilfe bei der technischen Umsetzung.'],
    ['en-US', 'We have a concept for a booking service for holiday flats and need a partner for the technical implementation.'],
    ['de-DE', 'Wer übernimmt bei uns die technische Umsetzung einer Plattform für Ersatzteile?'],
  ])('(%s) %s', (locale, text) => {
    expect(firstTopics(text, locale)).toContain('softwareentwicklung');
  });
});

describe('who builds a shop asks for those who develop one, in any form of the verb', () => {
  it.each([
    'Wer baut Onlineshops für kleine Händler?',
    'Unser Onlineshop ist langsam und unübersichtlich. Wer baut so etwas neu?',
    'Wir brauchen jemanden, der uns einen Onlineshop baut.',
  ])('%s', (text) => {
    expect(firstTopics(text)).toContain('softwareentwicklung');
  });
});

describe('advertising is marketing', () => {
  it.each([
    ['de-DE', 'Wir sind ein Weingut in Soest und suchen eine Werbeagentur für unsere neue Kampagne.'],
    ['en-US', 'Our bakery in Brilon needs an advertising agency.'],
  ])('(%s) %s', (locale, text) => {
    expect(firstTopics(text, locale)).toContain('e-commerce-online-marketing');
  });
});

describe('digitalisation consulting', () => {
  it.each([
    'Metallbau aus Attendorn: wir wissen nicht, wo wir digital stehen. Gibt es einen Digital-Check für uns?',
    'Druckerei in Lennestadt. Wir müssen digitaler werden. Gibt es eine Beratung, die uns begleitet?',
    // Getting digital from the start names it, with or without "Beratung".
    'Sägewerk bei Meschede: wir sollten digitaler werden und wissen nicht, wo wir anfangen.',
    'Unser Familienbetrieb in Olpe soll digital fit werden. Wer begleitet uns?',
  ])('%s', (text) => {
    expect(firstTopics(text)).toContain('digitalisierungsberatung');
  });

  it('a consultancy for a trade no profile offers is still refused', () => {
    expect(reply('Wir sind ein Betrieb aus Olpe. Gibt es eine Beratung für unsere Steuererklärung?').kind).not.toBe('providers');
  });
});
