/**
 * Where the user is and where they look (`readRegions`), and the kinds of provider they ask for (`wantedKinds`), read
 * from knowledge/places.yml and knowledge/lexicon.yml. The sentences are written here, apart from the evaluation set.
 */
import { describe, expect, it } from 'vitest';
import { readRegions } from '../../src/core/regionReading.js';
import { textWithout } from '../../src/knowledge/wordSpans.js';
import { wantedKinds } from '../../src/core/wantedKinds.js';
import { projectLexicon, wordsOf } from '../../src/knowledge/lexicon.js';

const lexicon = projectLexicon();
const read = (text: string, remembered?: 'dortmund' | 'suedwestfalen') => readRegions(wordsOf(text), lexicon, remembered);
const kinds = (text: string) => wantedKinds(wordsOf(text), lexicon);

describe('a starting point ("von … aus") is where the user is, even after a need verb', () => {
  it.each([
    'Wir möchten von Dortmund aus Kunden im Hochsauerlandkreis betreuen',
    'Von Dortmund aus wollen wir ein Lager in Olpe aufbauen. Wer kann helfen?',
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.origin).toBe('dortmund');
    expect(reading.target).toBe('suedwestfalen');
  });
});

describe('a place alone before a colon, opening the message, then a word for the user: where the writer is', () => {
  it.each([
    ['Dortmund: Wir suchen einen Partner für KI.', 'dortmund'],
    ['Hörde: Wir suchen einen Partner für Robotik.', 'dortmund'],
    ['Olpe: Wir brauchen Hilfe bei der IT-Sicherheit.', 'suedwestfalen'],
    ['Siegen: unser Betrieb braucht einen Onlineshop.', 'suedwestfalen'],
  ] as const)('%s', (text, home) => {
    const reading = read(text);
    expect(reading.origin).toBe(home);
    expect(reading.targetNamed).toBe(false);
  });

  it('not a heading that asks about the place', () => {
    expect(read('Südwestfalen: Wer bietet dort Robotik an?').target).toBe('suedwestfalen');
    expect(read('Südwestfalen: Wer bietet dort Robotik an?').origin).toBeUndefined();
  });
});

describe('firms someone else seeks ("Sucht jemand Testkunden …?") are not sought by the user', () => {
  it.each([
    'Braucht jemand in Dortmund Testkunden für Lagerroboter? Unser Lager in Attendorn wäre dafür frei.',
    'Is anyone in Dortmund looking for pilot users for warehouse drones? Our site in Olpe could help.',
    'Sucht vielleicht jemand Pilotanwender für Software zur Tourenplanung? Wir sind eine Spedition in Brilon.',
  ])('%s', (text) => {
    expect(kinds(text).firms).toBe(false);
  });

  it('the user seeking them, or asking someone for a contact to them, still seeks firms', () => {
    expect(kinds('Wir suchen Pilotkunden im Sauerland für unsere Software.').firms).toBe(true);
    expect(kinds('Hat jemand Kontakt zu Maschinenbauern im Sauerland?').firms).toBe(true);
  });
});

describe('a place named as a side of the cooperation is where the user looks', () => {
  it.each([
    ['Und auf der Dortmunder Seite?', 'dortmund'],
    ['Gibt es so etwas auch auf südwestfälischer Seite?', 'suedwestfalen'],
    ['And what about the Dortmund side?', 'dortmund'],
    ['Any on the South Westphalian side?', 'suedwestfalen'],
  ] as const)('%s', (text, side) => {
    const reading = read(text);
    expect(reading.target).toBe(side);
    expect(reading.origin).toBeUndefined();
  });

  it('unless the user says they are on that side', () => {
    const reading = read('Wir auf der Dortmunder Seite suchen Kontakte zu Gießereien');
    expect(reading.origin).toBe('dortmund');
    expect(reading.target).toBe('suedwestfalen');
  });
});

describe('a starting point names the user’s home where both places are the user’s', () => {
  it('Wir gründen von Dortmund aus ein Büro in Meschede und suchen dort Fördermittel', () => {
    const reading = read('Wir gründen von Dortmund aus ein Büro in Meschede und suchen dort Fördermittel');
    expect(reading.origin).toBe('dortmund');
    expect(reading.target).toBe('suedwestfalen');
  });
});

describe('a question word for the helper before the place', () => {
  it.each([
    'Unsere Server stehen in Bad Berleburg und wir wollen in die Cloud. Wer aus Dortmund könnte das begleiten?',
    'Who from Dortmund could help us? We are in Olpe.',
    'Welche Firma in Dortmund kann uns bei der IT-Sicherheit helfen? Wir sitzen in Siegen.',
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.target).toBe('dortmund');
    expect(reading.origin).toBe('suedwestfalen');
  });
});

describe('a place as a clause of its own after what the firm is: its address', () => {
  it.each([
    'Drahtzieherei, Altena. Die Prüfprotokolle sollen digital werden.',
    'Kunststofffabrik, Raum Meschede. Wer hilft uns bei der Datenauswertung?',
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.origin).toBe('suedwestfalen');
    expect(reading.target).toBe('dortmund');
    expect(reading.targetNamed).toBe(false);
  });

  it.each(['Wir wollen unsere Wartung digital planen. Firmensitz: Kirchhundem.', 'We want to track our trucks online. Location: Bestwig.'])(
    'a place labelled as the address: %s',
    (text) => {
      const reading = read(text);
      expect(reading.origin).toBe('suedwestfalen');
      expect(reading.targetNamed).toBe(false);
    },
  );

  it('a new site in a town is where the user looks, not the address', () => {
    const reading = read('Softwarehaus aus Dortmund mit einem neuen Standort in Siegen sucht dort Kontakte.');
    expect(reading.origin).toBe('dortmund');
    expect(reading.target).toBe('suedwestfalen');
  });

  it.each(['Our Dortmund software firm is opening an office in Siegen.', 'Unser Dortmunder Team bekommt ein zweites Büro in Meschede.'])(
    'the place after a possessive is home, a new office elsewhere is where the user looks: %s',
    (text) => {
      const reading = read(text);
      expect(reading.origin).toBe('dortmund');
      expect(reading.target).toBe('suedwestfalen');
      expect(reading.targetNamed).toBe(true);
    },
  );

  it('a place after a request stays where the user looks', () => {
    const reading = read('Wir suchen eine Hochschule für Robotik, gern Siegen.');
    expect(reading.target).toBe('suedwestfalen');
    expect(reading.targetNamed).toBe(true);
  });
});

