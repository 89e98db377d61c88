import type { App } from '@slack/bolt';
import { CALLBACKS } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { announceSubmitted } from './announce-submitted.js';
import { leavePairSubmitted } from './leave-pair-submitted.js';
import { newCohortSubmitted } from './new-cohort-submitted.js';
import { optInSubmitted } from './opt-in-submitted.js';
import { pairEditSubmitted } from './pair-edit-submitted.js';
import { pauseSubmitted } from './pause-submitted.js';
import { surveySubmitted } from './survey-submitted.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(CALLBACKS.optIn, optInSubmitted(deps));
  app.view(CALLBACKS.newCohort, newCohortSubmitted(deps));
  app.view(CALLBACKS.swapPairs, pairEditSubmitted(deps, 'swap'));
  app.view(CALLBACKS.pinPair, pairEditSubmitted(deps, 'pin'));
  app.view(CALLBACKS.unpairPerson, pairEditSubmitted(deps, 'unpair'));
  app.view(CALLBACKS.announce, announceSubmitted(deps));
  app.view(CALLBACKS.pause, pauseSubmitted(deps));
  app.view(CALLBACKS.leavePair, leavePairSubmitted(deps));
  app.view(CALLBACKS.survey, surveySubmitted(deps));
}
