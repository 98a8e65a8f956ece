/**
 * Typo-tolerant look-up in the index vocabulary: every term within a few edits of a word, with its edit distance.
 * This is what MiniSearch's `fuzzyGet` does by walking its radix tree; with two edits allowed, that walk visits most
 * of the tree (any two letters are within two edits of anything).
 *
 * Here the vocabulary is indexed by letter pairs (bigrams) instead. A term within d edits of a word shares at least
 * max(length of either) − 1 − 2d bigrams with it (each edit destroys at most two; Ukkonen's q-gram lemma), so
 * counting shared bigrams over the bigrams' term lists leaves a few candidates, and only those are compared letter by
 * letter.
 */
export interface FuzzyMatch {
  /** The term's number, as given to the constructor. */
  term: number;
  /** Its Levenshtein distance to the word looked up. */
  distance: number;
}

/**
 * The bigram lists of a vocabulary (see `FuzzyVocabulary`), as arrays: what `toData` gives and `restore` takes back
 * (for the index snapshot, `indexSnapshot.ts`). List i holds the terms containing bigram `bigrams[i]`.
 */
export interface FuzzyVocabularyData {
  bigrams: Float64Array;
  listStart: Int32Array;
  listTerm: Int32Array;
  listCount: Int32Array;
}

export class FuzzyVocabulary {
  private readonly terms: readonly string[];
  /** The length of each term, by number: the filter of `within` reads it for thousands of terms per look-up. */
  private readonly termLength: Int32Array;
  /**
   * Per bigram (see `bigramAt`): the terms containing it, sorted by length, with how often each contains it, all
   * bigrams' lists in three flat arrays: bigram b's list runs from `listStart[listOf.get(b)]` to the next list's
   * start. Sorted by length because a word only needs the terms within `maxDistance` of its length.
   */
  private readonly listOf = new Map<number, number>();
  private readonly listStart: Int32Array;
  private readonly listTerm: Int32Array;
  private readonly listTermLength: Int32Array;
  private readonly listCount: Int32Array;
  /** Scratch for `within`: shared bigrams per term, all 0 between look-ups. */
  private readonly shared: Int32Array;
  /** Scratch for `within`: the terms with shared bigrams so far (a term is listed once: its count went from 0). */
  private readonly sharing: Int32Array;

  /** `terms[i]` gets the number i; with `lists` (from `toData` for the same terms), the lists are taken, not built. */
  constructor(terms: readonly string[], lists?: FuzzyVocabularyData) {
    this.terms = terms;
    this.termLength = Int32Array.from(terms, (term) => term.length);
    this.shared = new Int32Array(terms.length);
    this.sharing = new Int32Array(terms.length);
    if (lists) {
      checkLists(lists, terms.length);
      lists.bigrams.forEach((code, list) => this.listOf.set(code, list));
      this.listStart = lists.listStart;
      this.listTerm = lists.listTerm;
      this.listCount = lists.listCount;
      this.listTermLength = new Int32Array(lists.listTerm.length);
      for (let i = 0; i < lists.listTerm.length; i++) this.listTermLength[i] = this.termLength[lists.listTerm[i]!]!;
      return;
    }
    // Shortest terms first, so that every bigram's list comes out sorted by length.
    const byLength = terms.map((_, number) => number).sort((a, b) => terms[a]!.length - terms[b]!.length);
    // Two passes over the bigrams (this runs at start-up for the whole vocabulary): count the length of every list,
    // then fill the lists into the flat arrays.
    const sizes: number[] = [];
    for (const number of byLength) {
      forEachBigram(terms[number]!, (code) => {
        let list = this.listOf.get(code);
        if (list === undefined) this.listOf.set(code, (list = sizes.push(0) - 1));
        sizes[list]!++;
      });
    }
    this.listStart = new Int32Array(sizes.length + 1);
    sizes.forEach((size, list) => (this.listStart[list + 1] = this.listStart[list]! + size));
    const total = this.listStart[sizes.length]!;
    this.listTerm = new Int32Array(total);
    this.listTermLength = new Int32Array(total);
    this.listCount = new Int32Array(total);
    const filled = this.listStart.slice(0, sizes.length);
    for (const number of byLength) {
      forEachBigram(terms[number]!, (code, count) => {
        const at = filled[this.listOf.get(code)!]!++;
        this.listTerm[at] = number;
        this.listTermLength[at] = terms[number]!.length;
        this.listCount[at] = count;
      });
    }
  }

  /** The bigram lists, for `new FuzzyVocabulary(terms, data)` (shared arrays: do not change them). */
  toData(): FuzzyVocabularyData {
    return { bigrams: Float64Array.from(this.listOf.keys()), listStart: this.listStart, listTerm: this.listTerm, listCount: this.listCount };
  }

