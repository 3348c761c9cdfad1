-- The audit/event table is append-only and hash-chained.
-- audit_event_digest() is the one definition of a row's hash, used by the insert trigger and by verification.
CREATE OR REPLACE FUNCTION audit_event_digest(
  p_id bigint, p_occurred_at timestamptz, p_actor_id uuid, p_action text, p_subject_type text,
  p_subject_id text, p_payload jsonb, p_request_id text, p_prev_hash text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    p_id::text,
    to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(p_actor_id::text, ''),
    p_action,
    p_subject_type,
    coalesce(p_subject_id, ''),
    p_payload::text,
    coalesce(p_request_id, ''),
    p_prev_hash
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  -- One writer at a time extends the chain; the lock is held to commit, so ids follow the chain order.
  PERFORM pg_advisory_xact_lock(7238115001);
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  NEW.occurred_at := date_trunc('microseconds', coalesce(NEW.occurred_at, now()));
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.hash := audit_event_digest(NEW.id, NEW.occurred_at, NEW.actor_id, NEW.action, NEW.subject_type,
    NEW.subject_id, NEW.payload, NEW.request_id, NEW.prev_hash);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
