import { appsConnectionsOpen } from './apps.js';
import { chatDelete, chatPostEphemeral, chatPostMessage, chatUpdate } from './chat.js';
import type { Handler } from './context.js';
import { conversationsInfo, conversationsJoin, conversationsOpen } from './conversations.js';
import { completeUploadExternal, getUploadUrlExternal } from './files.js';
import { authTest, usersInfo, usersList } from './users.js';
import { viewsOpen, viewsPublish, viewsPush, viewsUpdate } from './views.js';

export { type ApiBody, ArgumentError, type CallContext, fail, type Handler } from './context.js';

/** The Web API methods the fake implements; anything else answers `unknown_method`. */
export function webApiHandlers(
  baseUrl: () => string,
  socketModeUrl: () => string,
): ReadonlyMap<string, Handler> {
  return new Map<string, Handler>([
    ['apps.connections.open', appsConnectionsOpen(socketModeUrl)],
    ['auth.test', authTest],
    ['users.info', usersInfo],
    ['users.list', usersList],
    ['conversations.open', conversationsOpen],
    ['conversations.join', conversationsJoin],
    ['conversations.info', conversationsInfo],
    ['chat.postMessage', chatPostMessage],
    ['chat.update', chatUpdate],
    ['chat.delete', chatDelete],
    ['chat.postEphemeral', chatPostEphemeral],
    ['views.open', viewsOpen],
    ['views.push', viewsPush],
    ['views.update', viewsUpdate],
    ['views.publish', viewsPublish],
    ['files.getUploadURLExternal', getUploadUrlExternal(baseUrl)],
    ['files.completeUploadExternal', completeUploadExternal],
  ]);
}
