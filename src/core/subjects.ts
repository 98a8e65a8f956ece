/**
 * The subject of a FAQ entry: a full name in its title – two or more proper names of the folder in a row, each held by no
 * other title of its language ("Was hat Thomas Westphal zur Kooperation gesagt?" is the entry about Westphal); either
 * word names it. A question naming such a subject asks about that entry, even when its other words also fit others
 * ("Was hat Winterberg bei der Unterzeichnung betont?"). Places are no subjects: many titles name the regions.
 */
import type { Lexicon } from '../knowledge/lexicon.js';
import { wordsOf, type Word } from '../knowledge/lexicon.js';
import type { FaqEntry, Language, Region } from '../knowledge/schema.js';

/** How far after a person's name a place still says where they belong ("Thomas Westphal, Geschäftsführer der Wirtschaftsförderung Dortmund"). */
const placeAfterNameWords = 8;

export class EntrySubjects {
  /** Per language: subject name → the id of the one entry whose title names it. */
  private readonly byLanguage = new Map<Language, Map<string, string>>();
  /** Per language: the people whose own entry the folder has, as the title writes their name, and their region. */
  private readonly people = new Map<Language, { id: string; name: string; region?: Region }[]>();
  /** `personIn` per entry, worked out once: an entry's text does not change while this index serves it. */
  private readonly personOf = new WeakMap<object, string | null>();

  constructor(
    faqs: readonly FaqEntry[],
    private readonly names: ReadonlySet<string>,
    private readonly lexicon: Lexicon,
  ) {
    // How many titles of each language hold each name.
    const titles = new Map<string, number>();
    for (const faq of faqs) {
      for (const name of new Set(this.nameRuns(wordsOf(faq.title)).flatMap((run) => run.names))) {
        titles.set(`${faq.lang}:${name}`, (titles.get(`${faq.lang}:${name}`) ?? 0) + 1);
      }
    }
    for (const faq of faqs) {
      const subjects = this.byLanguage.get(faq.lang) ?? this.byLanguage.set(faq.lang, new Map()).get(faq.lang)!;
      for (const run of this.nameRuns(wordsOf(faq.title))) {
        if (run.length < 2 || run.names.some((name) => titles.get(`${faq.lang}:${name}`) !== 1)) continue;
        for (const name of run.names) subjects.set(name, faq.id);
        const typed = faq.title.normalize('NFC');
        const words = wordsOf(typed);
        const people = this.people.get(faq.lang) ?? this.people.set(faq.lang, []).get(faq.lang)!;
        people.push({ id: faq.id, name: typed.slice(words[run.start]!.from, words[run.start + run.length - 1]!.to) });
      }
    }
    for (const [lang, people] of this.people) {
      const texts = faqs.filter((faq) => faq.lang === lang).map((faq) => wordsOf(`${faq.title}\n${faq.body}`.normalize('NFC')));
      for (const person of people) person.region = this.regionAfter(person.id, lang, texts);
    }
  }

  /**
   * The region of the place most often named right after the person `id` is about, in the entries' texts ("Thomas
   * Westphal, Geschäftsführer der Wirtschaftsförderung Dortmund"); undefined when none is, or both equally often.
   */
  private regionAfter(id: string, lang: Language, texts: readonly (readonly Word[])[]): Region | undefined {
    const subjects = this.byLanguage.get(lang)!;
    const votes = new Map<Region, number>();
    for (const words of texts) {
      const places = this.lexicon.places(words);
      for (const run of this.nameRuns(words)) {
        // The person's names in a row, maybe with a further capitalised word ("Hubertus Winterberg Geschäftsführer").
        const owners = run.names.map((name) => subjects.get(name)).filter((owner) => owner !== undefined);
        if (owners.length < 2 || owners.some((owner) => owner !== id)) continue;
        const end = run.start + run.length;
        const next = places.find((place) => place.start >= end && place.start < end + placeAfterNameWords);
        if (next) votes.set(next.region, (votes.get(next.region) ?? 0) + 1);
      }
    }
    const [first, second] = [...votes].sort((a, b) => b[1] - a[1]);
    return first && (!second || second[1] < first[1]) ? first[0] : undefined;
  }

