CREATE TABLE `confidential_refusals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`owner_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `confidential_refusals_owner` ON `confidential_refusals` (`cohort_id`,`owner_id`);--> statement-breakpoint
CREATE TABLE `held_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`cohort_id` integer,
	`pair_id` integer,
	`raised_by` text,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `held_alerts_dedupe_key_unique` ON `held_alerts` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `held_alerts_raised_by` ON `held_alerts` (`raised_by`);--> statement-breakpoint
CREATE TABLE `owner_views` (
	`view_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`cohort_id` integer NOT NULL,
	`opened_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `owner_views_opened_at` ON `owner_views` (`opened_at`);--> statement-breakpoint
CREATE TABLE `summary_disclosures` (
	`cohort_id` integer PRIMARY KEY NOT NULL,
	`survey_responses` integer NOT NULL,
	`average_rating` real,
	`would_again_share` real,
	`disclosed_at` integer NOT NULL,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `purged_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_pair` ON `outbox` (`pair_id`);--> statement-breakpoint
CREATE INDEX `outbox_user` ON `outbox` (`user_id`);--> statement-breakpoint
CREATE INDEX `outbox_unpurged` ON `outbox` (`created_at`) WHERE "outbox"."purged_at" IS NULL AND "outbox"."state" IN ('sent', 'failed', 'cancelled');