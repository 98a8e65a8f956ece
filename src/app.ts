/**
 * Composes the application from a validated config: store → knowledge → core → handoff → channels → bot → HTTP.
 * Tests build the same application on an ephemeral port; `main.ts` only starts and stops it.
 */
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Server } from 'restify';
import { AssistantBot } from './bot/assistantBot.js';
import { createCurationHooks } from './bot/curation/curationHooks.js';
import { createHandoffChannel, type HandoffChannel } from './bot/handoff/index.js';
import { combineHooks } from './bot/hooks.js';
import { botFrameworkProactiveChannel, createBotFrameworkAdapter, type BotFrameworkAdapter } from './channels/botFramework.js';
import {
  createDirectLineAdapter,
  directLineProactiveChannel,
  DirectLineTokens,
  isDirectLineReference,
  legacySecretFile,
  type DirectLineAdapter,
} from './channels/directLine/index.js';
import { ProactiveMessenger } from './channels/proactive.js';
import { privacyNoticeUrl, type Config } from './config.js';
import { buildKnowledge, type BuildOptions, type BuiltKnowledge } from './core/knowledgeBuilder.js';
import { SNAPSHOT_FILE } from './knowledge/indexSnapshot.js';
import { createPrivacyHooks } from './bot/privacyHooks.js';
import { privacyRoutes } from './http/routes/privacy.js';
import { LiveKnowledge } from './core/liveKnowledge.js';
import { CuratorService } from './curation/curatorService.js';
import { createHandoff, type Handoff } from './handoff/index.js';
import { createHttpServer, type RouteModule } from './http/app.js';
import { Admission } from './http/overload.js';
import { FailedLoginLimiter } from './http/rateLimit.js';
import { directLineRoutes } from './http/routes/directLine.js';
import { curationRoutes } from './http/routes/curation.js';
import { knowledgeRoutes } from './http/routes/knowledge.js';
import { messageAdmission, messageRoutes } from './http/routes/messages.js';
import { staffRoutes } from './http/routes/staff.js';
import { staffConsoleRoutes } from './http/routes/staffConsole.js';
import { widgetRoutes } from './http/routes/widget.js';
import type { Logger } from './logger.js';
import { projectPath } from './projectRoot.js';
import { BotStateStorage } from './store/botStateStorage.js';
import { ConversationStore } from './store/conversationStore.js';
import type { Database } from './store/database.js';
import { openDatabase } from './store/index.js';
import { CuratorChangeStore, KNOWLEDGE_CHANNEL } from './store/curatorChangeStore.js';
import { QuestionLog } from './store/questionLog.js';
import { loadOrCreateSecret } from './store/secrets.js';
import { Pseudonyms } from './privacy/pseudonym.js';
import { AuditLog } from './store/auditLog.js';
import { PersonalDataRegistry } from './store/personalData.js';
import { botStateKind, directLineKind } from './store/personalDataKinds.js';
import { PrivacyService } from './store/privacyService.js';
import { handoffPersonalDataKinds } from './handoff/personalData.js';
import { DIRECT_LINE_CHANNEL_ID } from './channels/directLine/constants.js';

/** How long an ended website conversation keeps its closing message before it is deleted. */
const ENDED_CONVERSATION_DELETE_MS = 30_000;

/** The version from package.json. */
export const version = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;

