/**
 * npm run knowledge:check — lints the knowledge folder; prints every problem as `file: field: reason`.
 * Usage: npm run knowledge:check [-- <folder>]   (default: KNOWLEDGE_DIR or ./knowledge)
 */
import { ConfigError, loadConfig } from '../src/config.js';
import { KnowledgeError, loadKnowledge } from '../src/knowledge/loader.js';

function knowledgeDir(): string {
  if (process.argv[2]) return process.argv[2];
  try {
    return loadConfig().KNOWLEDGE_DIR;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const dir = knowledgeDir();
try {
  const knowledge = loadKnowledge(dir);
  const byRegion = (region: string) => knowledge.providers.filter((p) => p.region === region).length;
  console.log(
    `knowledge ok: ${knowledge.faqs.length} FAQ entries (${knowledge.faqs.filter((f) => f.lang === 'de').length} de, ${knowledge.faqs.filter((f) => f.lang === 'en').length} en), ` +
      `${knowledge.providers.length} providers (${byRegion('dortmund')} Dortmund, ${byRegion('suedwestfalen')} Südwestfalen), ` +
      `${knowledge.topics.length} topics, ${knowledge.synonyms.length} synonym groups`,
  );
} catch (error) {
  if (error instanceof KnowledgeError) {
    for (const problem of error.problems) console.error(problem);
    process.exit(1);
  }
  throw error;
}
