import cron from 'node-cron';
import { z } from 'zod';
import { parsePostgresUrl } from './db/postgres/url.js';
import { DEFAULT_RETENTION_DAYS } from './domain/outbox.js';
import {
  DEFAULT_SURVEY_WINDOW_DAYS,
  MAX_SURVEY_WINDOW_DAYS,
  MIN_SURVEY_WINDOW_DAYS,
} from './domain/survey-window.js';
import { DELIVERY_HOURS, parseWeeklyHours, type WeeklyHours } from './domain/windows.js';

// The one place that reads the environment. Everything else receives a parsed Config.

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const databasePath = z.preprocess(blankToUndefined, z.string().default('./data/reverse-mentor.sqlite'));
/** A PostgreSQL URL, checked without connecting; its problems name host and port at most, never the password. */
const databaseUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      const parsed = parsePostgresUrl(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
    })
    .transform((value) => (value === undefined ? undefined : value.trim())),
);
const logLevel = z.preprocess(
  (v) => (typeof v === 'string' ? blankToUndefined(v.toLowerCase()) : v),
  z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
);

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is missing' })
    .trim()
    .regex(/^xoxb-/, 'must be a bot token starting with "xoxb-"'),
  SLACK_SIGNING_SECRET: optional(z.string().trim().min(8, 'looks too short to be a signing secret')),
  SLACK_APP_TOKEN: optional(
    z
      .string()
      .trim()
      .regex(/^xapp-/, 'must be an app-level token starting with "xapp-"'),
  ),
  SLACK_API_URL: optional(
    z
      .url({ error: 'must be a URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
  ),
  DATABASE_PATH: databasePath,
  DATABASE_URL: databaseUrl,
  PROGRAM_OWNERS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('')
      .transform((raw) =>
        raw
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id.length > 0),
      )
      .pipe(
        z.array(z.string().regex(slackUserId, 'must be Slack user IDs like U0123ABCD, separated by commas')),
      ),
  ),
  LOG_LEVEL: logLevel,
  PAIR_REPEAT_WINDOW_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(0, 'must be 0 or more days')
      .optional(),
  ),
  SLACK_MESSAGES_PER_MINUTE: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100_000, 'must be at most 100000')
      .default(300),
  ),
  OUTBOX_RETENTION_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(0, 'must be 0 or more days')
      .max(3650, 'must be at most 3650 days')
      .default(DEFAULT_RETENTION_DAYS),
  ),
  SURVEY_WINDOW_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(MIN_SURVEY_WINDOW_DAYS, `must be at least ${MIN_SURVEY_WINDOW_DAYS} days`)
      .max(MAX_SURVEY_WINDOW_DAYS, `must be at most ${MAX_SURVEY_WINDOW_DAYS} days`)
      .default(DEFAULT_SURVEY_WINDOW_DAYS),
  ),
  DELIVERY_HOURS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((text) => parseWeeklyHours(text) !== null, 'must be days and hours like "Mon-Fri 08:00-19:00"')
      .transform((text) => parseWeeklyHours(text)!)
      .default(DELIVERY_HOURS),
  ),
  TICK_SCHEDULE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('* * * * *')
      .refine((expr) => cron.validate(expr), 'must be a cron expression such as "* * * * *"'),
  ),
});

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    mode: 'socket' | 'http';
  };
  port: number;
  databasePath: string;
  /**
   * DATABASE_URL: a PostgreSQL URL (credentials included: for the driver only) selecting PostgreSQL instead of
   * the SQLite file at `databasePath`. Undefined: SQLite, the default.
   */
  databaseUrl: string | undefined;
  programOwners: readonly string[];
  logLevel: LogLevelName;
  tickSchedule: string;
  /** Days within which two people are never paired again; null (the default) means never again. */
  pairRepeatWindowDays: number | null;
  /** Our own ceiling on chat.postMessage across the workspace, below Slack's. */
  messagesPerMinute: number;
  /** Days a finished message keeps its text in the outbox before only the row is left. */
  outboxRetentionDays: number;
  /** Days the end-of-cohort survey is open; the automatic final summary is posted when it closes. */
  surveyWindowDays: number;
  /** When a message may reach someone who gave no working hours of their own (their local time). */
  deliveryHours: WeeklyHours;
}

export type ConfigResult = ParseResult<Config>;

