-- organization_profile holds what organizations say about themselves; directory_entry is its narrow
-- search index. These triggers keep the index in step, so every writer (API, imports, bulk COPY)
-- gets the same search vectors without knowing about them. Statement-level on insert so bulk COPY
-- loads stay fast.
CREATE OR REPLACE FUNCTION directory_entries_from_rows() RETURNS trigger AS $$
BEGIN
  WITH v AS MATERIALIZED (
    SELECT organization_id, listed, search_name, facet_keys,
           to_tsvector('simple', search_name || ' ' || search_body) AS words
      FROM new_rows
  ), entries AS (
    INSERT INTO directory_entry (organization_id, listed, search_name, name_vector, search_vector, facet_keys)
    SELECT organization_id, listed, search_name, to_tsvector('simple', search_name), strip(words), facet_keys FROM v
  )
  -- Every word goes into directory_term, the dictionary typo-tolerant search corrects words against.
  INSERT INTO directory_term (term)
  SELECT DISTINCT w FROM v, unnest(tsvector_to_array(v.words)) AS w
  WHERE length(w) BETWEEN 3 AND 40 AND w !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organization_profile_entries_insert AFTER INSERT ON organization_profile
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_entries_from_rows();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION directory_entry_from_row() RETURNS trigger AS $$
BEGIN
  UPDATE directory_entry SET
    listed = NEW.listed,
    search_name = NEW.search_name,
    name_vector = to_tsvector('simple', NEW.search_name),
    search_vector = strip(to_tsvector('simple', NEW.search_name || ' ' || NEW.search_body)),
    facet_keys = NEW.facet_keys
  WHERE organization_id = NEW.organization_id;
  INSERT INTO directory_term (term)
  SELECT DISTINCT w FROM unnest(tsvector_to_array(to_tsvector('simple', NEW.search_name || ' ' || NEW.search_body))) AS w
  WHERE length(w) BETWEEN 3 AND 40 AND w !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organization_profile_entry_update AFTER UPDATE ON organization_profile
  FOR EACH ROW WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name OR OLD.search_body IS DISTINCT FROM NEW.search_body
    OR OLD.listed IS DISTINCT FROM NEW.listed OR OLD.facet_keys IS DISTINCT FROM NEW.facet_keys)
  EXECUTE FUNCTION directory_entry_from_row();
--> statement-breakpoint
-- The index keeps the time of each organization's latest activity, so "active in the last N days"
-- is one comparison.
CREATE OR REPLACE FUNCTION activity_touch_entries() RETURNS trigger AS $$
BEGIN
  UPDATE directory_entry e SET last_active_at = n.latest
  FROM (SELECT organization_id, max(occurred_at) AS latest FROM new_rows GROUP BY organization_id) n
  WHERE e.organization_id = n.organization_id AND (e.last_active_at IS NULL OR e.last_active_at < n.latest);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER activity_touch_entries AFTER INSERT ON activity
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION activity_touch_entries();
--> statement-breakpoint
-- The activity stream is append-only, like the audit log (rows leave only with their organization).
CREATE OR REPLACE FUNCTION activity_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'activity is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
  FOR EACH ROW EXECUTE FUNCTION activity_reject_change();
--> statement-breakpoint
CREATE TRIGGER activity_no_truncate BEFORE TRUNCATE ON activity
  FOR EACH STATEMENT EXECUTE FUNCTION activity_reject_change();
--> statement-breakpoint
-- Organizations created before the directory existed get an (empty, listed) profile.
INSERT INTO organization_profile (organization_id, search_name, source)
SELECT id, lower(name), 'self' FROM organization
ON CONFLICT DO NOTHING;
