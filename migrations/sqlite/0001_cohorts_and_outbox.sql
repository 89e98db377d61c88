CREATE TABLE `cohorts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`state` text NOT NULL,
	`enrolment_closes_on` text NOT NULL,
	`starts_on` text NOT NULL,
	`weeks` integer NOT NULL,
	`cadence` text NOT NULL,
	`prompt_weekday` integer NOT NULL,
	`prompt_hour` integer NOT NULL,
	`summary_channel_id` text NOT NULL,
	`topics` text NOT NULL,
	`capacity` integer NOT NULL,
	`allow_same_stage` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`matched_at` integer,
	`launched_at` integer,
	`ended_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cohorts_open_name` ON `cohorts` (lower("name")) WHERE "cohorts"."state" IN ('enrolling', 'matched', 'active');--> statement-breakpoint
CREATE TABLE `enrolments` (
	`cohort_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`enrolled_at` integer NOT NULL,
	`unmatched_reason` text,
	PRIMARY KEY(`cohort_id`, `user_id`),
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `enrolments_user` ON `enrolments` (`user_id`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`cohort_id` integer,
	`pair_id` integer,
	`user_id` text,
	`cycle` integer,
	`target` text NOT NULL,
	`payload` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`sent_at` integer,
	`slack_channel` text,
	`slack_ts` text,
	`error_code` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_ready` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_cohort` ON `outbox` (`cohort_id`,`kind`);--> statement-breakpoint
CREATE TABLE `owners` (
	`user_id` text PRIMARY KEY NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`mentor_id` text NOT NULL,
	`mentee_id` text NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`state` text NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`plan` text,
	`group_dm_channel_id` text,
	`created_at` integer NOT NULL,
	`launched_at` integer,
	`ended_at` integer,
	`end_reason` text,
	`ended_by` text,
	`leave_reason` text,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairs_cohort` ON `pairs` (`cohort_id`,`state`);--> statement-breakpoint
CREATE INDEX `pairs_mentor` ON `pairs` (`mentor_id`);--> statement-breakpoint
CREATE INDEX `pairs_mentee` ON `pairs` (`mentee_id`);--> statement-breakpoint
CREATE TABLE `pauses` (
	`user_id` text PRIMARY KEY NOT NULL,
	`paused_at` integer NOT NULL,
	`until` integer,
	FOREIGN KEY (`user_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
