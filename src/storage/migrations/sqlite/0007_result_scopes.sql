-- 0007: an assessment result belongs to the scope that computed it (security review M2). The
-- county's ranking of the bureaus and a bureau's ranking of its sections are different lists:
-- a result is keyed on (scheme, period, subject, scope unit), so a lower level computing its
-- own unit never overwrites or removes a higher level's row. A recomputation keeps the row it
-- replaces as history: superseded_at is set on the copy, and only rows without it are current
-- (one per key, the partial unique index). SQLite cannot drop the old UNIQUE constraint in
-- place, so the table is rebuilt; nothing references it.
CREATE TABLE assessment_results_0007 (
  id                 INTEGER PRIMARY KEY,
  scheme_key         TEXT    NOT NULL,
  scheme_version     INTEGER NOT NULL,
  period             TEXT    NOT NULL,
  scope_unit_id      INTEGER NOT NULL REFERENCES units(id),
  subject_type       TEXT    NOT NULL,
  subject_id         INTEGER NOT NULL,
  subject_path       TEXT    NOT NULL,
  score_x100         INTEGER NOT NULL,
  own_score_x100     INTEGER NOT NULL,
  rank               INTEGER NOT NULL,
  peer_count         INTEGER NOT NULL,
  tier               TEXT    NOT NULL,
  tier_by_score      TEXT    NOT NULL,
  capped_by          TEXT    NOT NULL DEFAULT '[]',
  stars              INTEGER NOT NULL DEFAULT 0,
  breakdown          TEXT    NOT NULL DEFAULT '[]',
  follow_up_item_id  INTEGER REFERENCES items(id),
  computed_at        INTEGER NOT NULL,
  superseded_at      INTEGER
);
INSERT INTO assessment_results_0007 (id, scheme_key, scheme_version, period, scope_unit_id,
  subject_type, subject_id, subject_path, score_x100, own_score_x100, rank, peer_count, tier,
  tier_by_score, capped_by, stars, breakdown, follow_up_item_id, computed_at)
SELECT id, scheme_key, scheme_version, period, scope_unit_id, subject_type, subject_id,
  subject_path, score_x100, own_score_x100, rank, peer_count, tier, tier_by_score, capped_by,
  stars, breakdown, follow_up_item_id, computed_at FROM assessment_results;
DROP TABLE assessment_results;
ALTER TABLE assessment_results_0007 RENAME TO assessment_results;
CREATE INDEX assessment_results_list ON assessment_results(scheme_key, period, scope_unit_id);
CREATE UNIQUE INDEX assessment_results_current
  ON assessment_results(scheme_key, period, subject_type, subject_id, scope_unit_id)
  WHERE superseded_at IS NULL;
CREATE INDEX assessment_results_subject
  ON assessment_results(scheme_key, period, subject_type, subject_id);
