ALTER TABLE `profiles` ADD `work_start_minute` integer;--> statement-breakpoint
ALTER TABLE `profiles` ADD `work_end_minute` integer;--> statement-breakpoint
ALTER TABLE `profiles` ADD `work_days` integer;