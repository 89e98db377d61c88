import { CALLBACKS } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerRoutes } from '../routes.js';
import { announceSubmitted } from './announce-submitted.js';
import { leavePairSubmitted } from './leave-pair-submitted.js';
import { newCohortSubmitted } from './new-cohort-submitted.js';
import { optInSubmitted } from './opt-in-submitted.js';
import { pairEditSubmitted } from './pair-edit-submitted.js';
import { pauseSubmitted } from './pause-submitted.js';
import { surveySubmitted } from './survey-submitted.js';

export function register(routes: ListenerRoutes, deps: ListenerDeps): void {
  routes.view(CALLBACKS.optIn, optInSubmitted(deps));
  routes.view(CALLBACKS.newCohort, newCohortSubmitted(deps));
  routes.view(CALLBACKS.swapPairs, pairEditSubmitted(deps, 'swap'));
  routes.view(CALLBACKS.pinPair, pairEditSubmitted(deps, 'pin'));
  routes.view(CALLBACKS.unpairPerson, pairEditSubmitted(deps, 'unpair'));
  routes.view(CALLBACKS.announce, announceSubmitted(deps));
  routes.view(CALLBACKS.pause, pauseSubmitted(deps));
  routes.view(CALLBACKS.leavePair, leavePairSubmitted(deps));
  routes.view(CALLBACKS.survey, surveySubmitted(deps));
}
