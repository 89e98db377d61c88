import type { Logger } from '@slack/logger';
import type { ProcessedEventRepository } from '../../db/repositories/processed-events.js';
import type { BackgroundWork } from '../../services/background.js';
import type { ParticipantService } from '../../services/participants.js';
import type { Clock, SlackPort } from '../../services/ports.js';

/** What listeners may use: use cases, plus the few edge tools for answering the person. */
export interface ListenerDeps {
  participants: ParticipantService;
  slack: SlackPort;
  background: BackgroundWork;
  processedEvents: ProcessedEventRepository;
  clock: Clock;
  logger: Logger;
}
