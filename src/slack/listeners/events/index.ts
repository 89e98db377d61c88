import type { ListenerDeps } from '../deps.js';
import type { ListenerRoutes } from '../routes.js';
import { homeOpened } from './app-home-opened.js';

export function register(routes: ListenerRoutes, deps: ListenerDeps): void {
  routes.event('app_home_opened', homeOpened(deps));
}
