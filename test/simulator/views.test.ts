import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, modal, type Rig, section, slackError, startRig } from './support.js';

let rig: Rig;
let now = Date.parse('2024-03-04T09:00:00Z');
beforeEach(async () => {
  now = Date.parse('2024-03-04T09:00:00Z');
  rig = await startRig({ now: () => now });
});
afterEach(async () => {
  await rig.fake.close();
});

const input = (blockId: string) => ({
  type: 'input',
  block_id: blockId,
  label: { type: 'plain_text', text: 'Topic' },
  element: { type: 'plain_text_input', action_id: 'value' },
});

describe('trigger_ids', () => {
  it('views.open with a fresh trigger opens a modal for the trigger’s user', async () => {
    const trigger = rig.fake.mintTriggerId(ALICE.id);
    const res = await rig.client.views.open({
      trigger_id: trigger,
      view: modal([input('topic')], {
        submit: { type: 'plain_text', text: 'Save' },
        callback_id: 'pick_topic',
      }),
    });
    expect(res.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      callback_id: 'pick_topic',
      hash: expect.stringMatching(/^\d+\.\d+$/),
      root_view_id: res.view?.id,
      previous_view_id: null,
      team_id: rig.fake.workspace.teamId,
      state: { values: {} },
    });
    expect(rig.fake.openViews(ALICE.id).map((v) => v.id)).toEqual([res.view?.id]);
    expect(rig.fake.lastViewOpenedFor(ALICE.id)?.id).toBe(res.view?.id);
    expect(rig.fake.openViews(BOB.id)).toEqual([]);
  });

  it('a trigger is good for one exchange (exchanged_trigger_id) and 3 seconds (expired_trigger_id)', async () => {
    const trigger = rig.fake.mintTriggerId(ALICE.id);
    await rig.client.views.open({ trigger_id: trigger, view: modal() });
    expect((await slackError(rig.client.views.open({ trigger_id: trigger, view: modal() }))).error).toBe(
      'exchanged_trigger_id',
    );
    const late = rig.fake.mintTriggerId(ALICE.id);
    now += 3_001;
    expect((await slackError(rig.client.views.open({ trigger_id: late, view: modal() }))).error).toBe(
      'expired_trigger_id',
    );
    const onTime = rig.fake.mintTriggerId(ALICE.id);
    now += 3_000;
    await expect(rig.client.views.open({ trigger_id: onTime, view: modal() })).resolves.toBeTruthy();
    expect(
      (await slackError(rig.client.views.open({ trigger_id: '123.456.abc', view: modal() }))).error,
    ).toBe('invalid_trigger_id');
    expect((await slackError(rig.client.apiCall('views.open', { view: modal() }))).error).toBe(
      'invalid_arguments',
    );
  });

  it('an invalid view does not use up the trigger', async () => {
    const trigger = rig.fake.mintTriggerId(ALICE.id);
    const bad = await slackError(
      rig.client.views.open({ trigger_id: trigger, view: { ...modal(), title: undefined } as never }),
    );
    expect(bad.error).toBe('invalid_arguments');
    await expect(rig.client.views.open({ trigger_id: trigger, view: modal() })).resolves.toBeTruthy();
  });
});

