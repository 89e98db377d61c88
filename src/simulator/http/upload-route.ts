import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from '../state/index.js';
import { mediaType, parseMultipart, readBody } from './body.js';

const UPLOAD_LIMIT = 64 * 1024 * 1024;

/**
 * The upload URL handed out by files.getUploadURLExternal. web-api 8's uploadV2 POSTs the bytes as multipart/form-data
 * (one file part named `body`, see WebClient.serializeBody); a raw body (curl --data-binary) is accepted too. Like
 * Slack's upload host it answers 200 "OK - <bytes>".
 */
export async function handleUpload(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  fileId: string,
  secret: string,
): Promise<void> {
  const text = (status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
  const file = state.files.get(fileId);
  if (!file || file.uploadSecret !== secret) return text(404, 'Not Found');
  if (file.completed) return text(400, 'upload already completed');
  const body = await readBody(req, UPLOAD_LIMIT);
  let bytes = body;
  if (mediaType(req) === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await parseMultipart(req, body);
    } catch {
      return text(400, 'invalid multipart body');
    }
    const part = [...form.values()].find((v) => typeof v !== 'string');
    if (part === undefined || typeof part === 'string') return text(400, 'no file part in multipart body');
    bytes = Buffer.from(await part.arrayBuffer());
  }
  file.bytes = bytes;
  text(200, `OK - ${bytes.length}`);
}
