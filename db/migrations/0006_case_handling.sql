CREATE TABLE "document_number_counters" (
	"organ_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_number_counters_organ_id_kind_year_pk" PRIMARY KEY("organ_id","kind","year")
);
--> statement-breakpoint
CREATE TABLE "document_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"recipient_role" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_user_id" uuid,
	"recipient_organ_id" uuid,
	"method" text NOT NULL,
	"reached_at" timestamp with time zone,
	"first_opened_at" timestamp with time zone,
	"served_on" date,
	"signer" text,
	"refused" boolean DEFAULT false NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_services_method_check" CHECK ("document_services"."method" in ('electronic','in_person','post','public_notice'))
);
--> statement-breakpoint
CREATE TABLE "case_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_routings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_organ_id" uuid,
	"to_organ_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"suggestion" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"overridden" boolean DEFAULT false NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"routed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"drafted_by" uuid NOT NULL,
	"decision_type" text NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hearings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"hearing_date" date NOT NULL,
	"place" text NOT NULL,
	"presiding_id" uuid NOT NULL,
	"member_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"clerk_id" uuid NOT NULL,
	"issues" text,
	"record" text,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"case_id" uuid,
	"deadline_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "respondent_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"organ_id" uuid NOT NULL,
	"filed_by" uuid NOT NULL,
	"reply" text NOT NULL,
	"legal_basis" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"evidence_and_basis_submitted" boolean NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_leave" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_leave_range_check" CHECK ("staff_leave"."from_date" <= "staff_leave"."to_date")
);
--> statement-breakpoint
ALTER TABLE "organs" ADD COLUMN "document_prefix" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "center_organ_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "triage_status" text DEFAULT 'routed' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "triaged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "organ_id" uuid;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "year" integer;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "serial" integer;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "issued_by" uuid;--> statement-breakpoint
ALTER TABLE "document_number_counters" ADD CONSTRAINT "document_number_counters_organ_id_organs_id_fk" FOREIGN KEY ("organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_services" ADD CONSTRAINT "document_services_document_id_case_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."case_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_services" ADD CONSTRAINT "document_services_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_services" ADD CONSTRAINT "document_services_recipient_organ_id_organs_id_fk" FOREIGN KEY ("recipient_organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_services" ADD CONSTRAINT "document_services_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conflicts" ADD CONSTRAINT "case_conflicts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conflicts" ADD CONSTRAINT "case_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_conflicts" ADD CONSTRAINT "case_conflicts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_routings" ADD CONSTRAINT "case_routings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_routings" ADD CONSTRAINT "case_routings_from_organ_id_organs_id_fk" FOREIGN KEY ("from_organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_routings" ADD CONSTRAINT "case_routings_to_organ_id_organs_id_fk" FOREIGN KEY ("to_organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_routings" ADD CONSTRAINT "case_routings_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_drafts" ADD CONSTRAINT "decision_drafts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_drafts" ADD CONSTRAINT "decision_drafts_drafted_by_users_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_drafts" ADD CONSTRAINT "decision_drafts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_presiding_id_users_id_fk" FOREIGN KEY ("presiding_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_clerk_id_users_id_fk" FOREIGN KEY ("clerk_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_deadline_id_deadlines_id_fk" FOREIGN KEY ("deadline_id") REFERENCES "public"."deadlines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_replies" ADD CONSTRAINT "respondent_replies_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_replies" ADD CONSTRAINT "respondent_replies_organ_id_organs_id_fk" FOREIGN KEY ("organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_replies" ADD CONSTRAINT "respondent_replies_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_leave" ADD CONSTRAINT "staff_leave_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_services_document_idx" ON "document_services" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_services_user_idx" ON "document_services" USING btree ("recipient_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_conflicts_case_user_idx" ON "case_conflicts" USING btree ("case_id","user_id");--> statement-breakpoint
CREATE INDEX "case_conflicts_user_idx" ON "case_conflicts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_routings_case_idx" ON "case_routings" USING btree ("case_id","routed_at");--> statement-breakpoint
CREATE INDEX "decision_drafts_case_idx" ON "decision_drafts" USING btree ("case_id","submitted_at");--> statement-breakpoint
CREATE INDEX "hearings_case_idx" ON "hearings" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_idx" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "respondent_replies_case_idx" ON "respondent_replies" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "staff_leave_user_idx" ON "staff_leave" USING btree ("user_id","from_date");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_center_organ_id_organs_id_fk" FOREIGN KEY ("center_organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_organ_id_organs_id_fk" FOREIGN KEY ("organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_triage_idx" ON "cases" USING btree ("center_organ_id","triage_status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_number_idx" ON "case_documents" USING btree ("organ_id","kind","year","serial");