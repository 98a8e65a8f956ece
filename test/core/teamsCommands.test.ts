/**
 * The commands the Teams app offers (manifest/manifest.json and its localisations) do what they say when a user
 * picks them without adding anything: help, asking what is needed to find providers, handing over to a person.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory, type Reply } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { repoRoot, shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));
const reply = (text: string): Reply => core.respond({ text }, emptyMemory()).reply;

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'manifest', 'manifest.json'), 'utf8')) as {
  bots: { commandLists: { commands: { title: string }[] }[] }[];
};
const english = JSON.parse(readFileSync(path.join(repoRoot, 'manifest', 'en.json'), 'utf8')) as Record<string, string>;

const germanTitles = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
const englishTitles = germanTitles.map((_, i) => english[`bots[0].commandLists[0].commands[${i}].title`]!);
const expectedKinds = ['help', 'askForNeed', 'escalate'];

describe('Teams commands picked as they are', () => {
  it('are the three documented commands', () => {
    expect(germanTitles).toEqual(['Hilfe', 'Anbieter finden', 'Mit einem Menschen sprechen']);
  });

  it.each([...germanTitles.map((t, i) => [t, 'de', expectedKinds[i]]), ...englishTitles.map((t, i) => [t, 'en', expectedKinds[i]])])(
    '"%s" (%s) gets a %s reply in the same language',
    (title, lang, kind) => {
      const answer = reply(title!);
      expect(answer.kind).toBe(kind);
      expect(answer.lang).toBe(lang);
    },
  );

  it('"Anbieter finden für IT-Sicherheit" goes straight to providers', () => {
    expect(reply('Anbieter finden für IT-Sicherheit').kind).toBe('providers');
  });
});
