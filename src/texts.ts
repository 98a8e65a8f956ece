/**
 * Every user-facing text of the bot, in German and English, in one catalogue.
 * Texts with values are functions; everything else is a plain string.
 */
import type { Language, ProviderKind, Region } from './knowledge/schema.js';

const de = {
  welcome:
    'Willkommen beim **Brückenschlag-Assistenten** von Südwestfalen und Dortmund! Ich beantworte Fragen zur Kooperation der Südwestfalen Agentur und der Wirtschaftsförderung Dortmund und schlage passende Partner vor – Hochschulen, Forschungsinstitute, Start-ups und IT-Dienstleister.\n\nFragen Sie einfach, z. B. „Wer steckt hinter der Kooperation?“ oder „Wir suchen Hilfe bei IT-Sicherheit“. *You can also write in English.*',
  help:
    'So kann ich helfen:\n\n- **Fragen zur Kooperation** – z. B. „Wann wurde die Vereinbarung unterzeichnet?“\n- **Partner finden** – beschreiben Sie Ihr Vorhaben, z. B. „Wir suchen Unterstützung bei KI in der Produktion“. Ich nenne passende Anbieter und warum sie passen.\n- **Mit einem Menschen sprechen** – schreiben Sie „Mitarbeiter“, dann übergebe ich an das Team der Agenturen.\n\n*You can also write in English.*',
  helpSuggestions: ['Worum geht es bei der Kooperation?', 'Wir suchen Hilfe bei IT-Sicherheit', 'Mit einem Menschen sprechen'],
  thanks: 'Gern geschehen! Fragen Sie jederzeit wieder.',
  askForNeed:
    'Gern! Beschreiben Sie in einem Satz, wobei Sie Unterstützung suchen – z. B. „Wir suchen Hilfe bei vorausschauender Wartung unserer Anlagen“. Ich nenne passende Anlaufstellen und sage, warum sie passen.',
  needExamples: ['Wir suchen Hilfe bei IT-Sicherheit', 'Wir suchen einen Partner für KI in der Produktion', 'Wir suchen Unterstützung bei Fördermitteln'],
  answerSource: (title: string) => `Quelle: ${title}`,
  relatedHeading: 'Ähnliche Fragen:',
  didYouMean: 'Meinten Sie eine dieser Fragen?',
  unknown:
    'Dazu weiß ich leider nichts Verlässliches. Ich möchte Ihnen nichts Falsches sagen – das Team der beiden Agenturen hilft gern weiter:',
  unknownOfferHuman: 'Soll ich Sie mit einem Menschen aus dem Team verbinden?',
  tooLong: (max: number) => `Ihre Nachricht ist zu lang (höchstens ${max} Zeichen). Bitte fassen Sie Ihr Anliegen kürzer.`,
  emptyMessage: 'Ich habe keinen Text erhalten. Schreiben Sie mir Ihre Frage, oder „Hilfe“.',
  providersIntro: (count: number, region: Region) =>
    `Diese ${count === 1 ? 'Anlaufstelle passt' : `${count} Anlaufstellen passen`} aus ${regionName.de[region]} am besten zu Ihrem Anliegen:`,
  providersNone: (region: Region) =>
    `Ich habe in ${regionName.de[region]} leider keinen passenden Anbieter im Verzeichnis gefunden.`,
  /** No profile covers the need clearly: the cooperation partner of the side looked in comes first, then partial matches. */
  providersBrokered: (partner: string, region: Region, partial: number) =>
    `Kein Profil im Verzeichnis deckt Ihr Anliegen klar ab. ${partner} vermittelt als Partner der Kooperation Kontakte zu passenden Firmen in ${regionName.de[region]}${
      partial === 0 ? '' : partial === 1 ? '; danach eine Anlaufstelle, die einen Teil Ihres Anliegens abdeckt' : `; danach ${partial} Anlaufstellen, die Teile Ihres Anliegens abdecken`
    }:`,
  /**
   * No profile covers the need clearly, but the first one shown covers a good part of it: it comes first, the partner
   * after it, then further partial matches.
   */
  providersPartlyCovered: (first: string, partner: string, region: Region) =>
    `Kein Profil im Verzeichnis deckt Ihr Anliegen ganz ab. ${first} deckt einen guten Teil davon ab; ${partner} vermittelt als Partner der Kooperation Kontakte zu weiteren passenden Firmen in ${regionName.de[region]}:`,
  /** Why the cooperation partner is shown: it brokers contacts in its region. */
  providerBrokers: (region: Region) => `vermittelt als Partner der Kooperation Kontakte in ${regionName.de[region]}`,
  providersFilterHint: 'Eingrenzen:',
  providerWhy: 'Warum passend',
  providerTopics: 'Themen',
  providerOpen: 'Website öffnen',
  providerIntroduce: 'Vorstellen lassen',
  providerSourceLabel: 'Quelle',
  /** Where a provider's facts come from and how old that page is ("Quelle: tu-dortmund.de, Stand 2024"). */
  providerSource: (site: string, sourceDate: string) =>
    `Quelle: ${site}, ${sourceDate === 'undated' ? 'ohne Datum' : `Stand ${sourceDateText('de', sourceDate)}`}`,
  /** A word the user typed, quoted the way the language does. */
  quoted: (word: string) => `„${word}“`,
  filterOnly: (kind: ProviderKind) => `nur ${kindPlural.de[kind]}`,
  filterAll: 'alle Arten',
  otherRegion: (region: Region) => `Anbieter in ${regionName.de[region]}`,
  talkToHuman: 'Mit einem Menschen sprechen',
  turnError: 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
  notAvailableInGroup: 'Erwähnen Sie mich mit @, wenn ich in diesem Kanal antworten soll.',
  installGreeting:
    'Hallo zusammen! Ich bin der Brückenschlag-Assistent. Erwähnen Sie mich mit @Brückenschlag und Ihrer Frage, dann antworte ich hier im Thread.',
  /** Privacy: the notice's link, the user's deletion (see src/bot/privacyHooks.ts) and the notice page /privacy. */
  privacy: {
    /** What a user writes to delete their data (compared without case, punctuation and extra spaces). */
    deleteCommands: ['meine daten löschen', 'meine daten loeschen', 'daten löschen', 'lösche meine daten', 'meine daten entfernen'],
    welcomeNote: (url: string) =>
      `Was ich speichere und wie lange, steht in den [Datenschutzhinweisen](${url}). Mit „Meine Daten löschen“ löschen Sie Ihre Daten jederzeit.`,
    confirmTitle: 'Ihre Daten löschen?',
    confirmBody:
      'Ich lösche diese Unterhaltung und alles, was dazu gespeichert ist: Nachrichten, Gesprächsverlauf, meinen Gesprächsstand und Ihre Fragen in der Auswertung. Anfragen an das Team bleiben nur als anonyme Zahl (Thema und Ergebnis) erhalten. Danach ist die Unterhaltung beendet.',
    confirmYes: 'Ja, löschen',
    confirmNo: 'Abbrechen',
    cancelled: 'In Ordnung, ich habe nichts gelöscht.',
    deleted: (lines: string[]) =>
      lines.length > 0
        ? `Erledigt. Gelöscht bzw. anonymisiert:\n\n${lines.map((line) => `- ${line}`).join('\n')}\n\nDiese Unterhaltung ist beendet.`
        : 'Erledigt. Zu Ihnen war nichts mehr gespeichert. Diese Unterhaltung ist beendet.',
    /** How the deletion summary names each kind of data (PersonalDataKind.name). */
    kindNames: {
      'bot conversation state': 'mein Gesprächsstand',
      'website conversations': 'Nachrichten im Website-Chat',
      'handoff transcripts': 'Gesprächsverlauf für das Team',
      'conversation addresses': 'Zustelladresse dieses Chats',
      'handoff tickets': 'Anfragen an das Team (anonymisiert)',
      'question log': 'Ihre Fragen in der Auswertung',
    } as Record<string, string>,
    entries: (count: number) => (count === 1 ? '1 Eintrag' : `${count} Einträge`),
  },
  /** Staff handoff: what the user sees, the staff ticket cards and the staff console. */
  handoff: {
    offerTitle: 'Mit dem Team der Agenturen sprechen?',
    offerAsked: 'Gern verbinde ich Sie mit einem Menschen aus dem Team der Südwestfalen Agentur und der Wirtschaftsförderung Dortmund.',
    offerUnanswered:
      'Ich konnte Ihre Fragen leider nicht beantworten. Ich kann Sie mit einem Menschen aus dem Team der Agenturen verbinden.',
    offerIntroduction: (names: string) => `Gern stellt Sie das Team der Agenturen ${names} vor.`,
    offerTranscriptNotice:
      'Dabei sieht das Team Ihren Anzeigenamen, die letzten Nachrichten dieses Chats (bis zu 30) und alles, was Sie bis zum Abschluss schreiben, damit Sie nichts wiederholen müssen. Gespeichert wird das nur für diese Anfrage, bis zum Ablauf der Aufbewahrungsfrist (siehe Datenschutzhinweise). Sie können jederzeit abbrechen.',
    offerOpen: 'Das Team ist gerade erreichbar – in der Regel meldet sich gleich jemand hier im Chat.',
    offerClosed: (hours: string) =>
      `Das Team ist ${hours} erreichbar. Ihre Anfrage wird trotzdem sofort weitergegeben; die Antwort kommt hier im Chat, sobald jemand da ist.`,
    offerTopic: 'Ihr Anliegen',
    offerConfirm: 'Ja, verbinden',
    offerCancel: 'Nein, danke',
    offerCancelled: 'In Ordnung, dann helfe ich weiter. Fragen Sie einfach.',
    queuedOpen: (id: number) =>
      `Ihre Anfrage (Nr. ${id}) liegt jetzt beim Team. Gleich meldet sich jemand hier im Chat. Sie können schon schreiben – das Team liest mit.`,
    queuedClosed: (id: number, hours: string) =>
      `Ihre Anfrage (Nr. ${id}) liegt jetzt beim Team. Außerhalb der Bürozeiten (${hours}) dauert es etwas länger; die Antwort kommt hier im Chat. Sie können schon schreiben – das Team liest mit.`,
    withdraw: 'Anfrage zurückziehen',
    withdrawn: 'Ihre Anfrage ist zurückgezogen. Ich helfe gern weiter – fragen Sie einfach.',
    alreadyOpen: (id: number) => `Ihre Anfrage (Nr. ${id}) liegt bereits beim Team.`,
    claimed: (name: string) => `${name} aus dem Team hat Ihr Anliegen übernommen und schreibt Ihnen hier.`,
    returned: 'Das Team hat das Gespräch an mich zurückgegeben. Fragen Sie mich gern weiter.',
    resolved: 'Das Team hat Ihr Anliegen abgeschlossen. Vielen Dank! Bei neuen Fragen bin ich wieder für Sie da.',
    anonymousUser: 'Gast',
    /** Ticket card for the staff channel. */
    cardTitle: (id: number) => `Anfrage Nr. ${id}`,
    states: {
      queued: 'Wartet auf Übernahme',
      active: 'In Bearbeitung',
      resolved: 'Erledigt',
      returned: 'Zurück an den Bot',
      cancelled: 'Vom Nutzer zurückgezogen',
    },
    reasons: {
      asked: 'möchte einen Menschen sprechen',
      unanswered: 'Bot konnte zweimal nicht antworten',
      introduction: 'bittet um Vorstellung bei einem Anbieter',
    },
    channels: { webchat: 'Website-Chat', msteams: 'Microsoft Teams', emulator: 'Emulator' } as Record<string, string>,
    fieldTopic: 'Thema',
    fieldUser: 'Nutzer',
    fieldChannel: 'Kanal',
    fieldReason: 'Grund',
    fieldProviders: 'Anbieter',
    fieldWaiting: 'Wartet seit',
    fieldState: 'Status',
    fieldClaimedBy: 'Bearbeitet von',
    waitingFor: (minutes: number) =>
      minutes < 1 ? 'weniger als 1 Min.' : minutes < 60 ? `${minutes} Min.` : `${Math.floor(minutes / 60)} Std. ${minutes % 60} Min.`,
    transcriptHeading: 'Verlauf (Auszug)',
    noTranscript: '(noch kein Verlauf)',
    roles: { user: 'Nutzer', bot: 'Bot', staff: 'Team' },
    claim: 'Übernehmen',
    resolve: 'Schließen',
    returnToBot: 'Zurück an den Bot',
    threadHint:
      'Nach dem Übernehmen antworten Sie hier im Thread; Ihre Nachrichten gehen an den Nutzer. Was mit „//“ beginnt, bleibt intern.',
    notClaimed: 'Bitte übernehmen Sie die Anfrage zuerst („Übernehmen“); erst dann gehen Nachrichten an den Nutzer.',
    claimedByOther: (name: string) => `Diese Anfrage bearbeitet ${name}; nur sie oder er schreibt dem Nutzer.`,
    ticketClosed: 'Diese Anfrage ist abgeschlossen; Nachrichten gehen nicht mehr an den Nutzer.',
    actionRejected: 'Das geht im aktuellen Zustand der Anfrage nicht mehr (die Karte zeigt den Stand).',
    userSays: (name: string, text: string) => `${name}: ${text}`,
    consoleCopy: (name: string, text: string) => `${name} (Konsole): ${text}`,
    staffChannelRegistered: 'Dieser Kanal erhält ab jetzt die Anfragen, die an das Team übergeben werden.',
    /** Staff console (web/staff). */
    console: {
      title: 'Brückenschlag – Anfragen',
      exportData: 'Daten exportieren (JSON)',
      deleteData: 'Daten der Person löschen',
      deleteConfirm:
        'Alle gespeicherten Daten dieser Person löschen? Unterhaltungen, Verlauf und Gesprächsstand werden gelöscht, die Anfrage bleibt anonymisiert erhalten. Das lässt sich nicht rückgängig machen.',
      deletedData: (rows: number) => `Gelöscht bzw. anonymisiert: ${rows} Einträge.`,
      loginHeading: 'Anmelden',
      loginHint: 'Außerhalb von Teams melden Sie sich mit Ihrem Staff-Token an (siehe docs/staff.md).',
      tokenLabel: 'Staff-Token',
      login: 'Anmelden',
      logout: 'Abmelden',
      loginFailed: 'Anmeldung fehlgeschlagen. Bitte prüfen Sie das Token.',
      signedInAs: (name: string) => `Angemeldet als ${name}`,
      queued: 'Wartend',
      active: 'In Bearbeitung',
      empty: 'Keine offenen Anfragen.',
      select: 'Wählen Sie links eine Anfrage.',
      transcript: 'Verlauf',
      history: 'Protokoll',
      message: 'Nachricht an den Nutzer',
      send: 'Senden',
      note: 'Notiz zum Abschluss (optional)',
      live: 'Live',
      offline: 'Verbindung unterbrochen – verbinde neu …',
      failed: (message: string) => `Das ging nicht: ${message}`,
      historyActions: {
        create: 'angefragt',
        claim: 'übernommen',
        resolve: 'geschlossen',
        return: 'zurück an den Bot',
        cancel: 'zurückgezogen',
      } as Record<string, string>,
    },
  },
  feedback: {
    question: 'War das hilfreich?',
    like: '👍 Ja',
    dislike: '👎 Nein',
    tellMore: 'Grund angeben …',
    reasonLabel: 'Was stimmt nicht?',
    reasons: { wrong: 'falsch', incomplete: 'unvollständig', outdated: 'veraltet', other: 'anderes' } as Record<string, string>,
    commentLabel: 'Ihre Anmerkung (freiwillig, höchstens 500 Zeichen, bitte ohne persönliche Daten)',
    send: 'Absenden',
    thanks: 'Danke für Ihre Rückmeldung! Sie hilft dem Team, die Antworten zu verbessern.',
  },
  curation: {
    tab: 'Wissenslücken',
    ticketsTab: 'Anfragen',
    heading: 'Wissenslücken',
    period: 'Zeitraum',
    periods: { '7': 'letzte 7 Tage', '30': 'letzte 30 Tage', '90': 'letzte 90 Tage', all: 'alles' } as Record<string, string>,
    language: 'Sprache',
    languages: { all: 'alle', de: 'Deutsch', en: 'Englisch' } as Record<string, string>,
    sort: 'Reihenfolge',
    sorts: { largest: 'größte zuerst', newest: 'neueste zuerst' } as Record<string, string>,
    refresh: 'Aktualisieren',
    chartTitle: 'Qualität pro Woche',
    chartLegend: { answer: 'direkt beantwortet', didYouMean: 'Meinten Sie …?', unknown: 'weiß nicht', providers: 'Anbieter', handoff: 'an Menschen' } as Record<string, string>,
    votes: (up: number, down: number) => `👍 ${up} · 👎 ${down}`,
    noGaps: 'Keine offenen Wissenslücken in diesem Zeitraum.',
    asked: (count: number) => (count === 1 ? '1-mal gefragt' : `${count}-mal gefragt`),
    seen: (first: string, last: string) => `zuerst ${first}, zuletzt ${last}`,
    why: (unanswered: number, hedged: number, down: number) =>
      [unanswered ? `${unanswered}× nicht beantwortet` : '', hedged ? `${hedged}× „Meinten Sie“` : '', down ? `${down}× 👎` : ''].filter(Boolean).join(' · '),
    near: 'Nahe Einträge',
    clicks: (n: number) => (n === 1 ? '1 Klick' : `${n} Klicks`),
    comments: 'Anmerkungen',
    entry: 'Eintrag',
    adopt: 'Als Formulierung übernehmen',
    draft: 'Neuen Eintrag entwerfen',
    draftBody: 'Entwurf: Antwort bitte ergänzen.',
    notOurTopic: 'Kein Thema für uns',
    write: 'Änderungen in die Dateien schreiben',
    reload: 'Wissen neu laden',
    version: (version: string, state: string) => `Wissensstand ${version} (${state === 'ok' ? 'aktuell' : 'veraltet – Probleme im Ordner'})`,
    done: 'Übernommen. Der Assistent antwortet ab jetzt damit.',
    written: (files: string[]) => (files.length ? `Geschrieben: ${files.join(', ')}` : 'Nichts zu schreiben.'),
    curatorsOnly: 'Änderungen dürfen nur Kuratorinnen und Kuratoren vornehmen.',
  },
};

