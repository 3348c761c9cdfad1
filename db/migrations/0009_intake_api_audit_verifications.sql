CREATE TABLE "audit_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"actor_id" uuid,
	"command" text NOT NULL,
	"rows_checked" integer NOT NULL,
	"ok" boolean NOT NULL,
	"broken_at" bigint,
	"reason" text,
	CONSTRAINT "audit_verifications_source_check" CHECK ("audit_verifications"."source" in ('cli','web')),
	CONSTRAINT "audit_verifications_result_check" CHECK (("audit_verifications"."ok" and "audit_verifications"."broken_at" is null and "audit_verifications"."reason" is null) or (not "audit_verifications"."ok" and "audit_verifications"."broken_at" is not null and "audit_verifications"."reason" in ('hash','link')))
);
--> statement-breakpoint
CREATE TABLE "api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"center_organ_id" uuid NOT NULL,
	"rate_per_minute" integer DEFAULT 60 NOT NULL,
	"burst" integer DEFAULT 30 NOT NULL,
	"bucket_tokens" double precision DEFAULT 30 NOT NULL,
	"bucket_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_clients_key_prefix_unique" UNIQUE("key_prefix"),
	CONSTRAINT "api_clients_rate_check" CHECK ("api_clients"."rate_per_minute" between 1 and 100000 and "api_clients"."burst" between 1 and 100000)
);
--> statement-breakpoint
CREATE TABLE "intake_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"external_ref" text NOT NULL,
	"body_hash" text NOT NULL,
	"case_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_requests_client_ref_unique" UNIQUE("client_id","external_ref")
);
--> statement-breakpoint
ALTER TABLE "audit_verifications" ADD CONSTRAINT "audit_verifications_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_center_organ_id_organs_id_fk" FOREIGN KEY ("center_organ_id") REFERENCES "public"."organs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_verifications_at_idx" ON "audit_verifications" USING btree ("verified_at");--> statement-breakpoint
CREATE INDEX "intake_requests_case_idx" ON "intake_requests" USING btree ("case_id");