import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const manifest = parse(readFileSync(new URL('manifest.yml', root), 'utf8'));
const schema = JSON.parse(
  readFileSync(new URL('test/support/slack-manifest-schema/manifest.schema.1.0.0.json', root), 'utf8'),
);

describe('manifest.yml', () => {
  it("is valid against Slack's published app-manifest schema", () => {
    // The schema uses a non-standard "regex" keyword and formats; strict mode would reject the schema itself.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('declares the command, Home tab, interactivity, events and Socket Mode the app relies on', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/reverse-mentor',
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('asks only for the bot scopes the code uses, each justified by a comment', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect([...scopes].sort()).toEqual(
      [
        'channels:join',
        'chat:write',
        'commands',
        'files:write',
        'im:write',
        'mpim:write',
        'users:read',
      ].sort(),
    );
    const lines = readFileSync(new URL('manifest.yml', root), 'utf8').split('\n');
    for (const scope of scopes) {
      const index = lines.findIndex((line) => line.trim() === `- ${scope}`);
      expect(lines[index - 1]?.trim().startsWith('#'), `${scope} has a comment above it`).toBe(true);
    }
  });
});
