CREATE TABLE "mediation_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"terms" text NOT NULL,
	"performance_terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confirmations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"judicial_confirmation_eligible" boolean DEFAULT false NOT NULL,
	"document_id" uuid,
	"confirmation_deadline_id" uuid,
	"signed_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_agreements_case_id_unique" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "mediation_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"method" text NOT NULL,
	"performance_status" text NOT NULL,
	"notes" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_follow_ups_status_check" CHECK ("mediation_follow_ups"."performance_status" in ('pending','partly_performed','performed','breached'))
);
--> statement-breakpoint
CREATE TABLE "mediation_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"invitee_user_id" uuid,
	"invited_by" uuid,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_via" text,
	"answer_note" text,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "mediation_invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "mediation_invitations_answer_check" CHECK ("mediation_invitations"."answer" is null or "mediation_invitations"."answer" in ('accepted','declined'))
);
--> statement-breakpoint
CREATE TABLE "mediation_mediators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"declared_no_conflict_at" timestamp with time zone,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_reason" text
);
--> statement-breakpoint
CREATE TABLE "mediation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"place" text NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text,
	"held_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_sessions_mode_check" CHECK ("mediation_sessions"."mode" in ('in_person','online','phone'))
);
--> statement-breakpoint
CREATE TABLE "court_appearances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organ_id" uuid NOT NULL,
	"court" text NOT NULL,
	"lawsuit_number" text NOT NULL,
	"first_instance_number" text,
	"instance" text NOT NULL,
	"cause" text NOT NULL,
	"registered_on" date NOT NULL,
	"hearings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"absence_reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "court_appearances_instance_check" CHECK ("court_appearances"."instance" in ('first','second','retrial'))
);
--> statement-breakpoint
CREATE TABLE "decision_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"organ_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"title" text NOT NULL,
	"anonymised_text" text NOT NULL,
	"redactions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decision_kind" text,
	"decided_on" date,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"published_at" timestamp with time zone,
	"basis" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdraw_reason" text,
	CONSTRAINT "decision_publications_status_check" CHECK ("decision_publications"."status" in ('proposed','approved','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "document_template_texts" (
	"kind" text PRIMARY KEY NOT NULL,
	"wording" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mediation_agreements" ADD CONSTRAINT "mediation_agreements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_agreements" ADD CONSTRAINT "mediation_agreements_confirmation_deadline_id_deadlines_id_fk" FOREIGN KEY ("confirmation_deadline_id") REFERENCES "public"."deadlines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_agreements" ADD CONSTRAINT "mediation_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_follow_ups" ADD CONSTRAINT "mediation_follow_ups_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_follow_ups" ADD CONSTRAINT "mediation_follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_invitations" ADD CONSTRAINT "mediation_invitations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_invitations" ADD CONSTRAINT "mediation_invitations_invitee_user_id_users_id_fk" FOREIGN KEY ("invitee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_invitations" ADD CONSTRAINT "mediation_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_mediators" ADD CONSTRAINT "mediation_mediators_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_mediators" ADD CONSTRAINT "mediation_mediators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_mediators" ADD CONSTRAINT "mediation_mediators_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_appearances" ADD CONSTRAINT "court_appearances_organ_id_organs_id_fk" FOREIGN KEY ("organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_appearances" ADD CONSTRAINT "court_appearances_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_publications" ADD CONSTRAINT "decision_publications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_publications" ADD CONSTRAINT "decision_publications_document_id_case_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."case_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_publications" ADD CONSTRAINT "decision_publications_organ_id_organs_id_fk" FOREIGN KEY ("organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_publications" ADD CONSTRAINT "decision_publications_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_publications" ADD CONSTRAINT "decision_publications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_publications" ADD CONSTRAINT "decision_publications_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_template_texts" ADD CONSTRAINT "document_template_texts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mediation_follow_ups_case_idx" ON "mediation_follow_ups" USING btree ("case_id","visited_on");--> statement-breakpoint
CREATE INDEX "mediation_invitations_case_idx" ON "mediation_invitations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "mediation_invitations_invitee_idx" ON "mediation_invitations" USING btree ("invitee_user_id");--> statement-breakpoint
CREATE INDEX "mediation_mediators_case_idx" ON "mediation_mediators" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "mediation_mediators_user_idx" ON "mediation_mediators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mediation_sessions_case_idx" ON "mediation_sessions" USING btree ("case_id","scheduled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "court_appearances_number_idx" ON "court_appearances" USING btree ("organ_id","lawsuit_number");--> statement-breakpoint
CREATE INDEX "court_appearances_period_idx" ON "court_appearances" USING btree ("organ_id","registered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_publications_live_idx" ON "decision_publications" USING btree ("document_id") WHERE "decision_publications"."status" in ('proposed','approved');--> statement-breakpoint
CREATE INDEX "decision_publications_public_idx" ON "decision_publications" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "decision_publications_text_trgm_idx" ON "decision_publications" USING gin ("anonymised_text" gin_trgm_ops);