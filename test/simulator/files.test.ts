import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, type Rig, slackError, startRig, TOKEN } from './support.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.fake.close();
});

describe('files.uploadV2 end to end', () => {
  it('stores the exact PNG bytes and shares them in the channel with the initial comment', async () => {
    const channel = rig.fake.addChannel({ name: 'cohort-report', botIsMember: true });
    const res = await rig.client.files.uploadV2({
      channel_id: channel,
      file: PNG,
      filename: 'pairs.png',
      title: 'This week’s pairs',
      alt_text: 'A chart of mentor pairs',
      initial_comment: 'Here is the cohort chart',
    });
    expect(res.ok).toBe(true);
    const [upload] = rig.fake.callsTo('files.getUploadURLExternal');
    expect(upload?.params).toMatchObject({ filename: 'pairs.png', length: String(PNG.length) });
    const fileId = String(upload?.response?.file_id);
    const stored = rig.fake.file(fileId);
    expect(stored?.bytes?.equals(PNG)).toBe(true);
    expect(stored).toMatchObject({
      name: 'pairs.png',
      title: 'This week’s pairs',
      mimetype: 'image/png',
      filetype: 'png',
      altText: 'A chart of mentor pairs',
      completed: true,
      channels: [channel],
    });
    const [message] = rig.fake.messages(channel);
    expect(message).toMatchObject({
      text: 'Here is the cohort chart',
      upload: true,
      files: [{ id: fileId, size: PNG.length }],
    });
  });

  it('a file shared to a user id lands in their DM', async () => {
    await rig.client.files.uploadV2({
      channel_id: ALICE.id,
      content: 'name,pair\nalice,bob\n',
      filename: 'pairs.csv',
    });
    const [message] = rig.fake.dmsTo(ALICE.id);
    const fileId = message?.files?.[0]?.id ?? '';
    expect(rig.fake.file(fileId)?.bytes?.toString('utf8')).toBe('name,pair\nalice,bob\n');
    expect(rig.fake.file(fileId)?.mimetype).toBe('text/csv');
  });

  it('completeUploadExternal follows the posting rules (not_in_channel)', async () => {
    const outside = rig.fake.addChannel({ name: 'elsewhere' });
    const error = await rig.client.files
      .uploadV2({ channel_id: outside, file: PNG, filename: 'x.png' })
      .catch((e: { data?: { error?: string } }) => e.data?.error);
    expect(error).toBe('not_in_channel');
    expect(rig.fake.messages(outside)).toEqual([]);
  });

  it('completing a file whose bytes never arrived → file_not_found', async () => {
    const { file_id } = await rig.client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    const err = await slackError(rig.client.files.completeUploadExternal({ files: [{ id: file_id ?? '' }] }));
    expect(err.error).toBe('file_not_found');
  });

  it('the upload URL accepts raw bytes too and rejects guessed URLs', async () => {
    const { upload_url, file_id } = await rig.client.files.getUploadURLExternal({
      filename: 'raw.bin',
      length: 4,
    });
    const guessed = await fetch(`${rig.fake.url}upload/v1/${file_id}/guess`, {
      method: 'POST',
      body: 'abcd',
    });
    expect(guessed.status).toBe(404);
    const res = await fetch(upload_url ?? '', { method: 'POST', body: new Uint8Array([1, 2, 3, 4]) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK - 4');
    expect([...(rig.fake.file(file_id ?? '')?.bytes ?? [])]).toEqual([1, 2, 3, 4]);
  });

  it('getUploadURLExternal needs filename and a positive length', async () => {
    expect(
      (await slackError(rig.client.apiCall('files.getUploadURLExternal', { filename: 'a.txt' }))).error,
    ).toBe('invalid_arguments');
    expect(
      (await slackError(rig.client.apiCall('files.getUploadURLExternal', { filename: 'a', length: 0 })))
        .error,
    ).toBe('invalid_arguments');
    expect(TOKEN).toMatch(/^xoxb-/);
  });
});