describe('more names of the two regions', () => {
  it.each([
    'Wir sind ein Systemhaus aus Lütgendortmund und suchen Partner im Kreis Olpe',
    "Small agency from Dortmund's Nordstadt here, looking for clients in the Sauerland",
    'Wir aus Dortmund suchen Hochschulen Südwestfalens',
    'We are a Dortmund start-up looking for pilot users in Southern Westphalia',
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.target).toBe('suedwestfalen');
    expect(reading.origin).toBe('dortmund');
    expect(reading.targetNamed).toBe(true);
  });
});

describe('an inhabitants\' form in a question whether someone exists', () => {
  it.each([
    ['Gibt es Siegener Maschinenbauer, die unsere Software testen würden? Wir sitzen in Dortmund.', 'suedwestfalen', 'dortmund'],
    ["Any Dortmund start-ups that build drones? We're based in Olpe.", 'dortmund', 'suedwestfalen'],
  ])('%s', (text, target, origin) => {
    const reading = read(text);
    expect(reading.target).toBe(target);
    expect(reading.origin).toBe(origin);
  });
});

describe('both regions looked in: the one that describes the user is where they are', () => {
  it.each([
    ['Siegen machine builder here – any Dortmund start-ups doing predictive maintenance?', 'dortmund', 'suedwestfalen'],
    ['Gibt es Anbieter in Dortmund, die einem Olper Zulieferer bei der Cloud helfen?', 'dortmund', 'suedwestfalen'],
    ['Could you introduce our Arnsberg plant to a software partner in Dortmund?', 'dortmund', 'suedwestfalen'],
    ['Are there labs in the Sauerland that could test materials for a Dortmund start-up?', 'suedwestfalen', 'dortmund'],
    ['Which chamber in Siegen advises on export? We want to open a branch from Dortmund.', 'suedwestfalen', 'dortmund'],
  ])('%s', (text, target, origin) => {
    const reading = read(text);
    expect(reading.target).toBe(target);
    expect(reading.origin).toBe(origin);
  });

  it.each([
    // Two parties named, neither of them the user; a whole class of firms, not one.
    'When did the Olpe agency and the Dortmund team sign, and where?',
    'Can Siegen firms also buy services from providers in Dortmund, or only the other way?',
  ])('not read as the user: %s', (text) => {
    expect(read(text).originNamed).toBe(false);
  });

  it('whom the user works with is not the user: Wir möchten als Zulieferer aus Olpe mit einer Dortmunder Hochschule forschen.', () => {
    const reading = read('Wir möchten als Zulieferer aus Olpe mit einer Dortmunder Hochschule forschen.');
    expect(reading.target).toBe('dortmund');
    expect(reading.origin).toBe('suedwestfalen');
  });
});

describe('where a Dortmund firm looks in Südwestfalen', () => {
  it.each([
    ['Wir sitzen in Dortmund und suchen ein Testfeld im Sauerland', ['Hochsauerlandkreis', 'Märkischer Kreis', 'Kreis Olpe']],
    ["We're an IoT company in Dortmund looking for a pilot site in South Westphalia", []],
    ['Our Dortmund team would like to find a university in Siegen', ['Kreis Siegen-Wittgenstein']],
    ["anyone in arnsberg or meschede who'd pilot our app? we're from dortmund", ['Hochsauerlandkreis']],
    ['Ich ziehe von Dortmund nach Südwestfalen. Wer hilft Gründern dort?', []],
    ['Kennt ihr Maschinenbauer in Luedenscheid für einen Prototypen mit uns Dortmundern?', ['Märkischer Kreis']],
    ['Softwarefirma aus Dortmund möchte mit Herstellern aus Attendorn kooperieren', ['Kreis Olpe']],
    // A possessive owns only its noun: the thing sought after it comes from the place.
    ['Unser Büro ist in Dortmund. Wir wollen für unseren Webshop ein Bezahlmodul aus Siegen', ['Kreis Siegen-Wittgenstein']],
    // "Als … aus Dortmund" names the user's home; the place after the user's own product is a site where they look.
    ['Als Familienbetrieb aus Dortmund wollen wir unsere App im Sauerland bei Kunden ausprobieren', ['Hochsauerlandkreis', 'Märkischer Kreis', 'Kreis Olpe']],
  ])('%s', (text, districts) => {
    const reading = read(text);
    expect(reading.target).toBe('suedwestfalen');
    expect(reading.origin).toBe('dortmund');
    expect(reading.targetNamed).toBe(true);
    expect(reading.targetDistricts.sort()).toEqual([...districts].sort());
  });
});

describe('a possessive before the place, with no need verb before it', () => {
  it('still says where the user is: Unser Werk ist ein Zulieferbetrieb in Meschede und sucht Hilfe bei KI', () => {
    expect(read('Unser Werk ist ein Zulieferbetrieb in Meschede und sucht Hilfe bei KI').origin).toBe('suedwestfalen');
  });
});

