export { loadKnowledge, KnowledgeError } from './loader.js';
export { KnowledgeIndex, searchDefaults } from './searchIndex.js';
export type { SearchHit, SearchOptions, SearchResult, DocumentType } from './searchIndex.js';
export { detectLanguage } from './language.js';
export * from './schema.js';
