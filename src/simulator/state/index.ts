import { IdFactory, TsClock } from '../ids.js';
import type { WorkspaceInfo } from '../types.js';
import { Directory } from './directory.js';
import { FileStore } from './files.js';
import { Interactions } from './interactions.js';
import { MessageStore } from './messages.js';
import { ViewStore } from './views.js';

/** Everything the fake knows, shared by the Web API handlers, the upload and response_url routes and the queries. */
export class SimState {
  readonly ids = new IdFactory();
  readonly ts: TsClock;
  readonly directory: Directory;
  readonly messages: MessageStore;
  readonly views: ViewStore;
  readonly files: FileStore;
  readonly interactions: Interactions;

  constructor(
    readonly workspace: WorkspaceInfo,
    readonly now: () => number,
  ) {
    this.ts = new TsClock(now);
    this.directory = new Directory(workspace, this.ids, now);
    this.messages = new MessageStore(workspace, this.ts);
    this.views = new ViewStore(workspace, this.ids, now);
    this.files = new FileStore(workspace, this.ids, now);
    // Slack's trigger ids embed a team number; any stable digits do.
    this.interactions = new Interactions('47445629121', now);
  }
}
