ALTER TABLE `leases` ADD `epoch` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claim_epoch` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claim_deadline` integer;