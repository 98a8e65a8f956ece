import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { runScript } from './helpers/app.js';

/** The problems of a ConfigError, or a failed expectation when loadConfig did not throw one. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env, undefined);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const tempDir = mkdtempSync(path.join(tmpdir(), 'config-test-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, undefined);
    expect(config.PORT).toBe(3978);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(config.MicrosoftAppType).toBe('MultiTenant');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.MAX_BODY_BYTES).toBe(256 * 1024);
    expect(config.MAX_MESSAGE_CHARS).toBe(2000);
    // Folders are resolved to absolute paths, relative to the working directory.
    expect(config.KNOWLEDGE_DIR).toBe(path.resolve('knowledge'));
    expect(config.DATA_DIR).toBe(path.resolve('data'));
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}, undefined))).toBe(true);
  });

  it('parses numbers and enums from their text form', () => {
    const config = loadConfig({ PORT: '8080', LOG_LEVEL: 'debug', MicrosoftAppType: 'SingleTenant' }, undefined);
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.MicrosoftAppType).toBe('SingleTenant');
  });

  it('treats blank and whitespace-only values as unset, so the default applies', () => {
    const config = loadConfig({ PORT: '', LOG_LEVEL: '   ', MicrosoftAppId: '', MicrosoftAppPassword: ' ', KNOWLEDGE_DIR: '' }, undefined);
    expect(config.PORT).toBe(3978);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(config.KNOWLEDGE_DIR).toBe(path.resolve('knowledge'));
  });

  it('reports every bad key at once in one ConfigError', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', MicrosoftAppType: 'Foo' });
    expect(problems).toHaveLength(3);
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('LOG_LEVEL:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('MicrosoftAppType:'))).toBe(true);
  });

  it('lists the bad keys in the error message', () => {
    expect(() => loadConfig({ PORT: '70000', MAX_MESSAGE_CHARS: 'many' }, undefined)).toThrow(/PORT[\s\S]*MAX_MESSAGE_CHARS/);
  });

  it('rejects MicrosoftAppId without MicrosoftAppPassword', () => {
    expect(problemsOf({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' })).toEqual([
      'MicrosoftAppPassword: required when MicrosoftAppId is set',
    ]);
  });

  it('accepts MicrosoftAppId with MicrosoftAppPassword', () => {
    const config = loadConfig({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }, undefined);
    expect(config.MicrosoftAppId).toBe('app-id');
    expect(config.MicrosoftAppPassword).toBe('secret');
  });

  it('requires a tenant id for a single-tenant app', () => {
    expect(problemsOf({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' })).toEqual([
      'MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant',
    ]);
  });

  it('reads a .env file, and the process environment wins over it', () => {
    const dotenv = path.join(tempDir, 'test.env');
    writeFileSync(dotenv, 'PORT=4000\nLOG_LEVEL=warn\nMAX_MESSAGE_CHARS=300\n# a comment\nDATA_DIR=\n');
    const config = loadConfig({ LOG_LEVEL: 'error' }, dotenv);
    expect(config.PORT).toBe(4000);
    expect(config.MAX_MESSAGE_CHARS).toBe(300);
    expect(config.LOG_LEVEL).toBe('error');
    expect(config.DATA_DIR).toBe(path.resolve('data'));
  });

  it('lets a blank process value fall back to the .env file value', () => {
    const dotenv = path.join(tempDir, 'blank.env');
    writeFileSync(dotenv, 'PORT=4001\n');
    expect(loadConfig({ PORT: '' }, dotenv).PORT).toBe(4001);
  });

  it('reports bad values that come from the .env file', () => {
    const dotenv = path.join(tempDir, 'bad.env');
    writeFileSync(dotenv, 'LOG_LEVEL=chatty\n');
    expect(() => loadConfig({}, dotenv)).toThrow(/LOG_LEVEL/);
  });

  it('works without a .env file', () => {
    expect(loadConfig({ PORT: '1234' }, path.join(tempDir, 'missing.env')).PORT).toBe(1234);
  });
});

describe('the entry point with a bad environment', () => {
  it('exits non-zero and lists every bad key on stderr', async () => {
    const result = await runScript('src/main.ts', [], {
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      MicrosoftAppType: 'Foo',
      DATA_DIR: path.join(tempDir, 'data'),
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/PORT:/);
    expect(result.stderr).toMatch(/LOG_LEVEL:/);
    expect(result.stderr).toMatch(/MicrosoftAppType:/);
    // A configuration problem is not a crash: no stack trace.
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
