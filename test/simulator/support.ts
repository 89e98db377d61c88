import type { types } from '@slack/bolt';
import { type Logger, LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import type { FakeSlack } from '../../src/simulator/index.js';
import { type FakeSlackOptions, startFakeSlack } from '../../src/simulator/index.js';

export const TOKEN = 'xoxb-test-token';

/** The WebClient logs Slack's warnings and [ERROR] messages; tests assert on them instead of printing them. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

export const ALICE = { id: 'U0ALICE01', name: 'alice', realName: 'Alice Adams', tz: 'Europe/London' };
export const BOB = { id: 'U0BOB0001', name: 'bob', realName: 'Bob Brown', tz: 'America/Los_Angeles' };
export const CAROL = { id: 'U0CAROL01', name: 'carol', tz: 'Asia/Kolkata' };

export interface Rig {
  fake: FakeSlack;
  client: WebClient;
}

export async function startRig(options: FakeSlackOptions = {}): Promise<Rig> {
  const fake = await startFakeSlack({ tokens: [TOKEN], users: [ALICE, BOB, CAROL], ...options });
  const client = new WebClient(TOKEN, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
  });
  return { fake, client };
}

/** The platform error a call fails with (throws if it succeeds or fails some other way). */
export async function slackError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) {
      return { error: String(error.data.error), messages: error.data.response_metadata?.messages ?? [] };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

export function section(text: string, blockId?: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(blockId ? { block_id: blockId } : {}) };
}

/** A modal view; `blocks` is loosely typed so tests can also build views Slack would refuse. */
export function modal(
  blocks: readonly unknown[] = [section('hi')],
  extra: Partial<types.ModalView> = {},
): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Reverse mentor' },
    blocks: blocks as types.ModalView['blocks'],
    ...extra,
  };
}
