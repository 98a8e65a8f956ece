/**
 * The same need described in German and in English finds the same kind of provider, each a direct provider list:
 * firms from Südwestfalen with a production, IT or logistics problem, Dortmund firms and founders looking for partners
 * in Südwestfalen. Shipped knowledge, a fresh conversation per message. Worded here from the provider profiles'
 * offers, not taken from their `needs` lines; each pair lists the providers that fit.
 */
import { describe, expect, it } from 'vitest';
import { AssistantCore } from '../../src/core/respond.js';
import { emptyMemory } from '../../src/core/types.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { shippedKnowledgeDir } from '../helpers/app.js';

const core = new AssistantCore(new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir)));

/** The first provider shown as a direct provider list, or what the reply was instead. */
function firstProvider(text: string, locale: string): string {
  const reply = core.respond({ text, locale }, emptyMemory()).reply;
  return reply.kind === 'providers' ? (reply.matches[0]?.provider.id ?? 'none') : reply.kind;
}

/** [providers that fit, German, English]. */
const pairs: [string[], string, string][] = [
  // English names a trade in several words before the firm's noun: the firm opening the message is the user's own.
  [['roteg', 'slapstack', 'lamarr-institut', 'fraunhofer-iml'],
    'Stahlbaufirma aus Kreuztal möchte das Schweißen mit Robotern automatisieren.',
    'Steel construction firm from Kreuztal wants to automate welding with robots.'],
  // "Sauerland-based": where the user is, as "Sauerländer" is.
  [['bechtle-dortmund', 'materna', 'smf', 'spherity', 'rc-trust', 'edih-do'],
    'Sauerländer Zulieferer: unser IT-Mann geht in Rente und wir haben Angst vor Phishing. Wer kümmert sich um unsere Sicherheit?',
    'Sauerland-based supplier: our IT guy is retiring and we worry about phishing. Who can take care of our security?'],
  // English words for whom a founder or a firm looks: an accelerator, a tech partner.
  [['startpunkt57', 'innovation-factory-luedenscheid', 'haus-der-innovation-siegen', 'innovation-quarter-lippstadt', 'ihk-siegen'],
    'Gründerin aus Dortmund sucht einen Accelerator in Südwestfalen.',
    'Founder from Dortmund seeking an accelerator in South Westphalia.'],
  // A technology partner may be any technology firm, the sensor maker too.
  [['it-suedwestfalen-luedenscheid', 'the-summit-siegen', 'open-xchange', 'gib-siegen', 'invers', 'buhl-data-service', 'pmdtechnologies'],
    'Wir sind eine Dortmunder Agentur und suchen einen Technologiepartner in Südwestfalen.',
    'We are a Dortmund agency keen to find a tech partner in South Westphalia.'],
  // English need verbs: "wishes to" as German "wünscht sich"; the place after it is where the user looks.
  [['suedwestfalen-agentur', 'startpunkt57', 'innovation-factory-luedenscheid', 'achenbach-buschhuetten', 'smarte-demonstrationsfabrik-siegen'],
    'Unser Dortmunder Start-up wünscht sich, seine Software mit einem Sauerländer Hersteller zu pilotieren.',
    'Our Dortmund start-up wishes to pilot its software with a Sauerland manufacturer.'],
  // "Plant" opening the message is the user's plant, not German's "plant" (plans): the place is where the user is.
  [['bechtle-dortmund', 'materna', 'smf', 'spherity', 'rc-trust', 'edih-do'],
    'Werk in Hemer sucht einen Partner für IT-Sicherheit.',
    'Plant in Hemer looking for an IT security partner.'],
  // Pairs that read alike in both languages already.
  [['fraunhofer-iml', 'prologistik', 'motionminers', 'roteg', 'slapstack', 'digital-hub-logistics'],
    'Wir sind ein Armaturenhersteller in Attendorn, bei uns dauert das Kommissionieren im Lager viel zu lange. Wer kann helfen?',
    'We are a valve maker in Attendorn and order picking in our warehouse takes far too long. Who can help?'],
  [['universitaet-siegen', 'fh-suedwestfalen', 'hochschule-hamm-lippstadt'],
    'Dortmunder Softwarefirma sucht eine Hochschule in Südwestfalen als Forschungspartner.',
    'Dortmund software company is looking for a university in South Westphalia as a research partner.'],
  [['startpunkt57', 'innovation-factory-luedenscheid', 'haus-der-innovation-siegen', 'innovation-quarter-lippstadt', 'ihk-siegen', 'universitaet-siegen', 'suedwestfalen-agentur', 'siegerlandfonds'],
    'Wir haben in Dortmund gegründet und suchen einen Inkubator in Südwestfalen.',
    'We founded our company in Dortmund and are looking for an incubator in South Westphalia.'],
  [['it-suedwestfalen-luedenscheid', 'the-summit-siegen', 'open-xchange', 'suedwestfalen-it'],
    'Wir sind ein Systemhaus aus Dortmund und suchen einen IT-Partner in Südwestfalen für den Vor-Ort-Service.',
    'We are an IT service company from Dortmund looking for an IT partner in South Westphalia for on-site service.'],
];

describe('the same need in German and English', () => {
  it.each(pairs)('%j: both find a provider that fits', (fitting, german, english) => {
    expect(fitting, german).toContain(firstProvider(german, 'de-DE'));
    expect(fitting, english).toContain(firstProvider(english, 'en-US'));
  });
});
