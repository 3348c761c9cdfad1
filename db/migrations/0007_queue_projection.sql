ALTER TABLE "cases" ADD COLUMN "next_due_date" date;--> statement-breakpoint
CREATE INDEX "cases_queue_due_idx" ON "cases" USING btree ("organ_id",coalesce("next_due_date", 'infinity'::date),"id") WHERE "cases"."machine" = 'reconsideration' and "cases"."triage_status" = 'routed';--> statement-breakpoint
CREATE INDEX "cases_handler_due_idx" ON "cases" USING btree ("handler_id",coalesce("next_due_date", 'infinity'::date),"id") WHERE "cases"."machine" = 'reconsideration' and "cases"."triage_status" = 'routed';--> statement-breakpoint
-- cases.next_due_date: the nearest due date among the case's running periods, kept by this trigger whenever a period
-- is inserted, changes status, due date or case, or is deleted (the queue orders and pages by it through an index).
CREATE OR REPLACE FUNCTION cases_next_due_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE cases SET next_due_date = (
      SELECT min(d.due_date) FROM deadlines d WHERE d.case_id = OLD.case_id AND d.status = 'running'
    ) WHERE id = OLD.case_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
    UPDATE cases SET next_due_date = (
      SELECT min(d.due_date) FROM deadlines d WHERE d.case_id = NEW.case_id AND d.status = 'running'
    ) WHERE id = NEW.case_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER deadlines_next_due AFTER INSERT OR DELETE OR UPDATE OF status, due_date, case_id ON deadlines
  FOR EACH ROW EXECUTE FUNCTION cases_next_due_sync();
--> statement-breakpoint
UPDATE cases c SET next_due_date = (
  SELECT min(d.due_date) FROM deadlines d WHERE d.case_id = c.id AND d.status = 'running'
);