const HOW_TO_FIX: Record<string, string> = {
  SLACK_BOT_TOKEN: 'Slack app page → OAuth & Permissions → Bot User OAuth Token',
  SLACK_SIGNING_SECRET: 'Slack app page → Basic Information → App Credentials → Signing Secret',
  SLACK_APP_TOKEN:
    'Slack app page → Basic Information → App-Level Tokens (create one with the connections:write scope)',
  SLACK_API_URL: 'leave it unset to talk to Slack itself',
  PORT: 'for example PORT=3000',
  DATABASE_URL:
    'unset it to use SQLite at DATABASE_PATH; for PostgreSQL, a URL such as postgres://USER:PASSWORD@HOST:5432/DATABASE, with @ / ? # in the password written %40 %2F %3F %23',
  PROGRAM_OWNERS: 'copy a member ID from a Slack profile (⋮ → Copy member ID)',
  LOG_LEVEL: 'for example LOG_LEVEL=info',
  PAIR_REPEAT_WINDOW_DAYS: 'leave unset to never pair the same two people twice, or e.g. 365',
  SLACK_MESSAGES_PER_MINUTE: 'the default, 300, stays well inside Slack limits',
  OUTBOX_RETENTION_DAYS: 'how long sent messages keep their text in the database; the default is 30',
  SURVEY_WINDOW_DAYS: `days the end-of-cohort survey stays open before the final summary is posted, ${MIN_SURVEY_WINDOW_DAYS}–${MAX_SURVEY_WINDOW_DAYS} (longer than the 3 days after which unanswered invitations get a reminder); the default is ${DEFAULT_SURVEY_WINDOW_DAYS}`,
  DELIVERY_HOURS:
    'when messages may reach people who gave no working hours, in their own time zone; the default is Mon-Fri 08:00-19:00',
  TICK_SCHEDULE: 'how often the scheduler wakes up; the default, every minute, suits almost everyone',
};

type Env = Record<string, string | undefined>;

function describeIssues(error: z.ZodError): string[] {
  const problems = error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const hint = HOW_TO_FIX[name];
    return `${name} ${issue.message}${hint ? ` (${hint})` : ''}`;
  });
  return [...new Set(problems)];
}

/**
 * What each command needs from the environment, so a command is never refused for a setting it doesn't use:
 * - `bot` (`start`): everything — the Slack tokens, the signing secret or app token, the port, the database;
 * - `slack-api` (`tick`): the bot token and API URL, the database and what the tick's services read — no
 *   signing secret, app token, port or tick schedule (a one-off tick neither listens nor schedules);
 * - `database` (`migrate`, `backup`, `export`): `DATABASE_PATH`, `DATABASE_URL` (and `LOG_LEVEL`), nothing about Slack.
 * The demo reads nothing: it builds its own configuration.
 */
export type Needs = 'bot' | 'slack-api' | 'database';

export type StorageConfig = Pick<Config, 'databasePath' | 'databaseUrl' | 'logLevel'>;

/** What a one-off tick reads: the Web API, the database and the services' settings. */
export type SlackApiConfig = Omit<Config, 'slack' | 'port' | 'tickSchedule'> & {
  slack: Pick<Config['slack'], 'botToken' | 'apiUrl'>;
};

interface ConfigFor {
  bot: Config;
  'slack-api': SlackApiConfig;
  database: StorageConfig;
}

export type ParseResult<T> = { ok: true; config: T } | { ok: false; problems: string[] };

const STORAGE_KEYS = { DATABASE_PATH: true, DATABASE_URL: true, LOG_LEVEL: true } as const;
const SLACK_API_KEYS = {
  ...STORAGE_KEYS,
  SLACK_BOT_TOKEN: true,
  SLACK_API_URL: true,
  PROGRAM_OWNERS: true,
  PAIR_REPEAT_WINDOW_DAYS: true,
  SLACK_MESSAGES_PER_MINUTE: true,
  OUTBOX_RETENTION_DAYS: true,
  SURVEY_WINDOW_DAYS: true,
  DELIVERY_HOURS: true,
} as const;

/** Reads the process environment. The only function in the app that touches process.env. */
export function loadConfig<N extends Needs = 'bot'>(
  env: Env = process.env,
  options: { needs?: N } = {},
): ParseResult<ConfigFor[N]> {
  return parseConfig(env, options);
}

