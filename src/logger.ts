import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * JSON logs. Message texts and personal data are logged at `debug` at most, never at `info`.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'brueckenschlag-assistant' },
    redact: ['req.headers.authorization', 'headers.authorization'],
  });
}
