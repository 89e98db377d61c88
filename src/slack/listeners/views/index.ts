import type { App } from '@slack/bolt';
import { CALLBACKS } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { optInSubmitted } from './opt-in-submitted.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(CALLBACKS.optIn, optInSubmitted(deps));
}
