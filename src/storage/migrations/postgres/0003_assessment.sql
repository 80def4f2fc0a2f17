-- 0003 (PostgreSQL): as sqlite/0003, BIGINT integers, paths COLLATE "C".
-- 0003: assessment 考核评比 — versioned schemes, evaluator grants, score and point events,
-- stored results. Points and scores are BIGINT
-- hundredths (8.73 points → 873): every published figure is exact at 0.01.
CREATE TABLE assessment_schemes (
  id            BIGINT PRIMARY KEY,
  key           TEXT    NOT NULL,
  version       BIGINT  NOT NULL,
  name          TEXT    NOT NULL,
  subject_type  TEXT    NOT NULL,
  definition    TEXT    NOT NULL,
  created_at    BIGINT  NOT NULL,
  created_by    TEXT    NOT NULL,
  UNIQUE (key, version)
);

CREATE TABLE assessment_grants (
  id          BIGINT PRIMARY KEY,
  scheme_key  TEXT    NOT NULL,
  account_id  BIGINT  NOT NULL REFERENCES accounts(id),
  unit_id     BIGINT  NOT NULL REFERENCES units(id),
  UNIQUE (scheme_key, account_id, unit_id)
);

CREATE TABLE assessment_events (
  id               BIGINT PRIMARY KEY,
  scheme_key       TEXT    NOT NULL,
  kind             TEXT    NOT NULL,
  subject_type     TEXT    NOT NULL,
  subject_id       BIGINT  NOT NULL,
  subject_path     TEXT    COLLATE "C" NOT NULL,
  indicator_key    TEXT    NOT NULL,
  period           TEXT    NOT NULL DEFAULT '',
  occurred_on      TEXT,
  evaluator_group  TEXT    NOT NULL DEFAULT '',
  score_x100       BIGINT,
  points_x100      BIGINT,
  reason           TEXT    NOT NULL DEFAULT '',
  evidence         TEXT    NOT NULL DEFAULT '',
  status           TEXT    NOT NULL,
  created_by_id    BIGINT,
  created_by       TEXT    NOT NULL,
  created_at       BIGINT  NOT NULL,
  decided_by       TEXT    NOT NULL DEFAULT '',
  decided_at       BIGINT
);
CREATE INDEX assessment_events_scheme ON assessment_events(scheme_key, subject_path, id);

CREATE TABLE assessment_results (
  id                 BIGINT PRIMARY KEY,
  scheme_key         TEXT    NOT NULL,
  scheme_version     BIGINT  NOT NULL,
  period             TEXT    NOT NULL,
  scope_unit_id      BIGINT  NOT NULL REFERENCES units(id),
  subject_type       TEXT    NOT NULL,
  subject_id         BIGINT  NOT NULL,
  subject_path       TEXT    COLLATE "C" NOT NULL,
  score_x100         BIGINT  NOT NULL,
  own_score_x100     BIGINT  NOT NULL,
  rank               BIGINT  NOT NULL,
  peer_count         BIGINT  NOT NULL,
  tier               TEXT    NOT NULL,
  tier_by_score      TEXT    NOT NULL,
  capped_by          TEXT    NOT NULL DEFAULT '[]',
  stars              BIGINT  NOT NULL DEFAULT 0,
  breakdown          TEXT    NOT NULL DEFAULT '[]',
  follow_up_item_id  BIGINT  REFERENCES items(id),
  computed_at        BIGINT  NOT NULL,
  UNIQUE (scheme_key, period, subject_type, subject_id)
);
CREATE INDEX assessment_results_list ON assessment_results(scheme_key, period, scope_unit_id);
