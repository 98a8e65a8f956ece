/**
 * The baseline of the throughput benchmark: a bare botbuilder + restify bot that replies with the text it got.
 * CloudAdapter without an app id (like the assistant without MicrosoftAppId), restify's bodyParser, no state, no logs.
 * Started by bench/run.ts in a child process exactly like the assistant: built JavaScript, PORT and HOST from the
 * environment (the benchmark's own process, so it reads process.env directly).
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler().onMessage(async (context, next) => {
  await context.sendActivity(context.activity.text ?? '');
  await next();
});

const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  return next();
});

server.listen(Number(process.env.PORT ?? 3979), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