describe('where a Südwestfalen firm looks', () => {
  it.each([
    'Wir sind Zulieferer aus Lüdenscheid und suchen Hilfe bei IT-Sicherheit',
    'We need an outside firm to look after our PCs on site in Lennestadt',
    'Metallbetrieb aus Attendorn sucht KI-Partner',
    'Ein Olper Familienbetrieb braucht einen neuen Webshop',
    'Server verschlüsselt, Produktion stand still. Betrieb in Meschede, 60 Leute. Wer hilft?',
    'Family business in Brilon here – who can look at our IT security?',
  ])('%s: Dortmund, the other side', (text) => {
    const reading = read(text);
    expect(reading.target).toBe('dortmund');
    expect(reading.origin).toBe('suedwestfalen');
    expect(reading.targetNamed).toBe(false);
  });

  it('looks in Dortmund when the message names it as where it looks', () => {
    expect(read('Gibt es in Dortmund Start-ups für Robotik? Wir sitzen in Olpe')).toMatchObject({ target: 'dortmund', origin: 'suedwestfalen', targetNamed: true, originNamed: true });
    expect(read('Wir suchen Dortmunder Hochschulen für ein Projekt')).toMatchObject({ target: 'dortmund', targetNamed: true });
  });

  it('still looks where it asks for a firm, when the firm is whom it looks for', () => {
    expect(read('Gibt es einen Betrieb in Olpe, der Gussteile putzt?')).toMatchObject({ target: 'suedwestfalen', targetNamed: true });
  });
});

