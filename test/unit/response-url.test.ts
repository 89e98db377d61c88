import { describe, expect, it } from 'vitest';
import { isTrustedResponseUrl } from '../../src/slack/gateway.js';

describe('which response_url the bot will POST to', () => {
  it("accepts Slack's own hooks host over https, and the configured loopback Slack's origin", () => {
    expect(isTrustedResponseUrl('https://hooks.slack.com/commands/T1/2/abc', undefined)).toBe(true);
    expect(isTrustedResponseUrl('https://hooks.slack.com/actions/T1/2/abc', 'https://slack.com/api/')).toBe(
      true,
    );
    expect(isTrustedResponseUrl('http://127.0.0.1:4321/response/1', 'http://127.0.0.1:4321/api/')).toBe(true);
  });

  it.each([
    ['another host', 'https://evil.example/commands/T1/2/abc'],
    ['a look-alike host', 'https://hooks.slack.com.evil.example/x'],
    ['credentials that hide the real host', 'https://hooks.slack.com@evil.example/x'],
    ['plain http to Slack', 'http://hooks.slack.com/commands/T1/2/abc'],
    ['another port', 'https://hooks.slack.com:8443/commands/T1/2/abc'],
    ['another loopback port', 'http://127.0.0.1:9999/response/1'],
    ['not a URL', 'javascript:alert(1)'],
    ['nothing', ''],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedResponseUrl(url, 'http://127.0.0.1:4321/api/')).toBe(false);
  });
});
