/**
 * Composes the application from a validated config: store → knowledge → core → bot → channels → HTTP server.
 * Tests build the same application on an ephemeral port; `main.ts` only starts and stops it.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'restify';
import { AssistantBot } from './bot/assistantBot.js';
import { botFrameworkProactiveChannel, createBotFrameworkAdapter, type BotFrameworkAdapter } from './channels/botFramework.js';
import {
  createDirectLineAdapter,
  directLineProactiveChannel,
  DirectLineTokens,
  isDirectLineReference,
  loadOrCreateSecret,
  type DirectLineAdapter,
} from './channels/directLine/index.js';
import { ProactiveMessenger } from './channels/proactive.js';
import type { Config } from './config.js';
import { AssistantCore } from './core/respond.js';
import { createHandoff, type HandoffFeature } from './handoff/index.js';
import { createHttpServer, type RouteModule } from './http/app.js';
import { directLineRoutes } from './http/routes/directLine.js';
import { knowledgeRoutes } from './http/routes/knowledge.js';
import { messageRoutes } from './http/routes/messages.js';
import { staffRoutes } from './http/routes/staff.js';
import { widgetRoutes } from './http/routes/widget.js';
import { KnowledgeIndex } from './knowledge/searchIndex.js';
import { loadKnowledge } from './knowledge/loader.js';
import type { Logger } from './logger.js';
import { projectPath } from './projectRoot.js';
import { onBatchError, openDatabase, type Db } from './store/database.js';
import { SqliteConversationStore, type ConversationStore } from './store/conversationStore.js';
import { SqliteStorage } from './store/sqliteStorage.js';

/** The version from package.json. */
export const version = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;

export interface Application {
  config: Config;
  server: Server;
  db: Db;
  index: KnowledgeIndex;
  core: AssistantCore;
  bot: AssistantBot;
  adapter: BotFrameworkAdapter;
  /** The website channel (Direct Line); also reaches widget users proactively. */
  directLine: DirectLineAdapter;
  /** Website conversations and their transcripts. */
  conversations: ConversationStore;
  /** Sends proactive messages through whichever channel owns a conversation reference. */
  proactive: ProactiveMessenger;
  /** Staff handoff: tickets, relay between users and staff, staff console API. */
  handoff: HandoffFeature;
  /**
   * Starts listening; resolves with the bound port once the search's phrasing classifier is trained too. Requests are
   * answered from the moment the port is bound; until the classifier is trained, searches rank by their words alone.
   */
  listen(): Promise<number>;
  /** Stops accepting requests and closes the store. */
  close(): Promise<void>;
}

export function buildApplication(config: Config, logger: Logger): Application {
  const db = openDatabase(config.DATA_DIR);
  onBatchError(db, (error) => logger.error({ err: error }, 'could not commit a batch of writes'));
  try {
    const knowledge = loadKnowledge(config.KNOWLEDGE_DIR);
    // The phrasing classifier trains once the server listens (see `listen`), so that requests are answered at once.
    const index = new KnowledgeIndex(knowledge, { classifier: 'later' });
    const core = new AssistantCore(index, {
      maxMessageChars: config.MAX_MESSAGE_CHARS,
      searchCacheSize: config.SEARCH_CACHE_SIZE,
    });
    const storage = new SqliteStorage(db);
    // The messenger is built below, after the adapters; the handoff only uses it once requests arrive.
    const handoff = createHandoff({ config, db, index, logger, proactive: () => proactive });
    const bot = new AssistantBot({ core, index, storage, logger, hooks: handoff.hooks });
    const adapter = createBotFrameworkAdapter(config, logger);
    const conversations = new SqliteConversationStore(db);
    const directLine = createDirectLineAdapter({ store: conversations, logger });
    const directLineTokens = new DirectLineTokens({
      secret: loadOrCreateSecret(config.DIRECTLINE_SECRET, config.DATA_DIR),
      ttlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
    });
    const proactive = new ProactiveMessenger([
      directLineProactiveChannel(directLine),
      botFrameworkProactiveChannel(adapter, config.MicrosoftAppId, isDirectLineReference),
    ]);
    // Both channels record transcripts and conversation references for handoff tickets.
    adapter.use(handoff.transcriptMiddleware);
    directLine.use(handoff.transcriptMiddleware);
    const staff = staffRoutes(handoff, { logger, dataDir: config.DATA_DIR });
    const routes: RouteModule[] = [
      knowledgeRoutes(index, version),
      messageRoutes(adapter, bot),
      directLineRoutes({ config, adapter: directLine, tokens: directLineTokens, bot, logger }),
      widgetRoutes(),
      staff.register,
    ];
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
      directLine,
      conversations,
      proactive,
      handoff,
      listen: async () => {
        const port = await new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.PORT, config.HOST, () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : config.PORT);
          });
        });
        const started = performance.now();
        await index.trainClassifier();
        logger.info({ trainingMs: Math.round(performance.now() - started) }, 'phrasing classifier trained');
        return port;
      },
      close: async () => {
        // Open WebSocket streams would keep the server from closing; clients reconnect with their watermark.
        directLine.close();
        staff.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
