CREATE TABLE `fit_checks` (
	`pair_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`answer` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`pair_id`, `user_id`),
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`cohort_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`pair_id` integer,
	`rating` integer NOT NULL,
	`learned` text,
	`again` integer NOT NULL,
	`quote_ok` integer DEFAULT false NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`cohort_id`, `user_id`),
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade
);
