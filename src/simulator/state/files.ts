import type { IdFactory } from '../ids.js';
import { randomHex } from '../ids.js';
import type { FakeFile, SlackFileSummary, WorkspaceInfo } from '../types.js';

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  html: 'text/html',
};

export interface FileRecord extends FakeFile {
  /** The secret part of the upload URL, so a guessed URL cannot upload. */
  uploadSecret: string;
}

/** Files created by files.getUploadURLExternal, filled by the upload POST, shared by completeUploadExternal. */
export class FileStore {
  private readonly files = new Map<string, FileRecord>();

  constructor(
    private readonly workspace: WorkspaceInfo,
    private readonly ids: IdFactory,
    private readonly now: () => number,
  ) {}

  create(filename: string, length: number, altText: string | undefined): FileRecord {
    const extension = filename.includes('.') ? (filename.split('.').pop() ?? '').toLowerCase() : '';
    const record: FileRecord = {
      id: this.ids.next('F'),
      name: filename,
      title: filename,
      mimetype: Object.hasOwn(MIME_BY_EXTENSION, extension)
        ? (MIME_BY_EXTENSION[extension] ?? '')
        : 'application/octet-stream',
      filetype: extension || 'binary',
      declaredLength: length,
      completed: false,
      channels: [],
      user: this.workspace.botUserId,
      created: Math.floor(this.now() / 1000),
      uploadSecret: randomHex(8),
    };
    if (altText !== undefined) record.altText = altText;
    this.files.set(record.id, record);
    return record;
  }

  get(id: string): FileRecord | undefined {
    return this.files.get(id);
  }

  summary(f: FileRecord): SlackFileSummary {
    return {
      id: f.id,
      name: f.name,
      title: f.title,
      mimetype: f.mimetype,
      filetype: f.filetype,
      size: f.bytes?.length ?? 0,
      user: f.user,
      created: f.created,
      url_private: `https://files.example.invalid/files-pri/${this.workspace.teamId}-${f.id}/${encodeURIComponent(f.name)}`,
      permalink: `https://${this.workspace.teamDomain}.example.invalid/files/${f.user}/${f.id}/${encodeURIComponent(f.name)}`,
    };
  }

  clear(): void {
    this.files.clear();
  }
}
