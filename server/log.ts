/** One-line, timestamped log output; the server never prints stack traces for expected conditions. */
const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof order;

let threshold: LogLevel = (process.env.LOG_LEVEL as LogLevel) in order ? (process.env.LOG_LEVEL as LogLevel) : 'info';

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

function write(level: LogLevel, message: string, detail?: unknown): void {
  if (order[level] < order[threshold]) return;
  const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
  const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
  stream.write(detail === undefined ? `${line}\n` : `${line} ${formatDetail(detail)}\n`);
}

function formatDetail(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? detail.message;
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

export const log = {
  debug: (message: string, detail?: unknown) => write('debug', message, detail),
  info: (message: string, detail?: unknown) => write('info', message, detail),
  warn: (message: string, detail?: unknown) => write('warn', message, detail),
  error: (message: string, detail?: unknown) => write('error', message, detail),
};
