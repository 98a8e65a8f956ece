/**
 * What a message is, as src/core/intents.ts reads it with the shipped knowledge/lexicon.yml: the explicit intents,
 * a need, a question put after some context, a narrowing of a provider list, a question for partners.
 */
import { describe, expect, it } from 'vitest';
import { asksAboutTheCooperation, asksWhenOrWhy, asksForPartners, asksForPrivateContact, asksQuestion, seeksJob, describesNeed, detectIntent, detectKindFilter, isKeywordQuery, questionPart, speaksOfOwnCompany, withoutLetterFormulas } from '../../src/core/intents.js';

describe('explicit intents', () => {
  it.each([
    ['Hilfe', 'help'],
    ['/help', 'help'],
    ['?', 'help'],
    ['Was kannst du?', 'help'],
    ['Guten Morgen!', 'greeting'],
    ['good evening', 'greeting'],
    ['Danke, das hilft mir weiter!', 'thanks'],
    ['Dankeschön', 'thanks'],
    ['Anbieter finden', 'findProviders'],
    ['Find a partner', 'findProviders'],
    ['bitte einen Mitarbeiter', 'human'],
    ['Kann ich mit einer Person sprechen?', 'human'],
    ['I want to talk to someone', 'human'],
    // An appointment or a meeting asks for a person, whichever verb arranges it.
    ['We would like to arrange a meeting with the agency', 'human'],
    ['Can we book an appointment?', 'human'],
    ['Wir hätten gern einen Termin bei der Agentur', 'human'],
  ])('"%s" is %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it.each(['Danke für die Infos, aber wer leitet eigentlich die Agentur in Olpe?', 'Guten Morgen, wer leitet die Agentur?', 'Mitarbeiter gesucht', 'Bist du ein echter Mensch?', 'Hilfe bei der Digitalisierung', 'Wann war der Termin der Unterzeichnung?', '!!!'])(
    '"%s" has no explicit intent',
    (text) => {
      expect(detectIntent(text)).toBeUndefined();
    },
  );
});

describe('a need', () => {
  it.each([
    'Wir suchen einen Partner für IT-Sicherheit',
    'Wer berät Mittelständler bei der Digitalisierung?',
    'Gibt es in Südwestfalen eine Hochschule, die Robotik macht?',
    'Unsere Produktion braucht neue Sensorik',
    'We would like to automate our warehouse',
    'Is there a company that builds apps?',
    'Wir sind ein Systemhaus aus Dortmund und würden gern mit einem Partner im Kreis Olpe zusammenarbeiten',
    'Wo im Sauerland könnten wir Partner finden?',
    'Unsere Website ist alt. Könnte da mal jemand drüberschauen?',
    'Wir wissen nicht, womit anfangen bei der Digitalisierung',
    "We don't know where to start with our IT",
    // Asking whether any firm or provider of a kind exists, named by any word for whom a user may look for.
    'Gibt es im Märkischen Kreis Zulieferer, die einen Sensor-Prototyp mit uns bauen würden?',
    'Kennt jemand Labore in Dortmund für Materialprüfung?',
    'Are there any retailers in Siegen willing to pilot our checkout app?',
  ])('"%s" describes one', (text) => {
    expect(describesNeed(text)).toBe(true);
  });

  it.each([
    'Brauche ich eine Anmeldung?',
    'Sucht die Wirtschaftsförderung Praktikanten?',
    'Does the agency need interns?',
    'Wann wurde die Vereinbarung unterzeichnet?',
    'Wir möchten gern wissen, ob auch Vereine mitmachen können',
    'We would like to find out who runs the agency',
  ])(
    '"%s" does not',
    (text) => {
      expect(describesNeed(text)).toBe(false);
    },
  );

  it('partners and customers are asked for by word endings too', () => {
    expect(asksForPartners('Wir suchen Pilotkunden im Sauerland')).toBe(true);
    expect(asksForPartners('industrial partners wanted')).toBe(true);
    expect(asksForPartners('Wo ist der Kundenservice?')).toBe(false);
  });

  it('the user\'s own company is spoken of with "wir", "unser", "our"', () => {
    expect(speaksOfOwnCompany('Unser Warenwirtschaftssystem ist veraltet')).toBe(true);
    expect(speaksOfOwnCompany('Wer leitet die Agentur?')).toBe(false);
  });
});

