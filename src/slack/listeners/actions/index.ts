import type { App } from '@slack/bolt';
import { ACTIONS } from '../../ids.js';
import type { ListenerDeps } from '../deps.js';
import { announceCohort } from './announce-cohort.js';
import { cancelCohort } from './cancel-cohort.js';
import { cancelLeave } from './cancel-leave.js';
import { confirmLeave } from './confirm-leave.js';
import { joinCohort } from './join-cohort.js';
import { launchCohort } from './launch-cohort.js';
import { matchNow } from './match-now.js';
import { newCohort } from './new-cohort.js';
import { openOptIn } from './open-opt-in.js';
import { openPairEdit } from './open-pair-edit.js';
import { addOwner, removeOwner } from './owners.js';
import { rerunMatching } from './rerun-matching.js';
import { reviewPage } from './review-page.js';
import { reviewPairs } from './review-pairs.js';
import { showLibrary } from './show-library.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action(ACTIONS.openOptIn, openOptIn(deps));
  app.action(ACTIONS.joinCohort, joinCohort(deps));
  app.action(ACTIONS.confirmLeave, confirmLeave(deps));
  app.action(ACTIONS.cancelLeave, cancelLeave(deps));
  app.action(ACTIONS.newCohort, newCohort(deps));
  app.action(ACTIONS.matchNow, matchNow(deps));
  app.action(ACTIONS.reviewPairs, reviewPairs(deps));
  app.action(ACTIONS.reviewPage, reviewPage(deps));
  app.action(ACTIONS.rerunMatching, rerunMatching(deps));
  app.action(ACTIONS.launchCohort, launchCohort(deps));
  app.action(ACTIONS.cancelCohort, cancelCohort(deps));
  app.action(ACTIONS.announceCohort, announceCohort(deps));
  app.action(ACTIONS.openSwap, openPairEdit(deps, 'swap'));
  app.action(ACTIONS.openPin, openPairEdit(deps, 'pin'));
  app.action(ACTIONS.openUnpair, openPairEdit(deps, 'unpair'));
  app.action(ACTIONS.addOwner, addOwner(deps));
  app.action(ACTIONS.removeOwner, removeOwner(deps));
  app.action(ACTIONS.showLibrary, showLibrary(deps));
}
