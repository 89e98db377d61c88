CREATE TABLE `checkins` (
	`pair_id` integer NOT NULL,
	`cycle` integer NOT NULL,
	`user_id` text NOT NULL,
	`answer` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`pair_id`, `cycle`, `user_id`),
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`pair_id` integer NOT NULL,
	`user_id` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`cycle` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flags_once` ON `flags` (`kind`,`pair_id`,`user_id`,`cycle`);--> statement-breakpoint
CREATE INDEX `flags_cohort` ON `flags` (`cohort_id`,`resolved_at`);