import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateMessage } from '../block-kit/limits.js';
import { withGeneratedIds } from '../block-kit/normalize.js';
import { isJsonObject, type JsonObject, parseJson } from '../json.js';
import type { SimState } from '../state/index.js';
import { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from '../state/interactions.js';
import { readBody, sendJson } from './body.js';

/**
 * A response_url POST (what Bolt's respond() sends: JSON with text, blocks, response_type, replace_original,
 * delete_original). Refusals are non-2xx, so Bolt's respond() throws as it would against Slack:
 * unknown → 404 invalid_url, older than 30 min → 404 expired_url, a 6th use → 404 used_url, bad content → 400 with
 * the Web API's error (`no_text`, `invalid_blocks` + `response_metadata.messages`, validated as message blocks).
 * Accepted posts act on the fake's state: delete/replace the originating message, post in_channel, or store an
 * ephemeral message for the user.
 */
export async function handleResponseUrl(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  const { interactions, messages } = state;
  const raw = await readBody(req, 1024 * 1024);
  const parsed = parseJson(raw.toString('utf8'));
  const body: JsonObject = isJsonObject(parsed) ? parsed : {};
  const answer = (status: number, error?: string, messages?: string[]): void => {
    interactions.record(id, status, body, error, messages);
    const refusal = messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
    sendJson(res, status, error ? refusal : { ok: true });
  };

  const record = interactions.responseUrl(id);
  if (!record) return answer(404, 'invalid_url');
  if (state.now() - record.mintedAt > RESPONSE_URL_TTL_MS) return answer(404, 'expired_url');
  if (record.uses >= RESPONSE_URL_MAX_USES) return answer(404, 'used_url');
  if (!isJsonObject(parsed)) return answer(400, 'invalid_payload');

  const { channelId, messageTs, userId } = record.context;
  const original = channelId && messageTs ? messages.find(channelId, messageTs) : undefined;
  if (body.delete_original === true) {
    record.uses++;
    if (original && channelId) messages.delete(channelId, original.ts);
    return answer(200);
  }
  const refusal = validateMessage(body.text, body.blocks);
  if (refusal) return answer(400, refusal.error, refusal.messages);
  record.uses++;
  const text = typeof body.text === 'string' ? body.text : '';
  const blocks = Array.isArray(body.blocks) ? withGeneratedIds(body.blocks) : undefined;
  if (body.replace_original === true && original) {
    messages.update(original, text, blocks);
  } else if (body.response_type === 'in_channel' && channelId) {
    messages.post(channelId, {
      text,
      blocks,
      threadTs: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
    });
  } else {
    messages.postEphemeral({
      channel: channelId ?? '',
      user: userId ?? '',
      text,
      ...(blocks ? { blocks } : {}),
      via: 'response_url',
    });
  }
  answer(200);
}