  /** The region of the person `name` (as typed, any of their names) stands for (see `regionAfter`); undefined if unknown. */
  regionOf(name: string, lang: Language): Region | undefined {
    const named = new Set(wordsOf(name).map((word) => word.word));
    const regions = new Set((this.people.get(lang) ?? []).filter((person) => wordsOf(person.name).some((word) => named.has(word.word))).map((person) => person.region));
    return regions.size === 1 ? [...regions][0] : undefined;
  }

  /**
   * The subjects of `region` (see `regionAfter`): the full names of the people whose own entry the folder has, as the
   * title writes them, besides `besides` (a name as typed, any of its words), with the id of each one's entry.
   */
  peopleOf(region: Region, lang: Language, besides = ''): { id: string; name: string }[] {
    const other = new Set(wordsOf(besides).map((word) => word.word));
    return (this.people.get(lang) ?? [])
      .filter((person) => person.region === region && !wordsOf(person.name).some((word) => other.has(word.word)))
      .map(({ id, name }) => ({ id, name }));
  }

  /** The entry `text` names the subject of; undefined when it names none, or the subjects of several entries. */
  subjectIn(text: string, lang: Language): string | undefined {
    const subjects = this.byLanguage.get(lang);
    if (!subjects) return undefined;
    const words = wordsOf(text);
    // A lone name after "in", "nach" … is a town ("Skiverleih in Winterberg").
    const named = this.nameRuns(words).filter((run) => run.length > 1 || !this.lexicon.placeBeforeName.matchAt(words, run.start - 1));
    const ids = new Set(named.flatMap((run) => run.names).flatMap((name) => subjects.get(name) ?? []));
    return ids.size === 1 ? [...ids][0] : undefined;
  }

  /**
   * The one person `entry` names in full (a subject's names in a row, "Andreas Müller"), as its title or text writes
   * it: whom "he" / "ihn" in a follow-up to that answer stands for. Undefined when it names no one or several people
   * ("Who are the managing directors?" names two).
   */
  personIn(entry: Pick<FaqEntry, 'lang' | 'title' | 'body'>): string | undefined {
    let person = this.personOf.get(entry);
    if (person === undefined) this.personOf.set(entry, (person = this.findPerson(entry) ?? null));
    return person ?? undefined;
  }

  private findPerson(entry: Pick<FaqEntry, 'lang' | 'title' | 'body'>): string | undefined {
    const subjects = this.byLanguage.get(entry.lang);
    if (!subjects) return undefined;
    const text = `${entry.title}\n${entry.body}`.normalize('NFC');
    const words = wordsOf(text);
    const people = new Map<string, string>();
    for (const run of this.nameRuns(words)) {
      const ids = new Set(run.names.map((name) => subjects.get(name)));
      const [id] = ids;
      if (run.length < 2 || ids.size !== 1 || id === undefined || people.has(id)) continue;
      people.set(id, text.slice(words[run.start]!.from, words[run.start + run.length - 1]!.to));
    }
    return people.size === 1 ? [...people.values()][0] : undefined;
  }

  /** The runs of consecutive proper names among `words` that are not part of a place name, with where each starts. */
  private nameRuns(words: readonly Word[]): { start: number; names: string[]; length: number }[] {
    const inPlace = new Set(this.lexicon.places(words).flatMap((p) => Array.from({ length: p.end - p.start }, (_, k) => p.start + k)));
    const runs: { start: number; names: string[]; length: number }[] = [];
    words.forEach((word, i) => {
      if (!this.names.has(word.word) || inPlace.has(i)) return;
      const last = runs[runs.length - 1];
      if (last && last.start + last.length === i) {
        last.names.push(word.word);
        last.length += 1;
      } else runs.push({ start: i, names: [word.word], length: 1 });
    });
    return runs;
  }
}
