/**
 * Teams' own feedback buttons: the bot's answer carries `channelData.feedbackLoopEnabled`, and a vote arrives as a
 * `message/submitAction` invoke (actionName "feedback", actionValue { reaction, feedback: JSON string }) naming the
 * answer in `replyToId`. The invoke is answered 200 and the vote lands on the logged question, masked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startFakeConnector, startHandoffApp, type FakeConnector, type Running } from '../handoff/support.js';
import { anna, botId, botName, personalChatId, postActivity, teamsMessage, tenantId } from './teamsActivities.js';

let running: Running;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  running = await startHandoffApp();
});

afterAll(async () => {
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
  await connector?.close();
});

describe('feedback in Teams', () => {
  it('enables Teams\' feedback buttons on an answer and records the vote from the submitAction invoke', async () => {
    const question = 'Wann wurde die Kooperationsvereinbarung unterzeichnet?';
    expect((await postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', text: question }))).status).toBe(200);
    const answer = await connector.waitFor((call) => call.body?.type === 'message' && String(call.body.text ?? '').includes('Arnsberg'));
    expect(answer.body.channelData).toMatchObject({ feedbackLoopEnabled: true });
    // No feedback card of our own in Teams: the platform's buttons do it.
    expect(answer.body.attachments ?? []).toEqual([]);

    const invoke = {
      type: 'invoke',
      name: 'message/submitAction',
      id: 'f:invoke-1',
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: anna,
      recipient: { id: botId, name: botName },
      conversation: { id: personalChatId, conversationType: 'personal', tenantId },
      replyToId: answer.answeredId,
      value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: JSON.stringify({ feedbackText: 'Falsches Datum? anna@example.org' }) } },
    };
    const response = await postActivity(running.baseUrl, invoke as never);
    expect(response.status).toBe(200);

    const [row] = (await running.app.questionLog.list()).filter((entry) => entry.text === question);
    expect(row).toMatchObject({ channel: 'msteams', decision: 'answer', reaction: 'dislike', comment: 'Falsches Datum? [E-Mail]' });

    // Someone else cannot vote on Anna's answer.
    const forged = { ...invoke, id: 'f:invoke-2', from: { id: '29:1mallory', name: 'Mallory' }, value: { actionName: 'feedback', actionValue: { reaction: 'like', feedback: '{}' } } };
    expect((await postActivity(running.baseUrl, forged as never)).status).toBe(200);
    const [after] = (await running.app.questionLog.list()).filter((entry) => entry.text === question);
    expect(after!.reaction).toBe('dislike');
  });
});
