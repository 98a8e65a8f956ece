/**
 * Which providers a message names ("Kann uns die TU Dortmund bei KI helfen?"): a provider's name without its part in
 * brackets, and its `aliases`, matched as word sequences like the lexicon's phrases (lower case, umlauts folded,
 * within one clause). The part in brackets is left out: it is as often a location or a parent ("Standort Dortmund",
 * "Universität Siegen") as a short name, and short names are what `aliases` are for.
 */
import { WordList, wordsOf, type Word } from './lexicon.js';
import type { ProviderKind, ProviderProfile } from './schema.js';

/** The names of one provider as users write them. */
export function namesOf(provider: Pick<ProviderProfile, 'name' | 'aliases'>): string[] {
  const bare = provider.name.replace(/\([^)]*\)/g, ' ').trim();
  return [...new Set([bare, ...(provider.aliases ?? [])].map((name) => name.trim()).filter(Boolean))];
}

export class ProviderNames {
  private readonly lists: { id: string; names: WordList }[];
  /** Every provider's names in one list: where a name of any provider starts, and how long the longest is. */
  private readonly anyName: WordList;

  constructor(providers: readonly Pick<ProviderProfile, 'id' | 'name' | 'aliases'>[]) {
    this.lists = providers.map((p) => ({ id: p.id, names: new WordList(namesOf(p).map(quoted)) }));
    this.anyName = new WordList(providers.flatMap((p) => namesOf(p).map(quoted)));
  }

  /** Where `words` name a provider (longest name at each start), in the order of the message. */
  spans(words: readonly Word[]): { start: number; end: number }[] {
    const spans: { start: number; end: number }[] = [];
    for (let i = 0; i < words.length; i++) {
      const length = this.anyName.matchAt(words, i);
      if (length === 0) continue;
      spans.push({ start: i, end: i + length });
      i += length - 1;
    }
    return spans;
  }

  /** The ids of the providers `words` name, in the order of the directory. */
  named(words: readonly Word[]): string[] {
    // Only where some provider's name starts can one provider's name start.
    const starts = this.anyName.positions(words);
    if (starts.length === 0) return [];
    return this.lists.filter((list) => starts.some((i) => list.names.matchAt(words, i) > 0)).map((list) => list.id);
  }
}

/**
 * Each provider's kinds: its own, and those of the providers its full name names, the part in brackets included. A unit
 * of a university ("Zentrum für Sensorsysteme (ZESS) der Universität Siegen", "Sozialforschungsstelle der TU Dortmund")
 * is a university partner as well.
 */
export function kindsByName(providers: readonly Pick<ProviderProfile, 'id' | 'name' | 'aliases' | 'kind'>[]): Map<string, ReadonlySet<ProviderKind>> {
  const names = new ProviderNames(providers);
  const kindOf = new Map(providers.map((p) => [p.id, p.kind]));
  return new Map(
    providers.map((p) => [p.id, new Set([p.kind, ...names.named(wordsOf(p.name)).flatMap((id) => (id === p.id ? [] : [kindOf.get(id)!]))])]),
  );
}

/** A name as a word-list entry: its `*` and `|` are letters of the name, not patterns. */
function quoted(name: string): string {
  return name.replace(/[*|]/g, ' ');
}
