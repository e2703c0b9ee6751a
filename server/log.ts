import pino from 'pino';

/** The process logger (pino). Request logs are children of it. */
export type Logger = pino.Logger;

/** Creates the process logger; pretty output on a terminal, JSON otherwise. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
  });
}
