ALTER TABLE "cases" ADD COLUMN "handler_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handler_id_users_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("organ_id","state");--> statement-breakpoint
CREATE INDEX "cases_applicant_names_trgm_idx" ON "cases" USING gin ("applicant_names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_act_document_number_trgm_idx" ON "cases" USING gin ("act_document_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_case_number_trgm_idx" ON "cases" USING gin ("case_number" gin_trgm_ops);