import type { App } from '@slack/bolt';
import { ACTIONS } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { cancelLeave } from './cancel-leave.js';
import { confirmLeave } from './confirm-leave.js';
import { openOptIn } from './open-opt-in.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action(ACTIONS.openOptIn, openOptIn(deps));
  app.action(ACTIONS.confirmLeave, confirmLeave(deps));
  app.action(ACTIONS.cancelLeave, cancelLeave(deps));
}