export interface Application {
  config: Config;
  server: Server;
  db: Database;
  /** The search index and the core serving now (swapped when the knowledge is rebuilt). */
  knowledge: LiveKnowledge;
  bot: AssistantBot;
  adapter: BotFrameworkAdapter;
  /** The website channel (Direct Line); also reaches widget users proactively. */
  directLine: DirectLineAdapter;
  /** Website conversations and their activity logs. */
  conversations: ConversationStore;
  /** Sends proactive messages through whichever channel owns a conversation reference. */
  proactive: ProactiveMessenger;
  /** Staff handoff: the domain (tickets, transcripts) and its channel side (deliveries, bot hooks). */
  handoff: Handoff;
  handoffChannel: HandoffChannel;
  /** Every kind of personal data, for deletion, export and retention (docs/privacy.md). */
  personalData: PersonalDataRegistry;
  /** Deletion, export and the retention sweep, with the audit log. */
  privacy: PrivacyService;
  audit: AuditLog;
  /** What users asked and how the bot decided, masked and pseudonymous, for the curators. */
  questionLog: QuestionLog;
  /** The curator loop: gap report, changes, write-back, reloads. */
  curation: CuratorService;
  /**
   * Starts listening; resolves with the bound port once the search's phrasing classifier is trained too. Requests are
   * answered from the moment the port is bound; until the classifier is trained, searches rank by their words alone.
   */
  listen(): Promise<number>;
  /** Stops accepting requests and closes the store. */
  close(): Promise<void>;
  /** Overload shedding and the count of requests in flight (src/http/overload.ts). */
  admission: Admission;
  /**
   * Graceful stop (SIGTERM): new requests get 503, the listening socket closes, requests in flight may finish for up
   * to `timeoutMs`, then streams close with 1001 (clients reconnect) and the store closes. Resolves true when every
   * request in flight finished in time.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

export async function buildApplication(config: Config, logger: Logger): Promise<Application> {
  const db = await openDatabase(config);
  db.onError((error) => logger.error({ err: error }, 'database error'));
  try {
    // Keyed pseudonyms of users, for the question log and the privacy service (one key, shared by every instance).
    const pseudonyms = new Pseudonyms(await loadOrCreateSecret(db, 'pseudonym'));
    const questionLog = new QuestionLog(db, pseudonyms, config.QUESTION_LOG_RETENTION_DAYS);
    const curatorChanges = new CuratorChangeStore(db);
    const coreOptions = {
      maxMessageChars: config.MAX_MESSAGE_CHARS,
      searchCacheSize: config.SEARCH_CACHE_SIZE,
      answerMinPrecision: config.ANSWER_MIN_PRECISION === undefined ? undefined : config.ANSWER_MIN_PRECISION / 100,
    };
    // The folder with the curators' changes applied. The phrasing classifier trains once the server listens (see
    // `listen`), so that requests are answered at once; a rebuild trains it before the swap. The index comes from its
    // snapshot in DATA_DIR when that fits; a built one's snapshot is written when the server stops (`drain`), for the
    // next start: written while serving, its few megabytes of serialised index stayed in the process's memory.
    const buildOptions: BuildOptions = {
      dir: config.KNOWLEDGE_DIR,
      changes: curatorChanges,
      core: coreOptions,
      snapshotFile: config.INDEX_SNAPSHOT ? path.join(config.DATA_DIR, SNAPSHOT_FILE) : undefined,
    };
    const initial = await buildKnowledge({ ...buildOptions, classifier: 'later' });
    logSnapshot(initial, logger);
    const { index, knowledge: knowledgeFolder } = initial;
    let closing: Promise<void> | undefined;
    /** The last build, whose snapshot `drain` writes when it is the version in use. */
    let latest: BuiltKnowledge = initial;
    const knowledge = new LiveKnowledge(initial, async () => {
      const built = await buildKnowledge({ ...buildOptions, classifier: 'before' });
      logSnapshot(built, logger);
      latest = built;
      return built;
    });
    const curation = new CuratorService({ knowledge, changes: curatorChanges, log: questionLog, dir: config.KNOWLEDGE_DIR });
    /** Rebuilds in the background (a notice from any instance, a file change) and logs the outcome. */
    const rebuild = (cause: string) =>
      void knowledge.reload().then((result) => {
        if (result.ok) logger.info({ cause, version: result.status.version }, 'knowledge rebuilt');
        else logger.error({ cause, problems: result.status.problems }, 'knowledge rebuild failed; the previous version keeps serving');
      });
    const unlisten = [db.listen(KNOWLEDGE_CHANNEL, (payload) => curatorChanges.isOwnNotice(payload) || rebuild('curator change')), db.onResync(() => rebuild('resync'))];
    let watcher: FSWatcher | undefined;
    if (config.KNOWLEDGE_WATCH) {
      let timer: NodeJS.Timeout | undefined;
      watcher = watch(config.KNOWLEDGE_DIR, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => rebuild('file change'), 300);
      });
    }
    const providerName = (id: string) => {
      const doc = knowledge.get().index.get(id);
      return doc?.type === 'provider' ? doc.name : id;
    };
    const handoff = createHandoff({ config, db, providerName, logger });

    const adapter = createBotFrameworkAdapter(config, logger);
    const conversations = new ConversationStore(db);
    const directLine = createDirectLineAdapter({ store: conversations, notices: db, logger });
    const directLineTokens = new DirectLineTokens({
      // Generated once and shared by every instance of the database, unless configured.
      secret: config.DIRECTLINE_SECRET ?? (await loadOrCreateSecret(db, 'directline', () => legacySecretFile(config.DATA_DIR))),
      ttlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
    });
    const proactive = new ProactiveMessenger([
      directLineProactiveChannel(directLine),
      botFrameworkProactiveChannel(adapter, config.MicrosoftAppId, isDirectLineReference),
    ]);
    const handoffChannel = createHandoffChannel({ config, handoff, proactive, logger });
    // Both channels record transcripts and conversation addresses for handoff tickets.
    adapter.use(handoffChannel.transcriptRecorder);
    directLine.use(handoffChannel.transcriptRecorder);
    // Privacy: every table with personal data registers its kind; the sweep starts with `listen`.
    const personalData = new PersonalDataRegistry();
    const audit = new AuditLog(db, config.AUDIT_LOG_RETENTION_DAYS);
    personalData.register(botStateKind(db, config.CONVERSATION_RETENTION_DAYS));
    personalData.register(directLineKind(db, DIRECT_LINE_CHANNEL_ID, config.CONVERSATION_RETENTION_DAYS));
    for (const kind of handoffPersonalDataKinds(db, handoff.transcripts, {
      ticketRetentionDays: config.TICKET_RETENTION_DAYS,
      conversationRetentionDays: config.CONVERSATION_RETENTION_DAYS,
    }, (ticketIds) => {
      // The ticket cards in the staff channel showed the user's name and messages: shown anonymised from now on.
      for (const id of ticketIds) void handoffChannel.desk.refreshCard(id);
    })) {
      personalData.register(kind);
    }
    personalData.register(audit.kind());
    personalData.register(questionLog.personalData());
    const endedTimers = new Set<NodeJS.Timeout>();
    /** Stops the sweep and the pending deletions of ended conversations (before the database closes). */
    const stopPrivacy = async () => {
      await privacy.stop();
      for (const timer of endedTimers) clearTimeout(timer);
    };
    const privacy = new PrivacyService({
      db,
      registry: personalData,
      audit,
      pseudonyms,
      batchSize: config.RETENTION_SWEEP_BATCH,
      onError: (error) => logger.error({ err: error }, 'retention sweep failed'),
      onSwept: (deleted) => logger.info({ deleted }, 'retention sweep deleted expired rows'),
    });

    const bot = new AssistantBot({
      knowledge,
      storage: new BotStateStorage(db),
      logger,
      // The user's "delete my data" first: it is their right also while a ticket is open.
      hooks: combineHooks(
        createPrivacyHooks({
          privacy,
          endingChannelId: DIRECT_LINE_CHANNEL_ID,
          onConversationEnded: (conversationId) => {
            // The closing message has a moment to reach the widget; then the conversation goes (the sweep catches up
            // after a restart).
            const timer = setTimeout(() => {
              endedTimers.delete(timer);
              directLine.deleteConversation(conversationId).catch((error: unknown) => logger.warn({ err: error }, 'could not delete an ended conversation'));
            }, ENDED_CONVERSATION_DELETE_MS);
            timer.unref();
            endedTimers.add(timer);
          },
          logger,
        }),
        // The question log next: it only watches handoff buttons and "did you mean" clicks, and takes votes.
        createCurationHooks(questionLog, logger),
        handoffChannel.hooks,
      ),
      officeHours: (lang) => handoff.service.officeHours(lang),
      privacyUrl: privacyNoticeUrl(config),
    });

    const staff = staffRoutes({
      desk: handoffChannel.desk,
      authenticate: handoff.authenticate,
      logger,
      privacy: {
        service: privacy,
        audit,
        subjectOf: async (channelId, conversationId, userId) => ({
          channelId,
          userId: userId ?? (channelId === DIRECT_LINE_CHANNEL_ID ? ((await conversations.get(conversationId))?.userId ?? '') : ''),
          conversationIds: [conversationId],
        }),
        afterErase: async (subject) => {
          if (subject.channelId !== DIRECT_LINE_CHANNEL_ID) return;
          for (const id of subject.conversationIds) await directLine.deleteConversation(id);
        },
      },
      failedLogins: new FailedLoginLimiter(config.STAFF_LOGIN_FAILURES_PER_15_MINUTES, 15 * 60),
    });
    const routes: RouteModule[] = [
      knowledgeRoutes(knowledge, version),
      messageRoutes(adapter, bot, { maxMessageChars: config.MAX_MESSAGE_CHARS, admit: messageAdmission(config) }),
      directLineRoutes({ config, adapter: directLine, tokens: directLineTokens, bot, logger }),
      widgetRoutes({ privacyUrl: config.PRIVACY_URL }),
      staffConsoleRoutes(),
      privacyRoutes(config),
      staff.register,
      curationRoutes({ curation, knowledge, authenticate: handoff.authenticate, logger }),
    ];
    const admission = new Admission({
      maxEventLoopDelayMs: config.OVERLOAD_EVENT_LOOP_DELAY_MS,
      maxConcurrentTurns: config.OVERLOAD_MAX_CONCURRENT_TURNS,
      maxTurnWaitMs: config.OVERLOAD_MAX_TURN_WAIT_MS,
      targetTurnMs: config.OVERLOAD_TARGET_TURN_MS,
    });
    const server = createHttpServer(config, logger, routes, admission);
    logger.info({ faqs: knowledgeFolder.faqs.length, providers: knowledgeFolder.providers.length, store: db.dialect }, 'knowledge loaded');

    return {
      config,
      server,
      db,
      knowledge,
      bot,
      adapter,
      directLine,
      conversations,
      proactive,
      handoff,
      handoffChannel,
      personalData,
      questionLog,
      curation,
      privacy,
      audit,
      listen: async () => {
        const port = await new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.PORT, config.HOST, () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : config.PORT);
          });
        });
        privacy.start();
        const started = performance.now();
        await index.trainClassifier();
        logger.info({ trainingMs: Math.round(performance.now() - started) }, 'phrasing classifier trained');
        return port;
      },
      admission,
      close: async () => {
        if (closing) return closing;
        closing = (async () => {
          admission.stop();
          // Open WebSocket streams would keep the server from closing; clients reconnect with their watermark.
          directLine.close();
          staff.close();
          watcher?.close();
          for (const stop of unlisten) stop();
          await stopPrivacy();
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Idle keep-alive connections would hold the server open; requests still running finish first.
          server.server.closeIdleConnections();
          await closed;
          await db.close();
        })();
        return closing;
      },
      drain: async (timeoutMs: number) => {
        if (closing) {
          await closing;
          return true;
        }
        let finished = true;
        closing = (async () => {
          admission.startDraining();
          // Stop accepting: no new connections; idle keep-alive ones close, busy ones close after their answer.
          server.server.close();
          server.server.closeIdleConnections();
          // Staff event streams never finish on their own; the console's EventSource reconnects.
          staff.close();
          watcher?.close();
          for (const stop of unlisten) stop();
          finished = await admission.drained(timeoutMs);
          admission.stop();
          // Whatever is still open after the bounded wait (slow clients) is cut; streams close with 1001.
          directLine.close();
          server.server.closeAllConnections();
          // The index in use, when it was built rather than restored, for the next start.
          if (knowledge.get() === latest) saveSnapshot(latest, logger);
          await stopPrivacy();
          await db.close();
        })();
        await closing;
        return finished;
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Logs why a build did not use the index snapshot: a damaged one is a warning, a missing or stale one expected. */
function logSnapshot(built: BuiltKnowledge, logger: Logger): void {
  const problem = built.snapshot?.problem;
  if (built.snapshot?.restored) logger.info('search index restored from its snapshot');
  else if (problem?.kind === 'damaged') logger.warn({ reason: problem.reason }, 'index snapshot unusable; the index was built');
  else if (problem) logger.info({ reason: problem.reason }, 'no index snapshot for this knowledge; the index was built');
}

/** Writes the snapshot of a built index (once); a failure is logged, never thrown: the next start builds again. */
function saveSnapshot(built: BuiltKnowledge, logger: Logger): void {
  const save = built.snapshot?.save;
  if (!save) return;
  built.snapshot!.save = undefined;
  const started = performance.now();
  try {
    save();
    logger.info({ ms: Math.round(performance.now() - started) }, 'index snapshot written');
  } catch (error) {
    logger.warn({ err: error }, 'could not write the index snapshot');
  }
}