describe('modal stack', () => {
  it('views.push stacks up to three views, then push_limit_reached', async () => {
    const root = await rig.client.views.open({ trigger_id: rig.fake.mintTriggerId(ALICE.id), view: modal() });
    const second = await rig.client.views.push({
      trigger_id: rig.fake.mintTriggerId(ALICE.id),
      view: modal(),
    });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await rig.client.views.push({ trigger_id: rig.fake.mintTriggerId(ALICE.id), view: modal() });
    expect(rig.fake.openViews(ALICE.id)).toHaveLength(3);
    const full = await slackError(
      rig.client.views.push({ trigger_id: rig.fake.mintTriggerId(ALICE.id), view: modal() }),
    );
    expect(full.error).toBe('push_limit_reached');
    expect(full.messages[0]).toMatch(/^\[ERROR\]/);
    expect(rig.fake.openViews(ALICE.id)).toHaveLength(3);
  });

  it('views.update by view_id or external_id, with hash conflicts', async () => {
    const opened = await rig.client.views.open({
      trigger_id: rig.fake.mintTriggerId(ALICE.id),
      view: modal([section('loading…')], { external_id: 'onboarding-U0ALICE01' }),
    });
    const id = opened.view?.id ?? '';
    const byId = await rig.client.views.update({
      view_id: id,
      hash: opened.view?.hash,
      view: modal([section('step 1')]),
    });
    expect(byId.view?.id).toBe(id);
    expect(byId.view?.hash).not.toBe(opened.view?.hash);
    expect(
      (await slackError(rig.client.views.update({ view_id: id, hash: opened.view?.hash, view: modal() })))
        .error,
    ).toBe('hash_conflict');
    // external_id was replaced by the update above (the new view has none), so it no longer resolves.
    expect(
      (await slackError(rig.client.views.update({ external_id: 'onboarding-U0ALICE01', view: modal() })))
        .error,
    ).toBe('not_found');
    await rig.client.views.update({
      view_id: id,
      view: modal([section('step 2')], { external_id: 'ext-1' }),
    });
    const byExternal = await rig.client.views.update({
      external_id: 'ext-1',
      view: modal([section('step 3')]),
    });
    expect(byExternal.view?.id).toBe(id);
    expect(rig.fake.openViews(ALICE.id)[0]?.blocks[0]).toMatchObject({ text: { text: 'step 3' } });
    expect((await slackError(rig.client.views.update({ view_id: 'V0NOPE', view: modal() }))).error).toBe(
      'not_found',
    );
  });

  it('duplicate_external_id when another live view holds it', async () => {
    await rig.client.views.open({
      trigger_id: rig.fake.mintTriggerId(ALICE.id),
      view: modal(undefined, { external_id: 'x1' }),
    });
    const dup = slackError(
      rig.client.views.open({
        trigger_id: rig.fake.mintTriggerId(BOB.id),
        view: modal(undefined, { external_id: 'x1' }),
      }),
    );
    expect((await dup).error).toBe('duplicate_external_id');
  });

  it('Slack fills in block_id and action_id when the app leaves them out, stably', async () => {
    const view = modal([
      section('a'),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] },
    ]);
    const a = await rig.client.views.open({ trigger_id: rig.fake.mintTriggerId(ALICE.id), view });
    const b = await rig.client.views.open({ trigger_id: rig.fake.mintTriggerId(BOB.id), view });
    const blocks = a.view?.blocks as Array<{ block_id?: string; elements?: Array<{ action_id?: string }> }>;
    expect(blocks[0]?.block_id).toMatch(/^\S{5}$/);
    expect(blocks[1]?.elements?.[0]?.action_id).toMatch(/^\S{5}$/);
    expect(b.view?.blocks).toEqual(a.view?.blocks);
  });
});

describe('home tab', () => {
  it('views.publish sets the home view per user and keeps its id across publishes', async () => {
    const first = await rig.client.views.publish({
      user_id: ALICE.id,
      view: { type: 'home', blocks: [section('Hi Alice')] },
    });
    const second = await rig.client.views.publish({
      user_id: ALICE.id,
      hash: first.view?.hash,
      view: { type: 'home', blocks: [section('Welcome back')] },
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(rig.fake.homeViewOf(ALICE.id)?.blocks[0]).toMatchObject({ text: { text: 'Welcome back' } });
    expect(rig.fake.homeViewOf(BOB.id)).toBeUndefined();
    expect(
      (
        await slackError(
          rig.client.views.publish({
            user_id: ALICE.id,
            hash: first.view?.hash,
            view: { type: 'home', blocks: [] },
          }),
        )
      ).error,
    ).toBe('hash_conflict');
    expect(
      (
        await slackError(
          rig.client.views.publish({ user_id: 'U0NOBODY1', view: { type: 'home', blocks: [] } }),
        )
      ).error,
    ).toBe('user_not_found');
    const wrongType = await slackError(
      rig.client.views.publish({ user_id: ALICE.id, view: modal() as never }),
    );
    expect(wrongType).toEqual({
      error: 'invalid_arguments',
      messages: [
        '[ERROR] must be one of [home] [json-pointer:/view/type]',
        '[ERROR] unexpected field: title [json-pointer:/view/title]',
      ],
    });
  });
});
