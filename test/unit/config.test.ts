import { describe, expect, it } from 'vitest';
import { describeConfigProblems, loadStorageConfig, parseConfig } from '../../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'a-very-secret-value',
};

describe('parseConfig', () => {
  it('applies the documented defaults in HTTP mode', () => {
    const result = parseConfig(valid);
    expect(result).toEqual({
      ok: true,
      config: {
        slack: {
          botToken: 'xoxb-1-2-abc',
          signingSecret: 'a-very-secret-value',
          appToken: undefined,
          apiUrl: undefined,
          mode: 'http',
        },
        port: 3000,
        databasePath: './data/reverse-mentor.sqlite',
        programOwners: [],
        logLevel: 'info',
        tickSchedule: '* * * * *',
        pairRepeatWindowDays: null,
        messagesPerMinute: 300,
        outboxRetentionDays: 30,
        surveyWindowDays: 7,
        deliveryHours: { days: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1140 },
      },
    });
  });

  it('reads the default delivery hours as days and local times, and explains what it cannot read', () => {
    const hours = (value: string) => {
      const result = parseConfig({ ...valid, DELIVERY_HOURS: value });
      return result.ok ? result.config.deliveryHours : result.problems.join('\n');
    };
    expect(hours('Mon-Sun 00:00-24:00')).toEqual({
      days: [1, 2, 3, 4, 5, 6, 7],
      startMinute: 0,
      endMinute: 1440,
    });
    expect(hours('mon,wed,FRI 07:30 - 20:00')).toEqual({
      days: [1, 3, 5],
      startMinute: 450,
      endMinute: 1200,
    });
    expect(hours('Sun-Thu 08:00-17:00')).toEqual({
      days: [1, 2, 3, 4, 7],
      startMinute: 480,
      endMinute: 1020,
    });
    expect(hours('Mon-Frx 08:00-19:00')).toMatch(
      /^DELIVERY_HOURS must be days and hours like "Mon-Fri 08:00-19:00"/,
    );
    expect(hours('Mon-Fri 19:00-08:00')).toMatch(/^DELIVERY_HOURS must be days and hours/);
    expect(hours('Mon-Fri 08:00-19:75')).toMatch(/^DELIVERY_HOURS must be days and hours/);
    expect(hours('weekdays')).toMatch(/^DELIVERY_HOURS must be days and hours/);
  });

  it('reads the survey window, which must outlast the survey reminder', () => {
    const days = (value: string) => {
      const result = parseConfig({ ...valid, SURVEY_WINDOW_DAYS: value });
      return result.ok ? result.config.surveyWindowDays : result.problems.join('\n');
    };
    expect(days('14')).toBe(14);
    expect(days(' ')).toBe(7);
    expect(days('3')).toMatch(/^SURVEY_WINDOW_DAYS must be at least 4 days \(days the end-of-cohort survey/);
    expect(days('61')).toMatch(/^SURVEY_WINDOW_DAYS must be at most 60 days/);
    expect(days('a week')).toMatch(/^SURVEY_WINDOW_DAYS must be a whole number of days/);
    expect(days('7.5')).toMatch(/^SURVEY_WINDOW_DAYS must be a whole number of days/);
  });

  it('switches to Socket Mode when an app token is present, without needing a signing secret', () => {
    const result = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2' });
    expect(result.ok && result.config.slack.mode).toBe('socket');
  });

  it('parses owners, port, API URL and log level', () => {
    const result = parseConfig({
      ...valid,
      PROGRAM_OWNERS: ' U01OWNER , W02OTHER,',
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      LOG_LEVEL: 'DEBUG',
      DATABASE_PATH: '/data/rm.sqlite',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.programOwners).toEqual(['U01OWNER', 'W02OTHER']);
    expect(result.config.port).toBe(8080);
    expect(result.config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(result.config.logLevel).toBe('debug');
    expect(result.config.databasePath).toBe('/data/rm.sqlite');
  });

  it('treats blank values as unset', () => {
    const result = parseConfig({ ...valid, PORT: '', SLACK_APP_TOKEN: '  ', LOG_LEVEL: '' });
    expect(result.ok && [result.config.port, result.config.slack.mode, result.config.logLevel]).toEqual([
      3000,
      'http',
      'info',
    ]);
  });

  it('lists every problem at once, each with how to fix it', () => {
    const result = parseConfig({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      PORT: '70000',
      PROGRAM_OWNERS: 'alice,U0123ABCD',
      LOG_LEVEL: 'chatty',
      SLACK_API_URL: 'not a url',
      TICK_SCHEDULE: 'every minute',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    expect(result.problems).toHaveLength(7);
    expect(text).toContain('SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"');
    expect(text).toContain('OAuth & Permissions');
    expect(text).toContain('PORT must be between 0 and 65535');
    expect(text).toContain('PROGRAM_OWNERS must be Slack user IDs');
    expect(text).toContain('LOG_LEVEL must be one of debug, info, warn, error');
    expect(text).toContain('SLACK_API_URL must be a URL');
    expect(text).toContain('TICK_SCHEDULE must be a cron expression');
    expect(text).toContain('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing');
  });

  it('reports a missing bot token plainly', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatch(/^SLACK_BOT_TOKEN is missing/);
  });

  it('formats problems as one readable message that points at the demo', () => {
    const message = describeConfigProblems(['SLACK_BOT_TOKEN is missing']);
    expect(message).toContain('  • SLACK_BOT_TOKEN is missing');
    expect(message).toContain('npm run demo');
  });
});

describe('loadStorageConfig', () => {
  it('needs no Slack tokens', () => {
    expect(loadStorageConfig({ DATABASE_PATH: 'x.sqlite' })).toEqual({
      ok: true,
      config: { databasePath: 'x.sqlite', logLevel: 'info' },
    });
  });
});

describe('parseConfig for what a command needs (issue 12, item 2)', () => {
  it('slack-api (tick): the bot token, API URL, database and the services settings; no app token or secret', () => {
    const result = parseConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        SLACK_API_URL: 'http://127.0.0.1:9999/api',
        DATABASE_PATH: '/data/rm.sqlite',
        PROGRAM_OWNERS: 'U01OWNER',
        DELIVERY_HOURS: 'Sun-Thu 08:00-17:00',
        // Only `start` reads these: a tick neither listens nor schedules, so they are not even looked at.
        PORT: 'eighty',
        TICK_SCHEDULE: 'every minute',
        SLACK_SIGNING_SECRET: 'short',
      },
      { needs: 'slack-api' },
    );
    expect(result).toEqual({
      ok: true,
      config: {
        slack: { botToken: 'xoxb-1-2-abc', apiUrl: 'http://127.0.0.1:9999/api/' },
        databasePath: '/data/rm.sqlite',
        programOwners: ['U01OWNER'],
        logLevel: 'info',
        pairRepeatWindowDays: null,
        messagesPerMinute: 300,
        outboxRetentionDays: 30,
        surveyWindowDays: 7,
        deliveryHours: { days: [1, 2, 3, 4, 7], startMinute: 480, endMinute: 1020 },
      },
    });
  });

  it('slack-api still needs a bot token and checks the settings it reads', () => {
    const result = parseConfig({ SLACK_API_URL: 'nope', SURVEY_WINDOW_DAYS: '2' }, { needs: 'slack-api' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    expect(text).toContain('SLACK_BOT_TOKEN is missing');
    expect(text).toContain('SLACK_API_URL must be a URL');
    expect(text).toContain('SURVEY_WINDOW_DAYS must be at least 4 days');
    expect(text).not.toContain('SLACK_APP_TOKEN');
    expect(text).not.toContain('SLACK_SIGNING_SECRET');
  });

  it('database (migrate, backup, export): DATABASE_PATH and LOG_LEVEL only, nothing about Slack', () => {
    expect(
      parseConfig({ SLACK_BOT_TOKEN: 'xoxp-wrong', PORT: 'x', DATABASE_PATH: ' ' }, { needs: 'database' }),
    ).toEqual({ ok: true, config: { databasePath: './data/reverse-mentor.sqlite', logLevel: 'info' } });
    const bad = parseConfig({ LOG_LEVEL: 'chatty' }, { needs: 'database' });
    expect(bad.ok || bad.problems).toEqual([expect.stringMatching(/^LOG_LEVEL must be one of/)]);
  });

  it('bot (start) is the default and keeps needing the app token or the signing secret', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1' };
    expect(parseConfig(env, { needs: 'bot' })).toEqual(parseConfig(env));
    const result = parseConfig(env, { needs: 'bot' });
    expect(result.ok || result.problems.join('\n')).toContain(
      'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing',
    );
  });

  it('names the command that cannot run, and points only start at the demo', () => {
    const tick = describeConfigProblems(['SLACK_BOT_TOKEN is missing'], 'tick');
    expect(tick).toMatch(/^reverse-mentor tick cannot run: the configuration needs attention\./);
    expect(tick).not.toContain('npm run demo');
    expect(describeConfigProblems(['x'])).toMatch(/^reverse-mentor cannot start/);
  });
});
