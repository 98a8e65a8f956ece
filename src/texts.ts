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
  providersFilterHint: 'Eingrenzen:',
  providerWhy: 'Warum passend',
  providerTopics: 'Themen',
  providerOpen: 'Website öffnen',
  providerIntroduce: 'Vorstellen lassen',
  providerVerified: (date: string) => `Geprüft am ${date}`,
  filterOnly: (kind: ProviderKind) => `nur ${kindPlural.de[kind]}`,
  filterAll: 'alle Arten',
  otherRegion: (region: Region) => `Anbieter in ${regionName.de[region]}`,
  talkToHuman: 'Mit einem Menschen sprechen',
  turnError: 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
  notAvailableInGroup: 'Erwähnen Sie mich mit @, wenn ich in diesem Kanal antworten soll.',
  installGreeting:
    'Hallo zusammen! Ich bin der Brückenschlag-Assistent. Erwähnen Sie mich mit @Brückenschlag und Ihrer Frage, dann antworte ich hier im Thread.',
};

type Texts = typeof de;

const en: Texts = {
  welcome:
    'Welcome to the **Brückenschlag assistant** of Südwestfalen and Dortmund! I answer questions about the cooperation between the Südwestfalen Agentur and the Wirtschaftsförderung Dortmund and suggest matching partners – universities, research institutes, start-ups and IT providers.\n\nJust ask, e.g. “Who is behind the cooperation?” or “We need help with IT security”. *Sie können auch auf Deutsch schreiben.*',
  help:
    'Here is how I can help:\n\n- **Questions about the cooperation** – e.g. “When was the agreement signed?”\n- **Find partners** – describe your project, e.g. “We are looking for support with AI in production”. I name matching providers and why they match.\n- **Talk to a person** – write “agent” and I will hand over to the agencies’ team.\n\n*Sie können auch auf Deutsch schreiben.*',
  helpSuggestions: ['What is the cooperation about?', 'We need help with IT security', 'Talk to a person'],
  thanks: 'You are welcome! Ask again any time.',
  answerSource: (title: string) => `Source: ${title}`,
  relatedHeading: 'Related questions:',
  didYouMean: 'Did you mean one of these questions?',
  unknown:
    'I am afraid I have no reliable answer to that. Rather than tell you something wrong, let me point you to the team of the two agencies:',
  unknownOfferHuman: 'Shall I connect you with a person from the team?',
  tooLong: (max: number) => `Your message is too long (at most ${max} characters). Please put it more briefly.`,
  emptyMessage: 'I received no text. Write me your question, or “help”.',
  providersIntro: (count: number, region: Region) =>
    `${count === 1 ? 'This contact' : `These ${count} contacts`} in ${regionName.en[region]} match your request best:`,
  providersNone: (region: Region) => `I found no matching provider in ${regionName.en[region]} in the directory.`,
  providersFilterHint: 'Narrow down:',
  providerWhy: 'Why it matches',
  providerTopics: 'Topics',
  providerOpen: 'Open website',
  providerIntroduce: 'Ask for an introduction',
  providerVerified: (date: string) => `Verified on ${date}`,
  filterOnly: (kind: ProviderKind) => `only ${kindPlural.en[kind]}`,
  filterAll: 'all kinds',
  otherRegion: (region: Region) => `Providers in ${regionName.en[region]}`,
  talkToHuman: 'Talk to a person',
  turnError: 'Sorry, something went wrong on my side. Please try again in a moment.',
  notAvailableInGroup: 'Mention me with @ if you want me to answer in this channel.',
  installGreeting:
    'Hello everyone! I am the Brückenschlag assistant. Mention me with @Brückenschlag and your question and I will answer here in the thread.',
};

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
