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
      },
    });
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
