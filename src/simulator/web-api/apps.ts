import { type Handler, ok } from './context.js';

/**
 * apps.connections.open: a temporary WebSocket URL for Socket Mode. Only an app-level token (`xapp-…`, sent as a
 * Bearer header) gets here; the route refuses every other token with `not_allowed_token_type`.
 */
export function appsConnectionsOpen(mintUrl: () => string): Handler {
  return () => ok({ url: mintUrl() });
}