type Texts = typeof de;

/** The states of a handoff ticket, as the texts name them. */
export type TicketStateName = keyof Texts['handoff']['states'];

const en: Texts = {
  welcome:
    'Welcome to the **Brückenschlag assistant** of Südwestfalen and Dortmund! I answer questions about the cooperation between the Südwestfalen Agentur and the Wirtschaftsförderung Dortmund and suggest matching partners – universities, research institutes, start-ups and IT providers.\n\nJust ask, e.g. “Who is behind the cooperation?” or “We need help with IT security”. *Sie können auch auf Deutsch schreiben.*',
  help:
    'Here is how I can help:\n\n- **Questions about the cooperation** – e.g. “When was the agreement signed?”\n- **Find partners** – describe your project, e.g. “We are looking for support with AI in production”. I name matching providers and why they match.\n- **Talk to a person** – write “agent” and I will hand over to the agencies’ team.\n\n*Sie können auch auf Deutsch schreiben.*',
  helpSuggestions: ['What is the cooperation about?', 'We need help with IT security', 'Talk to a person'],
  thanks: 'You are welcome! Ask again any time.',
  askForNeed:
    'Sure! Describe in one sentence what you need help with – e.g. “We are looking for help with predictive maintenance of our machines”. I will name matching contacts and say why they match.',
  needExamples: ['We need help with IT security', 'We are looking for a partner for AI in production', 'We need support with funding'],
  answerSource: (title: string) => `Source: ${title}`,
  relatedHeading: 'Related questions:',
  didYouMean: 'Did you mean one of these questions?',
  unknown:
    'I am afraid I have no reliable answer to that. Rather than tell you something wrong, let me point you to the team of the two agencies:',
  unknownOfferHuman: 'Shall I connect you with a person from the team?',
  tooLong: (max: number) => `Your message is too long (at most ${max} characters). Please put it more briefly.`,
  emptyMessage: 'I received no text. Write me your question, or “help”.',
  providersIntro: (count: number, region: Region) =>
    `${count === 1 ? 'This contact' : `These ${count} contacts`} in ${regionName.en[region]} ${count === 1 ? 'matches' : 'match'} your request best:`,
  providersNone: (region: Region) => `I found no matching provider in ${regionName.en[region]} in the directory.`,
  providersBrokered: (partner: string, region: Region, partial: number) =>
    `No profile in the directory clearly covers your request. As a partner of the cooperation, ${partner} puts you in touch with suitable firms in ${regionName.en[region]}${
      partial === 0 ? '' : partial === 1 ? '; after it, a contact that covers part of your request' : `; after it, ${partial} contacts that cover parts of your request`
    }:`,
  providersPartlyCovered: (first: string, partner: string, region: Region) =>
    `No profile in the directory covers your request fully. ${first} covers a good part of it; as a partner of the cooperation, ${partner} puts you in touch with further suitable firms in ${regionName.en[region]}:`,
  providerBrokers: (region: Region) => `brokers contacts in ${regionName.en[region]} as a partner of the cooperation`,
  providersFilterHint: 'Narrow down:',
  providerWhy: 'Why it matches',
  providerTopics: 'Topics',
  providerOpen: 'Open website',
  providerIntroduce: 'Ask for an introduction',
  providerSourceLabel: 'Source',
  providerSource: (site: string, sourceDate: string) =>
    `Source: ${site}, ${sourceDate === 'undated' ? 'undated' : `as of ${sourceDateText('en', sourceDate)}`}`,
  quoted: (word: string) => `“${word}”`,
  filterOnly: (kind: ProviderKind) => `only ${kindPlural.en[kind]}`,
  filterAll: 'all kinds',
  otherRegion: (region: Region) => `Providers in ${regionName.en[region]}`,
  talkToHuman: 'Talk to a person',
  turnError: 'Sorry, something went wrong on my side. Please try again in a moment.',
  notAvailableInGroup: 'Mention me with @ if you want me to answer in this channel.',
  installGreeting:
    'Hello everyone! I am the Brückenschlag assistant. Mention me with @Brückenschlag and your question and I will answer here in the thread.',
  privacy: {
    deleteCommands: ['delete my data', 'delete my personal data', 'erase my data', 'remove my data'],
    welcomeNote: (url: string) =>
      `What I store and for how long is explained in the [privacy notice](${url}). Write “delete my data” to delete your data at any time.`,
    confirmTitle: 'Delete your data?',
    confirmBody:
      'I will delete this conversation and everything stored about it: messages, conversation history, my conversation state and your questions in the statistics. Requests to the team remain only as an anonymous count (topic and outcome). After that, the conversation ends.',
    confirmYes: 'Yes, delete',
    confirmNo: 'Cancel',
    cancelled: 'All right, I deleted nothing.',
    deleted: (lines: string[]) =>
      lines.length > 0
        ? `Done. Deleted or anonymised:\n\n${lines.map((line) => `- ${line}`).join('\n')}\n\nThis conversation has ended.`
        : 'Done. Nothing about you was stored any more. This conversation has ended.',
    kindNames: {
      'bot conversation state': 'my conversation state',
      'website conversations': 'messages in the website chat',
      'handoff transcripts': 'conversation history for the team',
      'conversation addresses': 'the delivery address of this chat',
      'handoff tickets': 'requests to the team (anonymised)',
      'question log': 'your questions in the statistics',
    } as Record<string, string>,
    entries: (count: number) => (count === 1 ? '1 entry' : `${count} entries`),
  },
  handoff: {
    offerTitle: 'Talk to the agencies’ team?',
    offerAsked: 'I will gladly connect you with a person from the team of the Südwestfalen Agentur and the Wirtschaftsförderung Dortmund.',
    offerUnanswered: 'I am afraid I could not answer your questions. I can connect you with a person from the agencies’ team.',
    offerIntroduction: (names: string) => `The agencies’ team will gladly introduce you to ${names}.`,
    offerTranscriptNotice:
      'The team will see your display name, the last messages of this chat (up to 30) and everything you write until the request is closed, so that you do not have to repeat yourself. This is stored for this request only, until the retention period ends (see the privacy notice). You can cancel at any time.',
    offerOpen: 'The team is available right now – usually someone answers here in the chat shortly.',
    offerClosed: (hours: string) =>
      `The team is available ${hours}. Your request is passed on right away; the answer comes here in the chat as soon as someone is in.`,
    offerTopic: 'Your request',
    offerConfirm: 'Yes, connect me',
    offerCancel: 'No, thanks',
    offerCancelled: 'All right, I will keep helping. Just ask.',
    queuedOpen: (id: number) =>
      `Your request (no. ${id}) is now with the team. Someone will answer here in the chat shortly. You can already write – the team reads along.`,
    queuedClosed: (id: number, hours: string) =>
      `Your request (no. ${id}) is now with the team. Outside office hours (${hours}) it takes a little longer; the answer comes here in the chat. You can already write – the team reads along.`,
    withdraw: 'Withdraw request',
    withdrawn: 'Your request has been withdrawn. I am happy to keep helping – just ask.',
    alreadyOpen: (id: number) => `Your request (no. ${id}) is already with the team.`,
    claimed: (name: string) => `${name} from the team has taken over your request and will write to you here.`,
    returned: 'The team has handed the conversation back to me. Feel free to ask me more.',
    resolved: 'The team has closed your request. Thank you! I am here again for any new questions.',
    anonymousUser: 'Guest',
    cardTitle: (id: number) => `Request no. ${id}`,
    states: {
      queued: 'Waiting to be claimed',
      active: 'In progress',
      resolved: 'Resolved',
      returned: 'Back to the bot',
      cancelled: 'Withdrawn by the user',
    },
    reasons: {
      asked: 'wants to talk to a person',
      unanswered: 'the bot could not answer twice',
      introduction: 'asks for an introduction to a provider',
    },
    channels: { webchat: 'Website chat', msteams: 'Microsoft Teams', emulator: 'Emulator' } as Record<string, string>,
    fieldTopic: 'Topic',
    fieldUser: 'User',
    fieldChannel: 'Channel',
    fieldReason: 'Reason',
    fieldProviders: 'Providers',
    fieldWaiting: 'Waiting for',
    fieldState: 'State',
    fieldClaimedBy: 'Handled by',
    waitingFor: (minutes: number) =>
      minutes < 1 ? 'less than 1 min' : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`,
    transcriptHeading: 'Conversation (excerpt)',
    noTranscript: '(no conversation yet)',
    roles: { user: 'User', bot: 'Bot', staff: 'Team' },
    claim: 'Claim',
    resolve: 'Close',
    returnToBot: 'Back to the bot',
    threadHint: 'After claiming, reply here in the thread; your messages go to the user. Messages starting with “//” stay internal.',
    notClaimed: 'Please claim the request first (“Claim”); only then do messages go to the user.',
    claimedByOther: (name: string) => `${name} handles this request; only they write to the user.`,
    ticketClosed: 'This request is closed; messages no longer go to the user.',
    actionRejected: 'That is no longer possible in the request’s current state (the card shows it).',
    userSays: (name: string, text: string) => `${name}: ${text}`,
    consoleCopy: (name: string, text: string) => `${name} (console): ${text}`,
    staffChannelRegistered: 'From now on this channel receives the requests handed over to the team.',
    console: {
      title: 'Brückenschlag – requests',
      exportData: 'Export data (JSON)',
      deleteData: "Delete this person's data",
      deleteConfirm:
        "Delete everything stored about this person? Conversations, history and conversation state are deleted; the request stays, anonymised. This cannot be undone.",
      deletedData: (rows: number) => `Deleted or anonymised: ${rows} entries.`,
      loginHeading: 'Sign in',
      loginHint: 'Outside Teams, sign in with your staff token (see docs/staff.md).',
      tokenLabel: 'Staff token',
      login: 'Sign in',
      logout: 'Sign out',
      loginFailed: 'Sign-in failed. Please check the token.',
      signedInAs: (name: string) => `Signed in as ${name}`,
      queued: 'Waiting',
      active: 'In progress',
      empty: 'No open requests.',
      select: 'Pick a request on the left.',
      transcript: 'Conversation',
      history: 'History',
      message: 'Message to the user',
      send: 'Send',
      note: 'Closing note (optional)',
      live: 'Live',
      offline: 'Connection lost – reconnecting …',
      failed: (message: string) => `That did not work: ${message}`,
      historyActions: {
        create: 'requested',
        claim: 'claimed',
        resolve: 'closed',
        return: 'back to the bot',
        cancel: 'withdrawn',
      } as Record<string, string>,
    },
  },
  feedback: {
    question: 'Was this helpful?',
    like: '👍 Yes',
    dislike: '👎 No',
    tellMore: 'Give a reason …',
    reasonLabel: 'What is wrong?',
    reasons: { wrong: 'wrong', incomplete: 'incomplete', outdated: 'outdated', other: 'something else' } as Record<string, string>,
    commentLabel: 'Your note (optional, at most 500 characters, please no personal data)',
    send: 'Send',
    thanks: 'Thank you for your feedback! It helps the team improve the answers.',
  },
  curation: {
    tab: 'Knowledge gaps',
    ticketsTab: 'Requests',
    heading: 'Knowledge gaps',
    period: 'Period',
    periods: { '7': 'last 7 days', '30': 'last 30 days', '90': 'last 90 days', all: 'everything' } as Record<string, string>,
    language: 'Language',
    languages: { all: 'all', de: 'German', en: 'English' } as Record<string, string>,
    sort: 'Order',
    sorts: { largest: 'largest first', newest: 'newest first' } as Record<string, string>,
    refresh: 'Refresh',
    chartTitle: 'Quality per week',
    chartLegend: { answer: 'answered directly', didYouMean: 'did you mean …?', unknown: "don't know", providers: 'providers', handoff: 'to a person' } as Record<string, string>,
    votes: (up: number, down: number) => `👍 ${up} · 👎 ${down}`,
    noGaps: 'No open knowledge gaps in this period.',
    asked: (count: number) => (count === 1 ? 'asked once' : `asked ${count} times`),
    seen: (first: string, last: string) => `first ${first}, last ${last}`,
    why: (unanswered: number, hedged: number, down: number) =>
      [unanswered ? `${unanswered}× not answered` : '', hedged ? `${hedged}× "did you mean"` : '', down ? `${down}× 👎` : ''].filter(Boolean).join(' · '),
    near: 'Close entries',
    clicks: (n: number) => (n === 1 ? '1 click' : `${n} clicks`),
    comments: 'Notes',
    entry: 'Entry',
    adopt: 'Add as phrasing',
    draft: 'Draft a new entry',
    draftBody: 'Draft: please write the answer.',
    notOurTopic: 'Not our topic',
    write: 'Write changes into the files',
    reload: 'Reload knowledge',
    version: (version: string, state: string) => `Knowledge version ${version} (${state === 'ok' ? 'current' : 'stale – the folder has problems'})`,
    done: 'Done. The assistant answers with it from now on.',
    written: (files: string[]) => (files.length ? `Written: ${files.join(', ')}` : 'Nothing to write.'),
    curatorsOnly: 'Only curators may make changes.',
  },
};

const monthNames: Record<Language, string[]> = {
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * A source date of a provider profile (2024-05-13, 2024-05 or 2024) as a reader says it: "13. Mai 2024", "Mai 2024",
 * "2024" (English: "13 May 2024", "May 2024", "2024"). Anything else is returned as it is.
 */
export function sourceDateText(lang: Language, sourceDate: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(sourceDate);
  const month = match?.[2] ? monthNames[lang][Number(match[2]) - 1] : undefined;
  if (!match || (match[2] && !month)) return sourceDate;
  const [, year, , day] = match;
  if (!month) return year!;
  if (!day) return `${month} ${year}`;
  return lang === 'de' ? `${Number(day)}. ${month} ${year}` : `${Number(day)} ${month} ${year}`;
}

export const regionName: Record<Language, Record<Region, string>> = {
  de: { dortmund: 'Dortmund', suedwestfalen: 'Südwestfalen' },
  en: { dortmund: 'Dortmund', suedwestfalen: 'Südwestfalen (South Westphalia)' },
};

export const kindName: Record<Language, Record<ProviderKind, string>> = {
  de: {
    hochschule: 'Hochschule',
    forschung: 'Forschungseinrichtung',
    startup: 'Start-up',
    unternehmen: 'Unternehmen',
    netzwerk: 'Netzwerk / Kammer',
    verwaltung: 'Wirtschaftsförderung / Verwaltung',
  },
  en: {
    hochschule: 'University',
    forschung: 'Research institute',
    startup: 'Start-up',
    unternehmen: 'Company',
    netzwerk: 'Network / chamber',
    verwaltung: 'Economic development / public body',
  },
};

export const kindPlural: Record<Language, Record<ProviderKind, string>> = {
  de: {
    hochschule: 'Hochschulen',
    forschung: 'Forschung',
    startup: 'Start-ups',
    unternehmen: 'Unternehmen',
    netzwerk: 'Netzwerke',
    verwaltung: 'Wirtschaftsförderung',
  },
  en: {
    hochschule: 'universities',
    forschung: 'research',
    startup: 'start-ups',
    unternehmen: 'companies',
    netzwerk: 'networks',
    verwaltung: 'public bodies',
  },
};

const catalogue: Record<Language, Texts> = { de, en };

/** The texts of one language. */
export function texts(lang: Language): Texts {
  return catalogue[lang];
}

/** The figures and names the privacy notice is made from (the configuration's). */
export interface PrivacyNoticeFacts {
  controller?: string;
  contact?: string;
  legalBasis?: string;
  conversationDays: number;
  ticketDays: number;
  questionLogDays: number;
  auditDays: number;
}

/** The privacy notice (/privacy): a title, then sections of a heading and paragraphs (plain text, escaped when shown). */
export const privacyNotice: Record<Language, (facts: PrivacyNoticeFacts) => { title: string; otherLanguage: string; sections: { heading: string; paragraphs: string[] }[] }> = {
  de: (f) => ({
    title: 'Datenschutzhinweise zum Brückenschlag-Assistenten',
    otherLanguage: 'English version',
    sections: [
      {
        heading: 'Verantwortlich',
        paragraphs: [
          f.controller ?? 'Vom Betreiber einzutragen (PRIVACY_CONTROLLER).',
          `Kontakt in Datenschutzfragen: ${f.contact ?? 'vom Betreiber einzutragen (PRIVACY_CONTACT)'}`,
        ],
      },
      {
        heading: 'Was gespeichert wird',
        paragraphs: [
          `Website-Chat: Ihre Nachrichten und die Antworten des Assistenten, damit der Chat beim Seitenwechsel weiterläuft, sowie der Gesprächsstand des Assistenten (Sprache, letztes Thema). Beides wird ${f.conversationDays} Tage nach der letzten Nachricht gelöscht. In Microsoft Teams speichert der Assistent nur den Gesprächsstand, ebenfalls ${f.conversationDays} Tage.`,
          `Übergabe an das Team: Nur wenn Sie ausdrücklich bestätigen, mit einem Menschen zu sprechen, sieht das Team der Südwestfalen Agentur und der Wirtschaftsförderung Dortmund Ihren Anzeigenamen, die letzten Nachrichten des Chats (bis zu 30) und alles, was Sie bis zum Abschluss schreiben. Anfrage und Verlauf werden ${f.ticketDays} Tage nach dem Abschluss gelöscht. Unterhaltungen ohne Übergabe hinterlassen keinen Verlauf.`,
          `Auswertung: Ihre Fragen werden ohne Namen und Kennungen (unter einem Pseudonym, E-Mail-Adressen, Telefonnummern und IBANs unkenntlich gemacht) ${f.questionLogDays} Tage aufbewahrt, um fehlende Antworten zu finden.`,
          `Protokoll: Jeder Zugriff des Teams auf einen Gesprächsverlauf, jeder Export und jede Löschung wird ${f.auditDays} Tage protokolliert (wer, wann, was – ohne Inhalte).`,
        ],
      },
      {
        heading: 'Rechtsgrundlage',
        paragraphs: [f.legalBasis ?? 'Vom Betreiber einzutragen (PRIVACY_LEGAL_BASIS).'],
      },
      {
        heading: 'Ihre Rechte',
        paragraphs: [
          'Schreiben Sie im Chat „Meine Daten löschen“ (oder nutzen Sie im Website-Chat den Knopf dafür): Nach Ihrer Bestätigung löscht der Assistent Ihre Unterhaltung, den Verlauf, den Gesprächsstand und Ihre Fragen in der Auswertung; Anfragen an das Team bleiben nur anonym (Thema und Ergebnis) erhalten.',
          'Auskunft (Art. 15 DSGVO), Berichtigung und Löschung erhalten Sie auch über den oben genannten Kontakt. Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren.',
        ],
      },
      {
        heading: 'Keine Weitergabe, keine Drittinhalte',
        paragraphs: [
          'Die Daten bleiben auf dem Server des Betreibers. Der Chat lädt keine Bilder oder Skripte von fremden Servern; Bilder in Nachrichten werden nur als Link gezeigt.',
        ],
      },
    ],
  }),
  en: (f) => ({
    title: 'Privacy notice of the Brückenschlag assistant',
    otherLanguage: 'Deutsche Fassung',
    sections: [
      {
        heading: 'Controller',
        paragraphs: [
          f.controller ?? 'To be filled in by the operator (PRIVACY_CONTROLLER).',
          `Privacy contact: ${f.contact ?? 'to be filled in by the operator (PRIVACY_CONTACT)'}`,
        ],
      },
      {
        heading: 'What is stored',
        paragraphs: [
          `Website chat: your messages and the assistant's answers, so that the chat continues when you change pages, and the assistant's conversation state (language, last topic). Both are deleted ${f.conversationDays} days after the last message. In Microsoft Teams the assistant stores only the conversation state, also for ${f.conversationDays} days.`,
          `Handoff to the team: only when you explicitly confirm that you want to talk to a person, the team of the Südwestfalen Agentur and the Wirtschaftsförderung Dortmund sees your display name, the last messages of the chat (up to 30) and everything you write until the request is closed. The request and its history are deleted ${f.ticketDays} days after closing. Conversations without a handoff leave no history.`,
          `Statistics: your questions are kept without names or ids (under a pseudonym; e-mail addresses, phone numbers and IBANs masked) for ${f.questionLogDays} days, to find missing answers.`,
          `Audit log: every access of the team to a conversation history, every export and every deletion is logged for ${f.auditDays} days (who, when, what – without content).`,
        ],
      },
      {
        heading: 'Legal basis',
        paragraphs: [f.legalBasis ?? 'To be filled in by the operator (PRIVACY_LEGAL_BASIS).'],
      },
      {
        heading: 'Your rights',
        paragraphs: [
          'Write “delete my data” in the chat (or use the button in the website chat): after you confirm, the assistant deletes your conversation, its history, the conversation state and your questions in the statistics; requests to the team remain only anonymously (topic and outcome).',
          'You can also ask the contact above for access (Art. 15 GDPR), rectification and erasure. You have the right to lodge a complaint with a data-protection supervisory authority.',
        ],
      },
      {
        heading: 'No sharing, no third-party content',
        paragraphs: [
          "The data stays on the operator's server. The chat loads no images or scripts from other servers; images in messages are shown as links only.",
        ],
      },
    ],
  }),
};

/** Texts of the website chat widget (web/widget/widget.js gets them injected when /widget.js is served). */
export const widgetTexts: Record<Language, {
  launcher: string;
  launcherLabel: string;
  title: string;
  subtitle: string;
  closeLabel: string;
  loading: string;
  unavailable: string;
  privacyLink: string;
  privacyIntro: string;
  deleteData: string;
  /** Sent as the user's message by the widget's "delete my data" button (one of privacy.deleteCommands). */
  deleteCommand: string;
  ended: string;
}> = {
  de: {
    launcher: 'Fragen?',
    launcherLabel: 'Chat mit dem Brückenschlag-Assistenten',
    title: 'Brückenschlag-Assistent',
    subtitle: 'Südwestfalen ⇄ Dortmund',
    closeLabel: 'Chat schließen',
    loading: 'Chat wird geladen …',
    unavailable: 'Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.',
    privacyLink: 'Datenschutzhinweise',
    privacyIntro: 'Ihre Nachrichten werden gespeichert, solange der Chat sie braucht.',
    deleteData: 'Meine Daten löschen',
    deleteCommand: 'Meine Daten löschen',
    ended: 'Die Unterhaltung ist beendet. Beim nächsten Öffnen beginnt ein neuer Chat.',
  },
  en: {
    launcher: 'Questions?',
    launcherLabel: 'Chat with the Brückenschlag assistant',
    title: 'Brückenschlag assistant',
    subtitle: 'Südwestfalen ⇄ Dortmund',
    closeLabel: 'Close chat',
    loading: 'Loading the chat …',
    unavailable: 'The chat is not available right now. Please try again later.',
    privacyLink: 'Privacy notice',
    privacyIntro: 'Your messages are stored as long as the chat needs them.',
    deleteData: 'Delete my data',
    deleteCommand: 'Delete my data',
    ended: 'The conversation has ended. A new chat starts when you open it again.',
  },
};
