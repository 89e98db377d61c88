import { type Logger, LogLevel } from '@slack/logger';
import type { LogLevelName } from './config.js';

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 10,
  [LogLevel.INFO]: 20,
  [LogLevel.WARN]: 30,
  [LogLevel.ERROR]: 40,
};

function render(part: unknown): string {
  if (part instanceof Error) return part.stack ?? `${part.name}: ${part.message}`;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

/**
 * One-line log records on stderr (stdout stays free for command output such as `tick` summaries and the demo
 * transcript). Implements Slack's Logger so Bolt and the WebClient log through it too.
 */
export class LineLogger implements Logger {
  private level: LogLevel;
  private name: string;

  constructor(
    level: LogLevelName | LogLevel = LogLevel.INFO,
    name = 'reverse-mentor',
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.level = level as LogLevel;
    this.name = name;
  }

  debug(...msg: unknown[]): void {
    this.log(LogLevel.DEBUG, msg);
  }
  info(...msg: unknown[]): void {
    this.log(LogLevel.INFO, msg);
  }
  warn(...msg: unknown[]): void {
    this.log(LogLevel.WARN, msg);
  }
  error(...msg: unknown[]): void {
    this.log(LogLevel.ERROR, msg);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }

  /** A logger for one part of the app, sharing this one's level and output. */
  child(name: string): LineLogger {
    return new LineLogger(this.level, `${this.name}:${name}`, this.write);
  }

  private log(level: LogLevel, msg: unknown[]): void {
    if (ORDER[level] < ORDER[this.level]) return;
    this.write(
      `${new Date().toISOString()} ${level.toUpperCase()} [${this.name}] ${msg.map(render).join(' ')}`,
    );
  }
}

/**
 * The logger handed to Bolt and the WebClient. At debug level they log whole request bodies — a reason for
 * leaving, a survey answer, a "don't pair me with" list — so their debug output is dropped; info and above
 * still come through.
 */
export function libraryLogger(base: Logger): Logger {
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => base.info(...msg),
    warn: (...msg: unknown[]) => base.warn(...msg),
    error: (...msg: unknown[]) => base.error(...msg),
    setLevel: () => undefined,
    getLevel: () => base.getLevel(),
    setName: () => undefined,
  };
}
