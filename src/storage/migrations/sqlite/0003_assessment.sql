-- 0003: assessment 考核评比 — versioned schemes, evaluator grants, score and point events,
-- stored results. Points and scores are INTEGER
-- hundredths (8.73 points → 873): every published figure is exact at 0.01.
CREATE TABLE assessment_schemes (
  id            INTEGER PRIMARY KEY,
  key           TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  name          TEXT    NOT NULL,
  subject_type  TEXT    NOT NULL,
  definition    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  created_by    TEXT    NOT NULL,
  UNIQUE (key, version)
);

CREATE TABLE assessment_grants (
  id          INTEGER PRIMARY KEY,
  scheme_key  TEXT    NOT NULL,
  account_id  INTEGER NOT NULL REFERENCES accounts(id),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  UNIQUE (scheme_key, account_id, unit_id)
);

CREATE TABLE assessment_events (
  id               INTEGER PRIMARY KEY,
  scheme_key       TEXT    NOT NULL,
  kind             TEXT    NOT NULL,
  subject_type     TEXT    NOT NULL,
  subject_id       INTEGER NOT NULL,
  subject_path     TEXT    NOT NULL,
  indicator_key    TEXT    NOT NULL,
  period           TEXT    NOT NULL DEFAULT '',
  occurred_on      TEXT,
  evaluator_group  TEXT    NOT NULL DEFAULT '',
  score_x100       INTEGER,
  points_x100      INTEGER,
  reason           TEXT    NOT NULL DEFAULT '',
  evidence         TEXT    NOT NULL DEFAULT '',
  status           TEXT    NOT NULL,
  created_by_id    INTEGER,
  created_by       TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  decided_by       TEXT    NOT NULL DEFAULT '',
  decided_at       INTEGER
);
CREATE INDEX assessment_events_scheme ON assessment_events(scheme_key, subject_path, id);

CREATE TABLE assessment_results (
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
  UNIQUE (scheme_key, period, subject_type, subject_id)
);
CREATE INDEX assessment_results_list ON assessment_results(scheme_key, period, scope_unit_id);
