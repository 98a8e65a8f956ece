/**
 * Read-only knowledge API: search, provider profiles, topic vocabulary, health.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { LiveKnowledge } from '../../core/liveKnowledge.js';
import type { SearchHit } from '../../knowledge/searchResult.js';
import { languages, providerKinds, regions, type KnowledgeDocument } from '../../knowledge/schema.js';

export const MAX_QUERY_CHARS = 500;

const searchQuerySchema = z.object({
  q: z.string().optional(),
  type: z.enum(['faq', 'provider']).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  lang: z.enum(languages).optional(),
  topic: z.string().max(100).optional(),
  kind: z.enum(providerKinds).optional(),
  region: z.enum(regions).optional(),
});

/** Plain text of a Markdown body, cut at a word boundary. */
export function snippet(markdown: string, max = 200): string {
  const plain = markdown.replace(/[*_`#>]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
  if (plain.length <= max) return plain;
  return `${plain.slice(0, plain.lastIndexOf(' ', max)).trim()} …`;
}

function searchResultJson(hit: SearchHit) {
  const doc = hit.doc;
  return {
    id: hit.id,
    type: hit.type,
    title: doc.type === 'faq' ? doc.title : doc.name,
    score: Math.round(hit.score * 1000) / 1000,
    snippet: snippet(doc.body),
    tags: doc.type === 'faq' ? doc.tags : doc.topics,
    url: doc.type === 'provider' ? doc.url : null,
    why: hit.why,
    ...(doc.type === 'faq'
      ? { lang: doc.lang }
      : { kind: doc.kind, region: doc.region, city: doc.city, matchedTopics: hit.matchedTopics }),
  };
}

/**
 * A provider profile as `GET /api/providers/:id` returns it: every field of the profile but its file name. Where the
 * facts come from is three fields a client shows together ("Quelle: tu-dortmund.de, Stand 2024", as the cards do):
 * `source` (the page), `sourceDate` (when that page was written: "2024-05-13", "2024-05", "2024" or "undated", always
 * text) and `verified` (the day a curator read it).
 */
export function providerJson(doc: Extract<KnowledgeDocument, { type: 'provider' }>) {
  const { file: _file, ...profile } = doc;
  return profile;
}

export function knowledgeRoutes(knowledge: LiveKnowledge, version: string) {
  return (server: Server): void => {
    server.get('/api/search', async (req: Request, res: Response) => {
      const parsed = searchQuerySchema.safeParse(req.query ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError('BAD_REQUEST', `${issue.path.join('.')}: ${issue.message}`);
      }
      const { q, type, limit, lang, topic, kind, region } = parsed.data;
      if (q === undefined || q.trim() === '') throw new AppError('QUERY_MISSING');
      if (q.length > MAX_QUERY_CHARS) throw new AppError('QUERY_TOO_LONG');
      const providerFilter = topic !== undefined || kind !== undefined || region !== undefined;
      const result = knowledge.get().index.search(q, { type: providerFilter ? 'provider' : type, limit, lang, topic, kind, region });
      res.send(200, { query: q, lang: result.lang, topics: result.topics, results: result.hits.map(searchResultJson) });
    });

    server.get('/api/providers/:id', async (req: Request, res: Response) => {
      const doc = knowledge.get().index.get(String(req.params.id));
      if (!doc || doc.type !== 'provider') throw new AppError('PROVIDER_NOT_FOUND');
      res.send(200, providerJson(doc));
    });

    server.get('/api/topics', async (_req: Request, res: Response) => {
      const { index } = knowledge.get();
      const counts = new Map<string, number>();
      for (const p of index.knowledge.providers) for (const t of p.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
      res.send(200, {
        topics: index.knowledge.topics.map((t) => ({ id: t.id, de: t.de, en: t.en, providers: counts.get(t.id) ?? 0 })),
      });
    });

    server.get('/healthz', async (_req: Request, res: Response) => {
      const { index } = knowledge.get();
      const { faqs, providers } = index.knowledge;
      const live = knowledge.status();
      res.send(200, {
        status: 'ok',
        version,
        knowledge: {
          documents: faqs.length + providers.length,
          faqs: faqs.length,
          providers: providers.length,
          // A hash of the folder and the curator changes applied; `stale` with `problems` when the last rebuild failed
          // and this version keeps serving.
          version: live.version,
          builtAt: live.builtAt,
          state: live.state,
          problems: live.problems,
        },
        // Until `training` turns `ready`, the search ranks by words alone (see KnowledgeIndex.trainClassifier).
        classifier: index.classifierReady ? 'ready' : 'training',
      });
    });
  };
}
