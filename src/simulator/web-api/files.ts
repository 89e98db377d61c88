import { validateMessageBlocks } from '../block-kit/limits.js';
import { withGeneratedIds } from '../block-kit/normalize.js';
import { isJsonObject } from '../json.js';
import type { FileRecord } from '../state/files.js';
import { ArgumentError, fail, type Handler, ok, param } from './context.js';
import { resolvePostTarget } from './resolve.js';

/** Slack's ceiling for one uploaded file (1 GB). */
const MAX_FILE_BYTES = 1024 ** 3;

/**
 * The upload URL points back at this server (`/upload/v1/<file id>/<secret>`), so the WebClient's own
 * files.uploadV2 POSTs the bytes here exactly as it would to files.slack.com.
 */
export function uploadUrlFor(baseUrl: string, file: FileRecord): string {
  return `${baseUrl}upload/v1/${file.id}/${file.uploadSecret}`;
}

export function getUploadUrlExternal(baseUrl: () => string): Handler {
  return ({ state, params }) => {
    const filename = param.required(params, 'filename');
    const length = param.int(params, 'length');
    if (length === undefined)
      throw new ArgumentError(['[ERROR] missing required field: length [json-pointer:/length]']);
    if (length <= 0 || length > MAX_FILE_BYTES) {
      throw new ArgumentError([`[ERROR] must be between 1 and ${MAX_FILE_BYTES} [json-pointer:/length]`]);
    }
    const file = state.files.create(filename, length, param.str(params, 'alt_text'));
    return ok({ upload_url: uploadUrlFor(baseUrl(), file), file_id: file.id });
  };
}

export const completeUploadExternal: Handler = ({ state, params }) => {
  const list = param.json(params, 'files');
  if (!Array.isArray(list) || list.length === 0) {
    throw new ArgumentError(['[ERROR] must provide a non-empty array [json-pointer:/files]']);
  }
  const files: FileRecord[] = [];
  for (const [i, entry] of list.entries()) {
    if (!isJsonObject(entry) || typeof entry.id !== 'string') {
      throw new ArgumentError([`[ERROR] must provide an object with an id [json-pointer:/files/${i}]`]);
    }
    const file = state.files.get(entry.id);
    // Unknown ids and files whose bytes never arrived are both file_not_found here.
    if (!file?.bytes) return fail('file_not_found');
    if (typeof entry.title === 'string' && entry.title !== '') file.title = entry.title;
    files.push(file);
  }
  const channelParam = param.str(params, 'channel_id') ?? param.str(params, 'channels');
  const blocks = param.json(params, 'blocks');
  const refusal = validateMessageBlocks(blocks);
  if (refusal) return fail(refusal.error, refusal.messages);
  if (channelParam !== undefined) {
    const target = resolvePostTarget(state, channelParam);
    if (!target.ok) return target.body;
    const initialComment = param.str(params, 'initial_comment') ?? '';
    for (const f of files) f.channels.push(target.channel.id);
    state.messages.post(target.channel.id, {
      text: initialComment,
      blocks: Array.isArray(blocks) ? withGeneratedIds(blocks) : undefined,
      threadTs: param.str(params, 'thread_ts'),
      files: files.map((f) => state.files.summary(f)),
    });
  }
  for (const f of files) f.completed = true;
  return ok({ files: files.map((f) => state.files.summary(f)) });
};