describe('narrowing a provider list', () => {
  it.each([
    ['nur Hochschulen', 'hochschule'],
    ['bitte nur Start-ups', 'startup'],
    ['only research institutes', 'forschung'],
    ['just chambers', 'netzwerk'],
  ])('"%s" keeps %s', (text, kind) => {
    expect(detectKindFilter(text)).toBe(kind);
  });

  it.each(['nur', 'Hochschulen nur', 'nur Kaffee'])('"%s" is no narrowing', (text) => {
    expect(detectKindFilter(text)).toBeUndefined();
  });
});

describe('questions', () => {
  it('start with a question word or carry a question mark', () => {
    expect(asksQuestion('Welche Träger stehen hinter der Agentur')).toBe(true);
    expect(asksQuestion('Werkzeugbau Digitalisierung')).toBe(false);
    expect(isKeywordQuery('ERP-Einführung Mittelstand')).toBe(true);
  });

  it('a question after some context is asked alone unless it points back', () => {
    expect(questionPart('Ich schreibe eine Hausarbeit: Welche Träger stehen hinter der Agentur?')).toBe('Welche Träger stehen hinter der Agentur?');
    expect(questionPart('Wir haben eine Idee. Wer kann das für uns in Soest umsetzen?')).toBeUndefined();
    expect(questionPart('We have a plan. Who can help us with it?')).toBeUndefined();
    expect(questionPart('We have a plan. Who can do that?')).toBeUndefined();
    expect(questionPart('Kurze Frage. Wer kennt sich mit IT-Sicherheit aus?')).toBe('Wer kennt sich mit IT-Sicherheit aus?');
    expect(questionPart('Short question. Who offers IT security audits?')).toBe('Who offers IT security audits?');
  });
});

describe('a letter\'s salutation and closing', () => {
  it('are left out of what is searched, a name after the closing too', () => {
    expect(withoutLetterFormulas('Sehr geehrte Damen und Herren, wer leitet die Agentur? Mit freundlichen Grüßen, A. Schmidt')).toBe('wer leitet die Agentur?');
    expect(withoutLetterFormulas('Moin, gibt es das auch für Start-ups?')).toBe('gibt es das auch für Start-ups?');
    expect(withoutLetterFormulas('Hi there, who signed the agreement? Kind regards')).toBe('who signed the agreement?');
  });

  it('stay when they are all there is, or when they are part of the sentence', () => {
    expect(withoutLetterFormulas('Hallo')).toBe('Hallo');
    expect(withoutLetterFormulas('Danke für die schnelle Antwort zu unserem ERP-Problem')).toBe('Danke für die schnelle Antwort zu unserem ERP-Problem');
    expect(withoutLetterFormulas('Hallo Herr Westphal, wie geht es?')).toBe('Hallo Herr Westphal, wie geht es?');
    expect(withoutLetterFormulas('Wir suchen Hilfe. Vielen Dank für Ihre ausführliche Antwort zu unserem Problem mit dem ERP')).toBe(
      'Wir suchen Hilfe. Vielen Dank für Ihre ausführliche Antwort zu unserem Problem mit dem ERP',
    );
  });
});

describe('requests the folder never answers', () => {
  it('private contact data of a person, not the press office or the agencies\' addresses', () => {
    expect(asksForPrivateContact('Haben Sie die Privatnummer von Herrn Westphal?')).toBe(true);
    expect(asksForPrivateContact("Where does he live? I need Mr Müller's home address")).toBe(true);
    expect(asksForPrivateContact('Wie erreiche ich die Pressestelle?')).toBe(false);
    expect(asksForPrivateContact('What is the address of the Südwestfalen Agentur?')).toBe(false);
  });

  it('vacancies are looked for by a job seeker', () => {
    expect(seeksJob('Gibt es bei Ihnen freie Stellen?')).toBe(true);
    expect(seeksJob('Welche Stellen fördern die Kooperation?')).toBe(false);
  });

  it('the cooperation as subject: not "a collaboration" after an indefinite article; a time or a reason asked', () => {
    expect(asksAboutTheCooperation('Ist die Zusammenarbeit auch für kleine Betriebe gedacht?')).toBe(true);
    expect(asksAboutTheCooperation('Welche Institute kommen für eine Zusammenarbeit bei Sensorik in Frage?')).toBe(false);
    expect(asksAboutTheCooperation('Who attended the signing in 2018?')).toBe(true);
    expect(asksWhenOrWhy('Wann beginnt das nächste Treffen mit Start-ups?')).toBe(true);
    expect(asksWhenOrWhy('Why would a Dortmund firm look for partners in Siegen?')).toBe(true);
    expect(asksWhenOrWhy('Welche Hochschulen gibt es in Siegen?')).toBe(false);
  });
});
