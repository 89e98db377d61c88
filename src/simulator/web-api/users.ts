import { ArgumentError, fail, type Handler, ok, param } from './context.js';

export const authTest: Handler = ({ state }) => {
  const w = state.workspace;
  return ok({
    url: `https://${w.teamDomain}.slack.com/`,
    team: w.teamName,
    user: w.botName,
    team_id: w.teamId,
    user_id: w.botUserId,
    bot_id: w.botId,
    is_enterprise_install: false,
  });
};

export const usersInfo: Handler = ({ state, params }) => {
  const user = state.directory.user(param.required(params, 'user'));
  if (!user) return fail('user_not_found');
  return ok({ user: state.directory.userObject(user) });
};

/** Cursor pagination as Slack does it: an opaque base64 `user:<next id>` cursor, '' on the last page. */
export const usersList: Handler = ({ state, params }) => {
  const limit = param.int(params, 'limit') ?? 0;
  if (limit < 0) throw new ArgumentError(['[ERROR] must be a positive integer [json-pointer:/limit]']);
  const users = state.directory.allUsers();
  let start = 0;
  const cursor = param.str(params, 'cursor');
  if (cursor !== undefined) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const nextId = decoded.startsWith('user:') ? decoded.slice(5) : undefined;
    start = users.findIndex((u) => u.id === nextId);
    if (start < 0) return fail('invalid_cursor');
  }
  // Slack treats limit 0 as "as many as it likes"; it also caps pages at 1000.
  const size = Math.min(limit === 0 ? 1000 : limit, 1000);
  const page = users.slice(start, start + size);
  const next = users[start + size];
  return ok({
    members: page.map((u) => state.directory.userObject(u)),
    cache_ts: Math.floor(state.now() / 1000),
    response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
  });
};
