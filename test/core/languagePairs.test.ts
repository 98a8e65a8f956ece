/**
 * The same question asked in German and in English gets the same FAQ entry, each in its own language, as a direct
 * answer. Shipped knowledge, a fresh conversation per message. The pairs are worded here from the entries' answers,
 * not taken from their `questions` lists.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { contentWords, stem } from '../../src/knowledge/analyzer.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
const ask = (text: string, locale: string): Reply => core.respond({ text, locale }, emptyMemory()).reply;

/** [entry slug, German question, English question]. */
const pairs: [string, string, string][] = [
  ['adresse', 'Unter welcher Anschrift sitzt die Südwestfalen Agentur?', "What's the street address of the Südwestfalen Agentur?"],
  ['anlass', 'Warum haben sich die beiden Regionen zusammengetan?', 'Why did the two regions join forces?'],
  ['aufsichtsrat', 'Wer leitet den Aufsichtsrat der Agentur?', "Who heads the agency's supervisory board?"],
  ['geschaeftsfuehrer', 'Wer führt die Geschäfte der Wirtschaftsförderung Dortmund?', 'Who manages the Dortmund economic development agency?'],
  ['partner', 'Welche Organisationen stehen hinter dem Brückenschlag?', 'Which organisations are behind the digital bridge?'],
  ['regionale', 'Was macht die Agentur bei der REGIONALE?', 'What does the agency do in the REGIONALE?'],
  ['staerken-suedwestfalen', 'Wie viele Weltmarktführer gibt es in Südwestfalen?', 'How many world market leaders are there in Südwestfalen?'],
  ['unterzeichnung', 'Wo fand die Unterzeichnung statt?', 'Where did the signing take place?'],
  ['ziele', 'Was soll die Kooperation erreichen?', 'What is the cooperation meant to achieve?'],
  ['nutzen-beide-regionen', 'Profitieren beide Seiten von der Kooperation?', 'Do both sides gain from the cooperation?'],
  // English words the folder lacked: "erase" (the entry says "delete"), "view" (the quotes say "opinion"), "business
  // development agency" (the entries say "economic development agency").
  ['datenschutz', 'Wie lösche ich meine Daten wieder?', 'How can I get my data erased?'],
  ['zitat-winterberg', 'Was meint Hubertus Winterberg zu dem Brückenschlag?', "What is Hubertus Winterberg's view of the digital bridge?"],
  ['webseiten', 'Wie lautet die Internetseite der Wirtschaftsförderung Dortmund?', 'What is the website of the Dortmund business development agency?'],
  // The region's English name in two words, read as the one German word.
  ['gesellschafter', 'Aus welchen Kreisen setzt sich Südwestfalen zusammen?', 'Which districts make up South Westphalia?'],
];

describe('the same question in German and English', () => {
  it.each(pairs)('%s: answers both with the entry in their language', (slug, german, english) => {
    expect(ask(german, 'de-DE'), german).toMatchObject({ kind: 'answer', entry: { id: `${slug}-de` } });
    expect(ask(english, 'en-US'), english).toMatchObject({ kind: 'answer', entry: { id: `${slug}-en` } });
  });

  it('reads American and British English spellings alike', () => {
    const entryOf = (reply: Reply) => (reply.kind === 'answer' ? reply.entry.id : reply.kind);
    for (const [british, american] of [
      ['Is the cooperation only about digitalisation?', 'Is the cooperation only about digitalization?'],
      ['Which organisations signed the agreement?', 'Which organizations signed the agreement?'],
    ]) {
      expect(entryOf(ask(american, 'en-US')), american).toBe(entryOf(ask(british, 'en-US')));
    }
    expect(stem('digitalization', 'en')).toBe(stem('digitalisation', 'en'));
    expect(stem('digitalization', 'en')).not.toBe(stem('digital', 'en'));
    // Short words ending the same way are no American spellings.
    expect(stem('sized', 'en')).toBe('size');
  });

  it('reads the region named in two English words as its one-word name', () => {
    expect(contentWords('Firms in South Westphalia and south-westphalian suppliers')).toEqual(['firms', 'südwestfalen', 'südwestfalen', 'suppliers']);
    // The managing director's name stays his name.
    expect(contentWords('Thomas Westphal')).toEqual(['thomas', 'westphal']);
  });
});