describe('without a place', () => {
  it('looks on the side the conversation does not come from, Dortmund by default', () => {
    expect(read('Wir suchen Hilfe bei der IT-Sicherheit')).toMatchObject({ target: 'dortmund', targetNamed: false, origin: undefined });
    expect(read('Wir suchen Hilfe bei der IT-Sicherheit', 'dortmund')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
  });

  it('does not take common words for places', () => {
    expect(lexicon.places(wordsOf('An wen können wir uns wenden? Wie stehen Hubertus Winterberg und die Agentur dazu?'))).toEqual([]);
    expect(lexicon.places(wordsOf('What do you do?'))).toEqual([]);
    expect(lexicon.places(wordsOf('Wir sind aus DO'))).toHaveLength(1);
  });
});

describe('the places left out of the provider search', () => {
  it('drops where the user comes from and a whole region looked in, keeps a town looked in', () => {
    const text = 'Wir sind aus Dortmund und suchen im Sauerland oder in Siegen einen Partner';
    const words = wordsOf(text);
    const stripped = textWithout(text, words, readRegions(words, lexicon).placeSpans);
    expect(stripped).not.toMatch(/Dortmund/);
    expect(stripped).toMatch(/Siegen/);
  });

  it('drops the words saying where the user is, with the place', () => {
    const text = 'Unser Betrieb sitzt seit Jahren in Lennestadt. Wer programmiert uns eine App?';
    const words = wordsOf(text);
    const stripped = textWithout(text, words, readRegions(words, lexicon).placeSpans);
    expect(stripped).not.toMatch(/sitzt|Lennestadt/);
    expect(stripped).toMatch(/programmiert uns eine App/);
    const based = 'We are based in Arnsberg and need an app developer';
    const basedWords = wordsOf(based);
    expect(textWithout(based, basedWords, readRegions(basedWords, lexicon).placeSpans)).not.toMatch(/based|Arnsberg/);
  });

  it('drops the word that makes a town an area, and keeps the town looked in', () => {
    const text = 'Gibt es im Raum Lüdenscheid einen Kunststoffverarbeiter?';
    const words = wordsOf(text);
    const stripped = textWithout(text, words, readRegions(words, lexicon).placeSpans);
    expect(stripped).not.toMatch(/Raum/);
    expect(stripped).toMatch(/Lüdenscheid/);
  });
});

describe('a region that is part of a name', () => {
  it('stays in the provider search', () => {
    const text = 'Wir aus Dortmund suchen Kontakt zur Fachhochschule Südwestfalen';
    const words = wordsOf(text);
    expect(textWithout(text, words, readRegions(words, lexicon).placeSpans)).toMatch(/Fachhochschule Südwestfalen/);
  });
});

describe('the kinds of provider asked for by name', () => {
  it('counts what follows the need verb, not what the user says they are', () => {
    expect([...kinds('Wir sind ein Start-up und suchen eine Hochschule').kinds]).toEqual(['hochschule']);
    expect([...kinds('Wir sind eine Hochschule und suchen Start-ups').kinds]).toEqual(['startup']);
    expect(kinds('Mit welcher Uni könnten wir forschen?').kinds.has('hochschule')).toBe(true);
    expect(kinds('Wir suchen ein paar Studis für ein Praxisprojekt').kinds.has('hochschule')).toBe(true);
    expect([...kinds('Für unser Team suchen wir ein Labor').kinds]).toEqual(['forschung']);
    // A first clause that introduces the user, before the need; but not one that asks.
    expect(kinds('Dortmunder Softwarehaus, wir suchen Pilotkunden').firms).toBe(true);
    expect(kinds('Welche Hochschule gibt es dort, wenn wir forschen wollen?').kinds.has('hochschule')).toBe(true);
  });

  it('marks firms to work with, whose broker is the region’s cooperation partner', () => {
    expect(kinds('Wir suchen Pilotkunden').firms).toBe(true);
    expect(kinds('We need a manufacturer to test our sensor').firms).toBe(true);
    expect(kinds('We need a supplier for small batches of milled parts').firms).toBe(true);
    expect(kinds('Wir suchen eine Hochschule').firms).toBe(false);
    expect(lexicon.partners.suedwestfalen).toBe('suedwestfalen-agentur');
  });

  it('reads a firm right after "bei"/"with" as whom the user wants to work with, not as what the user is', () => {
    expect(kinds('Wir entwickeln eine App und würden sie gern bei einem Hersteller testen').firms).toBe(true);
    expect(kinds('Wir sind ein Hersteller von Armaturen').kinds.size).toBe(0);
  });

  it('reads firms someone helps as the user, not as firms sought', () => {
    expect(kinds('Which organisation in South Westphalia helps companies with funding applications?').firms).toBe(false);
    expect(kinds('Wer unterstützt Betriebe bei Förderanträgen?').firms).toBe(false);
  });

  it('reads a firm after an existence question for a topic as part of the user’s plan, not as firms sought', () => {
    const text = 'Is there funding for a Dortmund company that runs a project with a local manufacturer?';
    const words = wordsOf(text);
    // The topic reader stands in for the directory's: "funding" names a topic.
    const fundingBetween = (from: number, to: number) => words.slice(from, to).some((word) => word.word === 'funding');
    expect(wantedKinds(words, lexicon, () => false, undefined, fundingBetween).firms).toBe(false);
    expect(wantedKinds(wordsOf('Are there manufacturers that would pilot our software?'), lexicon, () => false, undefined, () => true).firms).toBe(true);
  });

  it('reads "Unternehmen" and partner firms asked for as firms to work with', () => {
    expect(kinds('Welche Unternehmen im Siegerland könnten unsere Schulungen buchen?').firms).toBe(true);
    expect(kinds('Wir suchen Partnerfirmen für gemeinsame Projekte').firms).toBe(true);
    expect(kinds('Wir sind ein Unternehmen aus Dortmund und suchen eine Hochschule').firms).toBe(false);
    expect(kinds('Dortmunder Unternehmen sucht ein Labor').firms).toBe(false);
    const text = 'Können Unternehmen aus Dortmund auch Fördermittel in Südwestfalen bekommen?';
    expect(wantedKinds(wordsOf(text), lexicon, () => false, read(text)).kinds.size).toBe(0);
  });

  it('reads firms that offer something in a relative clause as its providers, not as firms for the broker', () => {
    expect(kinds('Wir suchen ein Unternehmen im Sauerland, das Lagertechnik anbietet').firms).toBe(false);
    expect(kinds('Wir suchen Betriebe in Siegen, die sich mit Logistik auskennen').firms).toBe(false);
    expect(kinds('Wir suchen ein Unternehmen in Südwestfalen, das uns bei der IT-Sicherheit unterstützt').firms).toBe(false);
    expect(kinds('We need SME customers in the Sauerland. Who can help us?').firms).toBe(true);
    expect(kinds('Wir suchen Unternehmen in Südwestfalen, die unsere App testen').firms).toBe(true);
    expect(kinds('Wir suchen Pilotkunden. Das Produkt bietet Echtzeitdaten.').firms).toBe(true);
  });

  it('reads a firm named by its trade after it as a provider of that trade, not as firms for the broker', () => {
    const words = (text: string) => wordsOf(text);
    // The topic reader stands in for the directory's: "IT-Sicherheit" and "ERP" name topics.
    const topicIn = (text: string) => (from: number, to: number) => words(text).slice(from, to).some((w) => ['sicherheit', 'erp'].includes(w.word));
    const read = (text: string) => wantedKinds(words(text), lexicon, () => false, undefined, topicIn(text)).firms;
    expect(read('Wir suchen ein Unternehmen in Südwestfalen für IT-Sicherheit')).toBe(false);
    expect(read('We need a company in Siegen for ERP consulting')).toBe(false);
    expect(read('Wir suchen Pilotkunden für IT-Sicherheit')).toBe(true);
    expect(read('Wir suchen einen Betrieb für unsere ERP-Einführung')).toBe(true);
    expect(read('Wir suchen einen Betrieb im Sauerland mit Erfahrung in ERP')).toBe(false);
    expect(read('Wir brauchen einen Lohnfertiger mit Erfahrung im Drehen')).toBe(true);
  });

  it('reads the Mittelstand sought as firms, and firms something is meant for as its audience', () => {
    expect(kinds('Unser Dortmunder Softwarehaus möchte Kontakte in den Mittelstand im Siegerland knüpfen').firms).toBe(true);
    expect(kinds('We want to reach mid-sized companies in Olpe').firms).toBe(true);
    expect(kinds('Gibt es Beratung für Mittelständler im Kreis Soest?').firms).toBe(false);
    expect(kinds('Which training is there for SMEs in the Sauerland?').firms).toBe(false);
    expect(kinds('We are looking for companies in Arnsberg to test our sensor').firms).toBe(true);
  });

  it('reads founder advice asked for with a new site as the kind sought, not firms for the broker', () => {
    expect(kinds('Wir wollen eine Filiale in Olpe eröffnen').firms).toBe(true);
    const both = kinds('Wir wollen eine Filiale in Olpe eröffnen und brauchen dafür Gründerberatung');
    expect(both.firms).toBe(false);
    expect([...both.kinds].sort()).toEqual(['netzwerk', 'verwaltung']);
  });

  it('reads a site of the user’s own wherever the user names it, also in what the user says about itself', () => {
    const own = kinds('Wir sind ein Dortmunder Betrieb und eröffnen eine Filiale in Hemer');
    expect(own.firms).toBe(true);
    expect(own.ownSite).toBe(true);
    expect(kinds('Dortmunder Betrieb mit neuem Standort in Brilon sucht Kontakte').ownSite).toBe(true);
    const customers = kinds('Wir eröffnen eine Filiale in Hemer und suchen dort Kunden');
    expect(customers.firms).toBe(true);
    expect(customers.ownSite).toBe(false);
  });

  it('reads firms told about that look for something themselves as no firms sought', () => {
    expect(kinds('Ich hab gelesen, dass es in Siegen Unternehmen gibt, die selbst Lösungen suchen. Stimmt das?').kinds.size).toBe(0);
    expect(kinds('Gibt es in Siegen Unternehmen, die Pilotprojekte suchen?').firms).toBe(true);
    expect(kinds('Wir suchen Unternehmen, die Fachkräfte suchen').firms).toBe(true);
  });

  it('reads IT and software firms, singular or plural, as firms of that trade, not firms for the broker', () => {
    for (const text of ['Gibt es im Sauerland IT-Firmen, die ERP einführen?', 'We are looking for software companies in Siegen']) {
      expect(kinds(text).kinds.has('unternehmen')).toBe(true);
      expect(kinds(text).firms).toBe(false);
    }
  });

  it('matches whole words: "Unternehmensberatung" names no firm', () => {
    expect(kinds('Wir suchen eine Unternehmensberatung').firms).toBe(false);
  });
});

describe('whom the user looks for, and where', () => {
  it('takes a place right after a wanted noun for where the user looks, unless the noun is the user’s own', () => {
    expect(read('Our Dortmund team needs field tests with a company in South Westphalia')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
    expect(read('Looking for a test site in the Sauerland for our robotics start-up from Dortmund')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
    expect(read('Softwarefirma aus Dortmund möchte mit Herstellern aus Attendorn kooperieren')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
    expect(read('Wir wollen mit Start-ups aus Dortmund zusammenarbeiten')).toMatchObject({ target: 'dortmund', targetNamed: true });
  });

  it('asks for the broker only when no more specific kind of firm is named', () => {
    expect(kinds('We want a software company in South Westphalia as a partner').firms).toBe(false);
    expect(kinds('Wir suchen einen Industriebetrieb für einen Feldtest').firms).toBe(true);
  });

  it('reads a test site as the research factories and firms that offer one, not as firms for the broker', () => {
    expect(kinds('Wir brauchen ein echtes Testfeld in einer Fabrik').firms).toBe(false);
    expect([...kinds('Could you point us to a manufacturer as a pilot site?').kinds].sort()).toEqual(['forschung', 'netzwerk', 'unternehmen']);
    expect(kinds('Could you point us to a manufacturer as a pilot site?').firms).toBe(false);
    expect(kinds('Looking for a testbed in the Sauerland').kinds.has('forschung')).toBe(true);
  });
});

describe('helpers and self-descriptions', () => {
  it('takes whom someone helps for the user, not for whom the user looks', () => {
    expect(read('Wer in Südwestfalen hilft Dortmunder Firmen, Kontakte zu Hochschulen zu knüpfen?')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
  });

  it('reads a wanted kind in a later clause and past a possessive', () => {
    expect(kinds('Unser Dortmunder Team entwickelt Software – gibt es in Siegen Firmen, die so etwas brauchen?').firms).toBe(true);
    expect(kinds('Wir suchen für unsere Sensorik einen Industriebetrieb').firms).toBe(true);
    expect(kinds('Dortmunder Start-up sucht Förderprogramme').kinds.has('startup')).toBe(false);
  });
});

describe('a word of residence after the place', () => {
  it('is where the user is, when no need came before', () => {
    expect(read('Haben gerade in Dortmund gegründet. Gibt es in Südwestfalen Gründerzentren?')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund', targetNamed: true });
    expect(read('Ein in Soest ansässiges Team fragt: wer hilft uns in Dortmund?')).toMatchObject({ target: 'dortmund', origin: 'suedwestfalen' });
  });
  it('says where the firms sought are, after a need', () => {
    expect(read('Wir suchen Firmen, die im Sauerland ansässig sind')).toMatchObject({ target: 'suedwestfalen', targetNamed: true, origin: undefined });
  });
  it('says when, not where, before the place', () => {
    expect(read('Gerade gegründet: gibt es Gründerzentren in Südwestfalen?')).toMatchObject({ target: 'suedwestfalen', origin: undefined });
  });
});

describe('both regions named as places to look', () => {
  it('looks where the question asks where, and comes from the other', () => {
    expect(read('In Dortmund gibt es kaum Flächen. Wo im Sauerland könnten wir Partner finden?')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund', targetNamed: true });
    expect(read('There is no space left in South Westphalia. Where in Dortmund could we rent a lab?')).toMatchObject({ target: 'dortmund', origin: 'suedwestfalen' });
  });
});

describe('a statement of residence after a colon', () => {
  it('is where the user is', () => {
    expect(read('Wir suchen in Südwestfalen Betriebe zum Testen. Sitz: Dortmund')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
  });
});

describe('a place of someone else the user names', () => {
  it('is neither where the user is nor where they look', () => {
    const reading = read('Our Dortmund factory waits for parts from suppliers in the Sauerland every week');
    expect(reading).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund', targetNamed: false, targetDistricts: [] });
    // The user's own suppliers are still the user's: "our suppliers in …".
    expect(read('Our suppliers in the Sauerland are late').origin).toBe('suedwestfalen');
  });
});

describe('an inhabitants\' form for whom the user works with', () => {
  it('says where the user looks, after "mit"/"bei" and before a word for that party', () => {
    expect(read('Gibt es Zuschüsse, wenn wir als Werkzeugbauer aus Olpe ein Projekt mit einer Dortmunder Hochschule machen?')).toMatchObject({ target: 'dortmund', origin: 'suedwestfalen', targetNamed: true });
    expect(read('Wir möchten mit einem Siegener Maschinenbauer kooperieren, wir sind aus Dortmund')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
    // Before a word for no party ("bei einem Dortmunder Forschungsprojekt"), it says whose the project is.
    expect(read('Gibt es in Südwestfalen Betriebe, die bei einem Dortmunder Forschungsprojekt mitmachen?')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
  });
});

describe('getting in touch', () => {
  it('is a need: the firms to contact are where the user looks', () => {
    expect(read("We'd love to pilot our app with a manufacturer in the Siegerland – we're based in Dortmund")).toMatchObject({ target: 'suedwestfalen', targetNamed: true });
    expect(read("How do we get in touch with manufacturers in South Westphalia? We're a Dortmund start-up")).toMatchObject({ target: 'suedwestfalen', targetNamed: true });
    expect(read('Wir aus Dortmund wollen in Kontakt mit Herstellern im Sauerland kommen')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
  });
});

describe('a home in one region and a site in the other', () => {
  it('looks at the site when the home is named as such', () => {
    expect(read('Wir sind ein Dortmunder Betrieb mit neuem Werk in Olpe und brauchen dort Azubis')).toMatchObject({
      target: 'suedwestfalen',
      origin: 'dortmund',
      targetDistricts: ['Kreis Olpe'],
    });
    expect(read('Wo kann ich im Siegerland Lehrgänge buchen? Wir sind aus Dortmund')).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
    expect(read('Wir wollen unsere Server absichern lassen, gerne von jemandem aus Dortmund. Sitz: Soest')).toMatchObject({ target: 'dortmund', origin: 'suedwestfalen' });
  });

  it('reads "I\'m a Dortmund founder" as the home', () => {
    expect(read("I'm a Dortmund founder opening a branch in Meschede. Who helps founders there?")).toMatchObject({ target: 'suedwestfalen', origin: 'dortmund' });
  });

  it('reads no home from a question about firms in general', () => {
    expect(read('Können auch Dortmunder Betriebe Technik von Anbietern aus Südwestfalen beziehen?').targetNamed).toBe(false);
  });
});

describe('what the user says they are', () => {
  it('counts a possessive past a place name, and an "als" phrase after the user', () => {
    expect(kinds('Our Dortmund logistics firm has trouble with late deliveries').kinds.size).toBe(0);
    expect(kinds('Wie finden wir als Dortmunder Start-up Kunden?')).toMatchObject({ firms: true });
    expect(kinds('Wie finden wir als Dortmunder Start-up Kunden?').kinds.has('startup')).toBe(false);
    expect([...kinds('Wir suchen als Dortmunder Maschinenbauer eine Hochschule in Südwestfalen').kinds]).toEqual(['hochschule']);
    // After someone else, "als" says what that one should be.
    expect(kinds('Wir suchen einen Metallverarbeiter als Referenzkunden').firms).toBe(true);
    expect(kinds('Wir suchen im Siegerland einen Metallbetrieb als Pilotkunden').firms).toBe(true);
    expect(kinds('Wir sind ein Dortmunder Start-up und suchen Praxispartner aus der Industrie').firms).toBe(true);
  });

  it('reads a kind right before "gesucht" as whom the user looks for', () => {
    expect(kinds('Neuer Onlineshop: Agentur aus Dortmund gesucht, wir sind aus Soest').kinds.has('unternehmen')).toBe(true);
    expect(kinds('Neuer Onlineshop: Agentur aus Dortmund gesucht, wir sind aus Soest').firms).toBe(false);
    expect(kinds('Dortmunder Start-up sucht Förderprogramme').kinds.has('startup')).toBe(false);
  });

  it('asks for who supports start-ups, not for start-ups, after a help verb', () => {
    expect([...kinds('Wer unterstützt Start-ups dort?').kinds].sort()).toEqual(['netzwerk', 'verwaltung']);
    expect([...kinds('Who helps start-ups in Siegen?').kinds].sort()).toEqual(['netzwerk', 'verwaltung']);
    expect([...kinds('Wir suchen Start-ups in Dortmund').kinds]).toEqual(['startup']);
  });

  it('takes a pilot project for what the firms are for, not for a firm', () => {
    expect(kinds('Wir suchen einen Partner für ein Pilotprojekt').firms).toBe(false);
    expect(kinds('We are looking for a partner for a pilot project').firms).toBe(false);
    expect(kinds('We are looking for pilot customers').firms).toBe(true);
  });

  it('reads a clause that opens with what the firm makes and where as the user introducing its firm', () => {
    for (const text of ['Druckerei in Olpe: die Maschinen stehen oft still.', 'Kaltwalzwerk in Altena. Wir suchen Hilfe.', 'Holzverarbeitung in Brilon – das Lager ist voll.']) {
      expect(read(text), text).toMatchObject({ origin: 'suedwestfalen', target: 'dortmund', targetNamed: false, firmIntroduced: true });
    }
    // What and where the firm is, in parentheses after the word for the user: one statement, though it has a comma.
    expect(read('Wir (Gießerei, Olpe) bekommen zu viele Anfragen.')).toMatchObject({ origin: 'suedwestfalen', target: 'dortmund' });
    expect(read('Bei uns (Druckerei, Iserlohn) fällt oft das Netz aus.')).toMatchObject({ origin: 'suedwestfalen', target: 'dortmund' });
    expect(read('Wir suchen Partner (Siegen, Olpe) für Robotik.')).toMatchObject({ target: 'suedwestfalen', targetNamed: true });
    // Asked whether such a firm exists there, or a firm wanted there: where the user looks.
    expect(read('Gibt es eine Druckerei in Olpe?')).toMatchObject({ target: 'suedwestfalen', firmIntroduced: false });
    expect(read('Wir suchen eine Druckerei in Olpe')).toMatchObject({ target: 'suedwestfalen', firmIntroduced: false });
  });

  it('reads a clause that opens with a word for a firm and states no need as the user introducing itself', () => {
    expect(kinds('Wer in Dortmund hilft bei Cloud-Fragen? Firma aus Olpe.').kinds.size).toBe(0);
    expect(kinds('Wir bräuchten eine Firma im Sauerland, die unser Gerät testet.').firms).toBe(true);
  });

  it('reads a partner named by its topic as a provider of it, not as firms to broker', () => {
    const topicBefore = (text: string) => (position: number) => /security|ERP/i.test(wordsOf(text)[position - 1]?.raw ?? '');
    const text = 'Looking for an IT security partner in Siegen, we are a Dortmund company with customers there.';
    expect(wantedKinds(wordsOf(text), lexicon, topicBefore(text)).firms).toBe(false);
    expect(wantedKinds(wordsOf('Looking for customers in Siegen'), lexicon).firms).toBe(true);
  });

  it('ends an "als" phrase at a word for a firm', () => {
    expect(kinds('Wir suchen als Siegener Unternehmen einen Hersteller aus Dortmund').firms).toBe(true);
  });

  it('reads a kind before the user in a question as whom the user looks for', () => {
    expect([...kinds('Is there a university in Siegen we could work with?').kinds]).toEqual(['hochschule']);
    expect([...kinds('Gibt es eine Hochschule in Dortmund, mit der wir forschen könnten?').kinds]).toEqual(['hochschule']);
  });

  it('reads firms that offer something as its providers, not as firms to work with', () => {
    expect(kinds('Welche Firmen in Dortmund bieten Cloud-Hosting an?').firms).toBe(false);
    expect(kinds('Are there companies in Siegen that offer penetration tests?').firms).toBe(false);
    expect(kinds('Wir suchen Firmen in Siegen als Pilotkunden').firms).toBe(true);
  });

  it('does not take the noun after the user\'s own place as whom the user looks for', () => {
    const text = 'Gibt es in Olpe Förderung, von der auch ein Dortmunder Unternehmen etwas hat?';
    const words = wordsOf(text);
    expect(wantedKinds(words, lexicon, undefined, readRegions(words, lexicon)).kinds.size).toBe(0);
  });
});

describe('people to hire and the user’s own nouns', () => {
  it('reads "aus" after people to hire as where those people are, not where the user is', () => {
    for (const text of ['Wie kommen wir an Fachkräfte aus Dortmund?', 'Könnt ihr helfen, Entwickler aus Dortmund zu gewinnen?']) {
      const reading = read(text);
      expect(reading.target).toBe('dortmund');
      expect(reading.origin).toBeUndefined();
    }
  });

  it('reads a need verb’s form after a possessive as a noun of the user’s', () => {
    const reading = read('Our plant in Attendorn needs a better warehouse system. Who in Dortmund can help?');
    expect(reading.origin).toBe('suedwestfalen');
    expect(reading.target).toBe('dortmund');
  });
});

describe('firms that goods go to, students and researchers', () => {
  it('does not take customers that deliveries go to as firms the user looks for', () => {
    expect(kinds('Wir wollen die Lieferungen an unsere Händler und die Touren zu den Kunden besser planen').firms).toBe(false);
    expect(kinds('We want to plan the deliveries to customers better').firms).toBe(false);
    expect(kinds('Wir suchen Kunden für unsere Software').firms).toBe(true);
    expect(kinds('Wir bauen Transportroboter und suchen Testkunden').firms).toBe(true);
  });

  it('reads students and professors sought as universities, and who does research as institutes and universities', () => {
    expect([...kinds('Wir würden gern mit Studierenden ein Projekt machen').kinds]).toEqual(['hochschule']);
    expect(kinds('Wer forscht in Dortmund an Sensorik?').kinds).toEqual(new Set(['forschung', 'hochschule']));
    expect([...kinds('Wir forschen an Sensorik und suchen eine Hochschule').kinds]).toEqual(['hochschule']);
  });

  it('reads a kind after "mit" over a place adjective as whom the user works with', () => {
    const text = 'Gibt es Förderung, wenn wir ein Projekt gemeinsam mit einer Siegener Hochschule starten?';
    const words = wordsOf(text);
    expect([...wantedKinds(words, lexicon, undefined, readRegions(words, lexicon)).kinds]).toEqual(['hochschule']);
  });
});

describe('people who are the user', () => {
  it('reads "aus" after people the user is as where the user is', () => {
    const reading = read('Wir sind fünf Leute aus Dortmund und suchen Pilotkunden im Sauerland');
    expect(reading.origin).toBe('dortmund');
    expect(reading.target).toBe('suedwestfalen');
  });
});

describe('a preference before "aus" / "from" says where the one sought should come from', () => {
  it.each([
    ['Unsere Halle steht in Olpe. Wir suchen einen Systemhaus-Partner, gerne aus Dortmund.', 'dortmund', 'suedwestfalen'],
    ['Wir sitzen in Dortmund und brauchen einen Zulieferer, idealerweise aus dem Sauerland.', 'suedwestfalen', 'dortmund'],
    ['We are based in Siegen and need a software partner, preferably from Dortmund.', 'dortmund', 'suedwestfalen'],
  ])('%s', (text, target, origin) => {
    expect(read(text)).toMatchObject({ target, origin, targetNamed: true });
  });

  it('still reads "aus" without a preference as where the user is', () => {
    expect(read('Gießerei aus Olpe, wir brauchen Hilfe bei der IT-Sicherheit.')).toMatchObject({ origin: 'suedwestfalen', target: 'dortmund' });
  });
});

describe('a wish right before the place', () => {
  it.each([
    'Dortmunder Spedition sucht einen Partner für Tourenplanung – am liebsten aus Südwestfalen.',
    'Wir sind ein Softwarehaus in Dortmund. Gesucht wird ein Hersteller für Sensorik, gerne aus dem Sauerland.',
    'Dortmund engineering firm looking for a CNC shop, preferably from South Westphalia.',
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.target).toBe('suedwestfalen');
    expect(reading.origin).toBe('dortmund');
    expect(reading.targetNamed).toBe(true);
  });
});

describe('reaching firms in the other region', () => {
  it.each([
    'Softwarehaus aus Dortmund: Wie erreichen wir Betriebe im Siegerland, die digitalisieren wollen?',
    'We are a Dortmund app studio. How can we reach manufacturers in South Westphalia?',
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.target).toBe('suedwestfalen');
    expect(reading.origin).toBe('dortmund');
    expect(kinds(text).firms).toBe(true);
  });
});

describe('whom the user works with, then a place: where that party is', () => {
  it.each([
    ['Lässt sich mit Studenten aus Dortmund eine Abschlussarbeit machen?', 'dortmund'],
    ['Geht so etwas auch mit einer Hochschule im Sauerland?', 'suedwestfalen'],
  ] as const)('%s', (text, place) => {
    const reading = read(text);
    expect(reading.target).toBe(place);
    expect(reading.origin).toBeUndefined();
  });

  it('the user’s own partners (a possessive between) say nothing about where the user looks', () => {
    const reading = read('Wir sind ein Betrieb aus Olpe und sprechen mit unseren Partnern in Dortmund.');
    expect(reading.origin).toBe('suedwestfalen');
  });
});

describe('a place in a statement about the user’s situation: where the user is', () => {
  it.each([
    'Kleine Schreinerei im Sauerland, wir möchten eine neue Website.',
    'Wir wollen unsere Rechnungen digital verschicken. Familienbetrieb in Attendorn.',
    'Gummiwerk in Lennestadt, wir brauchen ein Lagerverwaltungssystem.',
    'Wir möchten unsere Monteure in Siegen mit Tablets ausstatten.',
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.origin).toBe('suedwestfalen');
    expect(reading.target).toBe('dortmund');
  });

  it.each([
    // Asked about: where the user looks, also with an abbreviation's full stops before the question mark.
    'Wir sind Maschinenbauer. Gibt es im Sauerland Fördergeld, z.B. für Roboter?',
    // A question inside the sentence.
    'Wir sind Gründer und überlegen, ob es in Siegen passende Labore gibt.',
    // Sought before, in the same sentence.
    'Wir suchen einen Softwarepartner, am liebsten Raum Olpe.',
    // Whom the user may work with, named in the clause.
    'Wir sind ein Betrieb. Ein Projekt mit der TU Dortmund wäre spannend.',
  ])('not for a place asked about or sought: %s', (text) => {
    const reading = read(text);
    expect(reading.origin).toBeUndefined();
  });
});

describe('where the user works: the firm after "bei"/"at" in a self-introduction', () => {
  it.each([
    'Ich bin Einkäuferin bei einem Pumpenhersteller in Attendorn. Wir möchten unsere Lieferanten digital anbinden.',
    "I'm the IT lead at a foundry in Brilon and we want to analyse our furnace data.",
  ])('%s', (text) => {
    const reading = read(text);
    expect(reading.origin).toBe('suedwestfalen');
    expect(reading.target).toBe('dortmund');
  });

  it('a firm after "bei" with a need verb before is whom the user looks for', () => {
    const reading = read('Wir möchten unsere Software bei einem Anwender in Olpe testen.');
    expect(reading.target).toBe('suedwestfalen');
  });
});

describe('an inhabitants\' form before a pair of nouns speaks of both', () => {
  it('Gibt es Projekte mit Dortmunder Schulen oder Hochschulen für unsere Azubis?', () => {
    const reading = read('Wir sind ein Zulieferer aus Olpe. Gibt es Projekte mit Dortmunder Schulen oder Hochschulen für unsere Azubis?');
    expect(reading.origin).toBe('suedwestfalen');
    expect(reading.target).toBe('dortmund');
  });
});

describe('a question word asking which party of a place', () => {
  it.each(['Welche Siegener Firmen bieten Cloud-Hosting an?', 'Which Dortmund institutes work on logistics?'])('looks there: %s', (text) => {
    const reading = read(text);
    expect(reading.targetNamed).toBe(true);
    expect(reading.origin).toBeUndefined();
  });
  it('not when the party is the subject of a question about the cooperation', () => {
    expect(read('Können auch Siegener Betriebe mitmachen?').origin).toBe('suedwestfalen');
  });
});

describe('firms asked for by what they do', () => {
  it.each(['Welche Firmen in Siegen machen Cloud-Hosting?', 'Which companies in Dortmund do data analytics?'])('are providers of it: %s', (text) => {
    expect(kinds(text).firms).toBe(false);
  });
  it('firms sought to do something with the user stay firms to work with', () => {
    expect(kinds('Wir suchen Firmen im Sauerland, die mit uns ein Projekt machen').firms).toBe(true);
  });
});

describe('a party the help is for', () => {
  it.each(['We need an AI partner for a small manufacturer in Siegen.', 'Wir suchen einen IT-Partner für einen Hersteller aus Olpe.'])(
    'its place is not looked in: %s',
    (text) => {
      const reading = read(text);
      expect(reading.targetNamed).toBe(false);
      expect(reading.target).toBe('dortmund');
    },
  );
  it('the user’s own firm after "für" is where the user is', () => {
    expect(read('Wir suchen einen IT-Partner für unseren Betrieb in Attendorn.').origin).toBe('suedwestfalen');
  });
});
