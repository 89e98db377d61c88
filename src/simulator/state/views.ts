import { withGeneratedIds } from '../block-kit/normalize.js';
import type { IdFactory } from '../ids.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { SlackView, WorkspaceInfo } from '../types.js';

/** Slack keeps at most three views in a modal's stack. */
export const MAX_STACKED_VIEWS = 3;

export interface ViewRecord {
  id: string;
  userId: string;
  kind: 'modal' | 'home';
  /** The app's view payload (validated), with generated block/action ids filled in. */
  definition: JsonObject;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
}

/** Modal stacks and Home tabs per user. Records outlive their stack so a test can inspect a closed modal. */
export class ViewStore {
  private readonly views = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private readonly lastOpened = new Map<string, string>();
  private hashes = 0;

  constructor(
    private readonly workspace: WorkspaceInfo,
    private readonly ids: IdFactory,
    private readonly now: () => number,
  ) {}

  /** views.open: a new modal; any modal the user had open is replaced. */
  open(userId: string, definition: JsonObject): ViewRecord {
    const record = this.create(userId, 'modal', definition, null, null);
    this.stacks.set(userId, [record.id]);
    this.lastOpened.set(userId, record.id);
    return record;
  }

  /** views.push; 'no_modal' when the user has no modal open, 'full' when the stack holds three views already. */
  push(userId: string, definition: JsonObject): ViewRecord | 'no_modal' | 'full' {
    const stack = this.stacks.get(userId) ?? [];
    const top = stack.at(-1);
    if (top === undefined) return 'no_modal';
    if (stack.length >= MAX_STACKED_VIEWS) return 'full';
    const root = this.views.get(stack[0] ?? top)?.id ?? top;
    const record = this.create(userId, 'modal', definition, root, top);
    stack.push(record.id);
    this.lastOpened.set(userId, record.id);
    return record;
  }

  /** A view that is still shown (in a modal stack or as a Home tab), by id or external_id. */
  live(lookup: { viewId?: string; externalId?: string }): ViewRecord | undefined {
    const isLive = (r: ViewRecord): boolean =>
      r.kind === 'home'
        ? this.homes.get(r.userId) === r.id
        : (this.stacks.get(r.userId) ?? []).includes(r.id);
    if (lookup.viewId !== undefined) {
      const record = this.views.get(lookup.viewId);
      return record && isLive(record) ? record : undefined;
    }
    for (const r of this.views.values())
      if (r.definition.external_id === lookup.externalId && isLive(r)) return r;
    return undefined;
  }

  externalIdTaken(externalId: string, exceptViewId?: string): boolean {
    const holder = this.live({ externalId });
    return holder !== undefined && holder.id !== exceptViewId;
  }

  update(record: ViewRecord, definition: JsonObject): ViewRecord {
    record.definition = normalise(definition);
    record.hash = this.nextHash();
    return record;
  }

  publish(userId: string, definition: JsonObject): ViewRecord {
    const existing = this.homes.get(userId);
    const current = existing ? this.views.get(existing) : undefined;
    if (current) return this.update(current, definition);
    const record = this.create(userId, 'home', definition, null, null);
    this.homes.set(userId, record.id);
    return record;
  }

  get(id: string): ViewRecord | undefined {
    return this.views.get(id);
  }

  stack(userId: string): ViewRecord[] {
    return (this.stacks.get(userId) ?? []).flatMap((id) => this.views.get(id) ?? []);
  }

  home(userId: string): ViewRecord | undefined {
    const id = this.homes.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  lastOpenedFor(userId: string): ViewRecord | undefined {
    const id = this.lastOpened.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  /** Closes the given view and every view pushed above it (what an empty view_submission ack does). */
  close(userId: string, viewId: string): void {
    const stack = this.stacks.get(userId) ?? [];
    const index = stack.indexOf(viewId);
    if (index >= 0) stack.splice(index);
  }

  clearStack(userId: string): void {
    this.stacks.delete(userId);
  }

  /** response_action "update": the submitted view's content is replaced in place. */
  replace(viewId: string, definition: JsonObject): ViewRecord | undefined {
    const record = this.views.get(viewId);
    return record ? this.update(record, definition) : undefined;
  }

  toWire(r: ViewRecord): SlackView {
    const d = r.definition;
    const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
    const obj = (v: JsonValue | undefined): JsonObject | null => (isJsonObject(v) ? v : null);
    const view: SlackView = {
      id: r.id,
      team_id: this.workspace.teamId,
      type: r.kind,
      blocks: Array.isArray(d.blocks) ? d.blocks.filter(isJsonObject) : [],
      private_metadata: str(d.private_metadata),
      callback_id: str(d.callback_id),
      external_id: str(d.external_id),
      state: { values: {} },
      hash: r.hash,
      clear_on_close: d.clear_on_close === true,
      notify_on_close: d.notify_on_close === true,
      previous_view_id: r.previousViewId,
      root_view_id: r.rootViewId,
      app_id: this.workspace.appId,
      app_installed_team_id: this.workspace.teamId,
      bot_id: this.workspace.botId,
    };
    if (r.kind === 'modal') {
      view.title = obj(d.title) ?? { type: 'plain_text', text: '' };
      view.submit = obj(d.submit);
      view.close = obj(d.close);
    }
    return view;
  }

  clear(): void {
    this.views.clear();
    this.stacks.clear();
    this.homes.clear();
    this.lastOpened.clear();
  }

  private create(
    userId: string,
    kind: 'modal' | 'home',
    definition: JsonObject,
    rootViewId: string | null,
    previousViewId: string | null,
  ): ViewRecord {
    const id = this.ids.next('V');
    const record: ViewRecord = {
      id,
      userId,
      kind,
      definition: normalise(definition),
      hash: this.nextHash(),
      rootViewId: rootViewId ?? id,
      previousViewId,
    };
    this.views.set(id, record);
    return record;
  }

  /** Slack's view hash looks like "1567729380.1827394" and changes on every update. */
  private nextHash(): string {
    this.hashes++;
    return `${Math.floor(this.now() / 1000)}.${String(this.hashes).padStart(7, '0')}`;
  }
}

function normalise(definition: JsonObject): JsonObject {
  const blocks = Array.isArray(definition.blocks) ? withGeneratedIds(definition.blocks) : [];
  return { ...structuredClone(definition), blocks };
}
