/**
 * POST /api/messages: the Bot Framework endpoint (Teams, Emulator, Azure Bot Service).
 */
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { REQUEST_ID_KEY } from '../../bot/activity.js';
import type { AssistantBot } from '../../bot/assistantBot.js';
import type { BotFrameworkAdapter } from '../../channels/botFramework.js';
import { AppError } from '../../errors.js';

/** The least an activity must have; botbuilder validates the rest. */
const incomingActivitySchema = z.looseObject({ type: z.string().min(1) });

export function messageRoutes(adapter: BotFrameworkAdapter, bot: AssistantBot) {
  return (server: Server): void => {
    server.post('/api/messages', async (req: Request, res: Response) => {
      if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
        throw new AppError('BAD_REQUEST', 'Expected an activity as JSON object.');
      }
      const parsed = incomingActivitySchema.safeParse(req.body);
      if (!parsed.success) throw new AppError('BAD_REQUEST', 'The activity has no type.');
      const authHeader = req.header('authorization') ?? '';
      const result = await adapter.processIncoming(authHeader, parsed.data as unknown as Activity, async (context) => {
        context.turnState.set(REQUEST_ID_KEY, req.id());
        await bot.run(context);
      });
      if (result.status === 401) throw new AppError('UNAUTHORIZED', 'Missing or invalid Bot Framework token.');
      if (result.body === undefined) {
        res.status(result.status);
        res.end();
      } else {
        res.send(result.status, result.body);
      }
    });
  };
}