/** Just what commands that only touch the database need (migrate, backup, export): no Slack tokens. */
export function loadStorageConfig(env: Env = process.env): ParseResult<StorageConfig> {
  return parseConfig(env, { needs: 'database' });
}

/** Socket Mode needs the app token, HTTP mode the signing secret: one of the two must be there. */
function connectionProblems(env: Env): string[] {
  const has = (name: string) => (env[name] ?? '').trim() !== '';
  if (has('SLACK_APP_TOKEN') || has('SLACK_SIGNING_SECRET')) return [];
  return [
    'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing: set SLACK_APP_TOKEN (xapp-…) to use Socket Mode, ' +
      `or SLACK_SIGNING_SECRET for HTTP mode (${HOW_TO_FIX.SLACK_APP_TOKEN}; or ${HOW_TO_FIX.SLACK_SIGNING_SECRET})`,
  ];
}

/** Parses the environment for a command's `needs` (by default everything `start` needs). */
export function parseConfig<N extends Needs = 'bot'>(
  env: Env,
  options: { needs?: N } = {},
): ParseResult<ConfigFor[N]> {
  const needs: Needs = options.needs ?? 'bot';
  return (
    needs === 'database' ? parseStorage(env) : needs === 'slack-api' ? parseSlackApi(env) : parseBot(env)
  ) as ParseResult<ConfigFor[N]>;
}

function parseStorage(env: Env): ParseResult<StorageConfig> {
  const parsed = envSchema.pick(STORAGE_KEYS).safeParse(env);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  return {
    ok: true,
    config: {
      databasePath: parsed.data.DATABASE_PATH,
      databaseUrl: parsed.data.DATABASE_URL,
      logLevel: parsed.data.LOG_LEVEL,
    },
  };
}

function parseSlackApi(env: Env): ParseResult<SlackApiConfig> {
  const parsed = envSchema.pick(SLACK_API_KEYS).safeParse(env);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      slack: { botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL },
      databasePath: e.DATABASE_PATH,
      databaseUrl: e.DATABASE_URL,
      programOwners: e.PROGRAM_OWNERS,
      logLevel: e.LOG_LEVEL,
      pairRepeatWindowDays: e.PAIR_REPEAT_WINDOW_DAYS ?? null,
      messagesPerMinute: e.SLACK_MESSAGES_PER_MINUTE,
      outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
      surveyWindowDays: e.SURVEY_WINDOW_DAYS,
      deliveryHours: e.DELIVERY_HOURS,
    },
  };
}

function parseBot(env: Env): ParseResult<Config> {
  const parsed = envSchema.safeParse(env);
  const connection = connectionProblems(env);
  if (!parsed.success || connection.length > 0) {
    return { ok: false, problems: [...(parsed.success ? [] : describeIssues(parsed.error)), ...connection] };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      slack: {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      },
      port: e.PORT,
      databasePath: e.DATABASE_PATH,
      databaseUrl: e.DATABASE_URL,
      programOwners: e.PROGRAM_OWNERS,
      logLevel: e.LOG_LEVEL,
      tickSchedule: e.TICK_SCHEDULE,
      pairRepeatWindowDays: e.PAIR_REPEAT_WINDOW_DAYS ?? null,
      messagesPerMinute: e.SLACK_MESSAGES_PER_MINUTE,
      outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
      surveyWindowDays: e.SURVEY_WINDOW_DAYS,
      deliveryHours: e.DELIVERY_HOURS,
    },
  };
}

/**
 * The plain message printed when a command's configuration is wrong. Only `start` (the default) points at the
 * demo: the other commands are run by someone who already has the bot.
 */
export function describeConfigProblems(problems: readonly string[], command = 'start'): string {
  const bot = command === 'start';
  return [
    bot
      ? 'reverse-mentor cannot start: the configuration needs attention.'
      : `reverse-mentor ${command} cannot run: the configuration needs attention.`,
    '',
    ...problems.map((p) => `  • ${p}`),
    '',
    `Set these as environment variables (or in a .env file you load yourself) and ${bot ? 'start' : 'run it'} again.`,
    ...(bot ? ['No Slack app yet? Try the whole bot locally first with: npm run demo'] : []),
  ].join('\n');
}
