CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"machine" text NOT NULL,
	"state" text NOT NULL,
	"data" jsonb NOT NULL,
	"organ_id" uuid,
	"parent_case_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_machine_check" CHECK ("cases"."machine" in ('reconsideration','mediation','consultation','letter'))
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"basis" text NOT NULL,
	"start_date" date NOT NULL,
	"due_date" date NOT NULL,
	"original_due_date" date NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"paused_intervals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paused_since" date,
	"extended_days" integer DEFAULT 0 NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"calendar_version" text NOT NULL,
	"explanation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadlines_status_check" CHECK ("deadlines"."status" in ('running','paused','met','missed','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic" text NOT NULL,
	"case_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"dispatched_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_organ_id_organs_id_fk" FOREIGN KEY ("organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_state_idx" ON "cases" USING btree ("machine","state");--> statement-breakpoint
CREATE INDEX "cases_organ_idx" ON "cases" USING btree ("organ_id");--> statement-breakpoint
CREATE INDEX "deadlines_running_idx" ON "deadlines" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "deadlines_case_idx" ON "deadlines" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("dispatched_at","available_at");