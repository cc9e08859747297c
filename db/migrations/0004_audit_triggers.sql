-- The access log is append-only and hash-chained, enforced in the database so that no
-- code path (nor a mistaken query) can rewrite history. The canonical text hashed here is
-- reproduced byte for byte by app/audit/chain.ts (verifyAuditChain); change both together,
-- and only under a new version tag.

-- One field of the canonical text: its UTF-8 byte length, ':' and the value; NULL is '~'.
-- The length prefix makes the encoding unambiguous whatever characters a field holds.
CREATE FUNCTION audit_log_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN value IS NULL THEN '~'
    ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws('|',
    'audit.v1',
    audit_log_field(r.id::text),
    audit_log_field(to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    audit_log_field(r.actor_id::text),
    audit_log_field(array_to_string(r.actor_roles, ',')),
    audit_log_field(r.action),
    audit_log_field(r.object_type),
    audit_log_field(r.object_id),
    audit_log_field(r.subject_id::text),
    audit_log_field(r.purpose),
    audit_log_field(r.outcome),
    audit_log_field(r.origin_hash),
    audit_log_field(r.prev_hash))
$$;
--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  last_hash text;
BEGIN
  -- Under REPEATABLE READ or SERIALIZABLE the look-up below would read an old snapshot
  -- and fork the chain; refuse deterministically instead of failing only under load.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_log: rows can only be added in a READ COMMITTED transaction (now %)',
      current_setting('transaction_isolation');
  END IF;
  -- One writer at a time, until its transaction ends: the next writer then sees this row.
  PERFORM pg_advisory_xact_lock(727100);
  SELECT id, row_hash INTO last_id, last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.id := coalesce(last_id, 0) + 1;
  -- Millisecond precision so that Node's Date reproduces the hashed timestamp exactly.
  NEW.occurred_at := date_trunc('milliseconds', clock_timestamp());
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.row_hash := encode(sha256(convert_to(audit_log_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
