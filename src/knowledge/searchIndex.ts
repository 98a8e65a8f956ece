/**
 * The knowledge index's former module, kept so that existing imports keep working: `KnowledgeIndex` lives in
 * `knowledgeIndex.ts`, the search's types in `searchResult.ts`, its settings in `searchDefaults.ts`. Import from those.
 */
export { KnowledgeIndex, type IndexOptions } from './knowledgeIndex.js';
export { searchDefaults } from './searchDefaults.js';
export type { DocumentType, SearchHit, SearchOptions, SearchResult } from './searchResult.js';
