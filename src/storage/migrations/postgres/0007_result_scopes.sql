-- 0007 (PostgreSQL): as sqlite/0007, BIGINT integers. PostgreSQL drops the old UNIQUE
-- constraint in place; its generated name is looked up rather than spelled out.
-- 0007: an assessment result belongs to the scope that computed it (security review M2). The
-- county's ranking of the bureaus and a bureau's ranking of its sections are different lists:
-- a result is keyed on (scheme, period, subject, scope unit), so a lower level computing its
-- own unit never overwrites or removes a higher level's row. A recomputation keeps the row it
-- replaces as history: superseded_at is set on the copy, and only rows without it are current
-- (one per key, the partial unique index).
ALTER TABLE assessment_results ADD COLUMN superseded_at BIGINT;
DO $$
DECLARE c TEXT;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
           WHERE conrelid = 'assessment_results'::regclass AND contype = 'u' LOOP
    EXECUTE 'ALTER TABLE assessment_results DROP CONSTRAINT ' || quote_ident(c);
  END LOOP;
END
$$;
CREATE UNIQUE INDEX assessment_results_current
  ON assessment_results(scheme_key, period, subject_type, subject_id, scope_unit_id)
  WHERE superseded_at IS NULL;
CREATE INDEX assessment_results_subject
  ON assessment_results(scheme_key, period, subject_type, subject_id);
