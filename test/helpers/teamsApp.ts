/**
 * One app and one fake Bot Connector for a test file of Teams traffic: started before the file's tests, closed after
 * them, and the connector's record cleared before each test, so that a test sees only what the bot sent for it.
 */
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { postActivity } from '../teams/teamsActivities.js';
import { startApp, type RunningApp } from './app.js';
import { startFakeConnector, type FakeConnector } from './fakeConnector.js';

export interface TeamsApp {
  readonly running: RunningApp;
  readonly connector: FakeConnector;
  /** Posts an activity to /api/messages and expects the bot to accept it. */
  send(activity: Partial<Activity>): Promise<void>;
}

export function useTeamsApp(): TeamsApp {
  let running: RunningApp | undefined;
  let connector: FakeConnector | undefined;
  beforeAll(async () => {
    connector = await startFakeConnector();
    running = await startApp();
  });
  afterAll(async () => {
    await running?.close();
    await connector?.close();
  });
  beforeEach(() => connector?.clear());
  return {
    get running() {
      if (!running) throw new Error('useTeamsApp: the app starts in beforeAll');
      return running;
    },
    get connector() {
      if (!connector) throw new Error('useTeamsApp: the connector starts in beforeAll');
      return connector;
    },
    async send(activity) {
      const res = await postActivity(this.running.baseUrl, activity);
      expect(res.status).toBeLessThan(300);
    },
  };
}