  /** Every term within `maxDistance` edits (Levenshtein) of `word`, in no particular order. */
  within(word: string, maxDistance: number): FuzzyMatch[] {
    const out: FuzzyMatch[] = [];
    const check = (term: number) => {
      const distance = editDistanceUpTo(word, this.terms[term]!, maxDistance);
      if (distance <= maxDistance) out.push({ term, distance });
    };
    // Where the lemma asks for no shared bigram (words of up to 2·maxDistance + 1 letters), it filters nothing.
    if (word.length - 1 - 2 * maxDistance <= 0) {
      for (let term = 0; term < this.terms.length; term++) check(term);
      return out;
    }
    /** Shared bigrams per term of a fitting length (terms sharing none are left out: they fall short anyway). */
    // Both scratch arrays are the index's own (a look-up runs for every typed word of every query): `sharing` lists
    // the terms in the order they first shared a bigram, as a growing list would.
    const shared = this.shared;
    const sharing = this.sharing;
    let sharingCount = 0;
    forEachBigram(word, (code, count) => {
      const list = this.listOf.get(code);
      if (list === undefined) return;
      const end = this.listStart[list + 1]!;
      for (let i = this.firstOfLength(list, word.length - maxDistance); i < end; i++) {
        if (this.listTermLength[i]! > word.length + maxDistance) break;
        const term = this.listTerm[i]!;
        if (shared[term] === 0) sharing[sharingCount++] = term;
        shared[term] = shared[term]! + Math.min(count, this.listCount[i]!);
      }
    });
    for (let s = 0; s < sharingCount; s++) {
      const term = sharing[s]!;
      if (shared[term]! >= Math.max(word.length, this.termLength[term]!) - 1 - 2 * maxDistance) check(term);
      shared[term] = 0;
    }
    return out;
  }

  /** The first place in list `list` whose term has at least `length` letters (binary search). */
  private firstOfLength(list: number, length: number): number {
    let low = this.listStart[list]!;
    let high = this.listStart[list + 1]!;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.listTermLength[middle]! < length) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Throws unless `lists` can be the lists of a vocabulary of `termCount` terms (a snapshot from elsewhere cannot). */
function checkLists(lists: FuzzyVocabularyData, termCount: number): void {
  const { bigrams, listStart, listTerm, listCount } = lists;
  const total = listTerm.length;
  const fits =
    listStart.length === bigrams.length + 1 &&
    listStart[0] === 0 &&
    listStart[bigrams.length] === total &&
    listCount.length === total &&
    listStart.every((start, i) => i === 0 || start >= listStart[i - 1]!) &&
    listTerm.every((term) => term >= 0 && term < termCount) &&
    new Set(bigrams).size === bigrams.length;
  if (!fits) throw new Error('fuzzyVocabulary: the lists do not fit the terms');
}

/** A bigram as one number: its two UTF-16 code units. */
function bigramAt(word: string, at: number): number {
  return word.charCodeAt(at) * 65536 + word.charCodeAt(at + 1);
}

/**
 * Calls `visit` once per distinct bigram of a word, with how often it occurs. Words are short, so repeats are found by
 * looking along the word rather than with a Map per word (the vocabulary has thousands of words).
 */
function forEachBigram(word: string, visit: (code: number, count: number) => void): void {
  outer: for (let i = 0; i + 1 < word.length; i++) {
    const code = bigramAt(word, i);
    for (let j = 0; j < i; j++) if (bigramAt(word, j) === code) continue outer;
    let count = 1;
    for (let j = i + 1; j + 1 < word.length; j++) if (bigramAt(word, j) === code) count++;
    visit(code, count);
  }
}

/**
 * Two rows of the edit-distance matrix, reused by every call of `editDistanceUpTo`: it runs thousands of times per
 * query (every matched index term against every typed word).
 */
let rowBuffer = new Int32Array(2 * 64);

/**
 * The Levenshtein distance of a and b when it is at most `max`, else `max + 1`. Only cells within `max` of the
 * diagonal can stay within `max`, so each row computes just that band, with cells capped at `max + 1`.
 */
export function editDistanceUpTo(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  const width = b.length + 1;
  if (rowBuffer.length < 2 * width) rowBuffer = new Int32Array(2 * width);
  const rows = rowBuffer;
  // Row i of the matrix starts at offset (i % 2) · width.
  for (let j = 0; j < width; j++) rows[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i++) {
    const current = (i % 2) * width;
    const previous = width - current;
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    rows[current] = Math.min(i, over);
    // The cells just outside the band, read by its first cell and by the next row's last cell.
    if (from > 1) rows[current + from - 1] = over;
    if (to < b.length) rows[current + to + 1] = over;
    let rowMin = rows[current]!;
    const letter = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const value = Math.min(
        over,
        rows[previous + j]! + 1,
        rows[current + j - 1]! + 1,
        rows[previous + j - 1]! + (letter === b.charCodeAt(j - 1) ? 0 : 1),
      );
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return over;
  }
  return rows[(a.length % 2) * width + b.length]!;
}

/**
 * Edits a typo may make in a word of `length` letters: none below 7 (a short word a few edits away is mostly another
 * word: "Wetter", "Weiter"), one up to 9, two from 10 ("Wirtschaftsfördeung", "Kooperaiton" count as one or two).
 */
export function typoEdits(length: number): number {
  return length >= 10 ? 2 : length >= 7 ? 1 : 0;
}

/**
 * How many slips make `typed` of `name`, when `typed` may be a typo of it: at most `typoEdits` of the shorter one's
 * length, two neighbouring letters swapped counting as one slip (two edits to Levenshtein); undefined otherwise.
 */
export function typoDistance(typed: string, name: string): number | undefined {
  const edits = typoEdits(Math.min(typed.length, name.length));
  if (edits === 0) return undefined;
  const distance = editDistanceUpTo(typed, name, edits);
  if (distance <= edits) return distance;
  if (typed.length !== name.length) return undefined;
  const at = [...typed].findIndex((letter, i) => letter !== name[i]);
  const swapped = typed[at] === name[at + 1] && typed[at + 1] === name[at] && typed.slice(at + 2) === name.slice(at + 2);
  return swapped ? 1 : undefined;
}
