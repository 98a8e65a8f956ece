/**
 * The Bot Framework adapter reuses its outbound clients across turns (src/channels/reusedClients.ts): the same
 * connector client for the same service URL, another one for another service URL, and authentication unchanged.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { createBotFrameworkAdapter } from '../../src/channels/botFramework.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger({ LOG_LEVEL: 'silent' });

function message(serviceUrl: string, id: string): Activity {
  return {
    type: 'message',
    id,
    text: 'Hallo',
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: 'conv-1' },
    deliveryMode: 'expectReplies',
  } as Activity;
}

describe('reused Bot Framework clients', () => {
  it('hands every turn for the same service URL the same connector client, and another URL its own', async () => {
    const adapter = createBotFrameworkAdapter(loadConfig({}), logger);
    const clients: ConnectorClient[] = [];
    const capture = async (context: TurnContext) => {
      clients.push(context.turnState.get(adapter.ConnectorClientKey) as ConnectorClient);
    };
    await adapter.processIncoming('', message('http://127.0.0.1:1/a', '1'), capture);
    await adapter.processIncoming('', message('http://127.0.0.1:1/a', '2'), capture);
    await adapter.processIncoming('', message('http://127.0.0.1:1/b', '3'), capture);
    expect(clients).toHaveLength(3);
    expect(clients[1]).toBe(clients[0]);
    expect(clients[2]).not.toBe(clients[0]);
    expect((clients[2] as unknown as { baseUri?: string }).baseUri ?? '').toContain('/b');
  });

  it('still rejects a request without a valid token when an app id is configured', async () => {
    const adapter = createBotFrameworkAdapter(loadConfig({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }), logger);
    let ran = false;
    const result = await adapter.processIncoming('Bearer not-a-token', message('http://127.0.0.1:1/a', '1'), async () => {
      ran = true;
    });
    expect(result.status).toBe(401);
    expect(ran).toBe(false);
  });
});
