import { z } from 'zod';

// zod schemas for the parts of Slack payloads the listeners read. Slack sends more; we accept and ignore it.
// Parsing at the edge means a malformed or forged payload is refused before any use case runs.

const option = z.object({ value: z.string() }).passthrough();

/**
 * A Slack user id as Slack writes them (U… or W…). Whoever a payload names is the person every rule checks
 * and every reply goes to: anything else — empty, huge, made up of other characters — is refused at the door.
 */
export const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,30}$/);

const user = z.object({ id: slackUserId, name: z.string().optional(), username: z.string().optional() });

/** One element's state in `view.state.values[block_id][action_id]`. */
export const elementState = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: option.nullish(),
    selected_options: z.array(option).nullish(),
    selected_user: z.string().nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_channel: z.string().nullish(),
    selected_conversation: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_time: z.string().nullish(),
  })
  .passthrough();

export const stateValues = z.record(z.string(), z.record(z.string(), elementState));
export type StateValues = z.infer<typeof stateValues>;

export const viewSubmission = z.object({
  type: z.literal('view_submission'),
  user,
  view: z.object({
    id: z.string(),
    callback_id: z.string(),
    private_metadata: z.string().optional().default(''),
    state: z.object({ values: stateValues }),
  }),
});

export const slashCommand = z.object({
  user_id: slackUserId,
  user_name: z.string().optional(),
  channel_id: z.string().optional(),
  text: z.string().optional().default(''),
  trigger_id: z.string(),
  response_url: z.string(),
});

export const blockAction = z.object({
  type: z.literal('block_actions'),
  user,
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string() }).passthrough().optional(),
  container: z.object({ type: z.string() }).passthrough().optional(),
  view: z.object({ id: z.string(), type: z.string() }).passthrough().optional(),
  actions: z
    .array(
      z
        .object({
          action_id: z.string(),
          block_id: z.string().optional(),
          value: z.string().optional(),
          selected_option: option.nullish(),
          selected_user: z.string().nullish(),
        })
        .passthrough(),
    )
    .min(1),
});
export type BlockAction = z.infer<typeof blockAction>;

export const appHomeOpened = z.object({
  type: z.literal('app_home_opened'),
  user: slackUserId,
  tab: z.string().optional(),
});

/** Reads one element of a submitted view, whichever action_id it has (our inputs have one element each). */
export function elementOf(values: StateValues, blockId: string): z.infer<typeof elementState> | undefined {
  const block = values[blockId];
  if (!block) return undefined;
  return Object.values(block)[0];
}

export function textValue(values: StateValues, blockId: string): string | null {
  return elementOf(values, blockId)?.value ?? null;
}

export function selectedValue(values: StateValues, blockId: string): string | null {
  return elementOf(values, blockId)?.selected_option?.value ?? null;
}

export function selectedValues(values: StateValues, blockId: string): string[] {
  return (elementOf(values, blockId)?.selected_options ?? []).map((o) => o.value);
}

/** A time picker's "HH:mm", or null when left empty. */
export function selectedTime(values: StateValues, blockId: string): string | null {
  return elementOf(values, blockId)?.selected_time ?? null;
}

export function selectedUsers(values: StateValues, blockId: string): string[] {
  const element = elementOf(values, blockId);
  if (!element) return [];
  if (element.selected_users) return element.selected_users;
  return element.selected_user ? [element.selected_user] : [];
}
