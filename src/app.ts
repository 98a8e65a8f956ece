/**
 * Composes the application from a validated config: store → knowledge → core → bot → channels → HTTP server.
 * Tests build the same application on an ephemeral port; `main.ts` only starts and stops it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'restify';
import { AssistantBot, type BotHooks } from './bot/assistantBot.js';
import { renderReply } from './bot/render.js';
import { createBotFrameworkAdapter, type BotFrameworkAdapter } from './channels/botFramework.js';
import type { Config } from './config.js';
import { AssistantCore } from './core/respond.js';
import { createHttpServer, type RouteModule } from './http/app.js';
import { knowledgeRoutes } from './http/routes/knowledge.js';
import { messageRoutes } from './http/routes/messages.js';
import { KnowledgeIndex } from './knowledge/searchIndex.js';
import { loadKnowledge } from './knowledge/loader.js';
import type { Logger } from './logger.js';
import { openDatabase, type Db } from './store/database.js';
import { SqliteStorage } from './store/sqliteStorage.js';

/** The version from package.json, found from both src/ (tsx) and dist/src/ (built). */
function readVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

export const version = readVersion();

export interface Application {
  config: Config;
  server: Server;
  db: Db;
  index: KnowledgeIndex;
  core: AssistantCore;
  bot: AssistantBot;
  adapter: BotFrameworkAdapter;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting requests and closes the store. */
  close(): Promise<void>;
}

export function buildApplication(config: Config, logger: Logger): Application {
  const db = openDatabase(config.DATA_DIR);
  try {
    const knowledge = loadKnowledge(config.KNOWLEDGE_DIR);
    const index = new KnowledgeIndex(knowledge);
    const core = new AssistantCore(index, { maxMessageChars: config.MAX_MESSAGE_CHARS });
    const storage = new SqliteStorage(db);
    const hooks: BotHooks = {
      // Until staff handoff is configured, an escalation tells the user how to reach the agencies.
      async escalate(context, reply) {
        const contact = index.get(`kontakt-${reply.lang}`);
        for (const activity of renderReply(
          { kind: 'unknown', lang: reply.lang, contact: contact?.type === 'faq' ? contact : undefined, offerHuman: false },
          index,
        )) {
          await context.sendActivity(activity);
        }
      },
    };
    const bot = new AssistantBot({ core, index, storage, logger, hooks });
    const adapter = createBotFrameworkAdapter(config, logger);
    const routes: RouteModule[] = [knowledgeRoutes(index, version), messageRoutes(adapter, bot)];
    const server = createHttpServer(config, logger, routes);
    logger.info({ faqs: knowledge.faqs.length, providers: knowledge.providers.length }, 'knowledge loaded');

    return {
      config,
      server,
      db,
      index,
      core,
      bot,
      adapter,
      listen: () =>
        new Promise((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.PORT, config.HOST, () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : config.PORT);
          });
        }),
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
