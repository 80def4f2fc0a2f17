-- 0002: the closed loop — campaigns and categories, items and their events, the text search
-- index, supervision notices, evidence files, the work calendar, per-year counters.
-- Dates are TEXT 'YYYY-MM-DD' (Shanghai calendar days); instants INTEGER unix microseconds.
CREATE TABLE campaigns (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL,
  description  TEXT    NOT NULL DEFAULT '',
  starts_on    TEXT,
  ends_on      TEXT,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  unit_path    TEXT    NOT NULL,
  phases_json  TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX campaigns_unit ON campaigns(unit_path);

CREATE TABLE categories (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
  parent_id    INTEGER REFERENCES categories(id),
  name         TEXT    NOT NULL
);
CREATE INDEX categories_campaign ON categories(campaign_id, id);

CREATE TABLE items (
  id                     INTEGER PRIMARY KEY,
  code                   TEXT    NOT NULL UNIQUE,
  kind                   TEXT    NOT NULL,
  title                  TEXT    NOT NULL,
  description            TEXT    NOT NULL,
  campaign_id            INTEGER REFERENCES campaigns(id),
  category_id            INTEGER REFERENCES categories(id),
  source                 TEXT    NOT NULL,
  severity               TEXT    NOT NULL,
  unit_id                INTEGER NOT NULL REFERENCES units(id),
  unit_path              TEXT    NOT NULL,
  found_on               TEXT    NOT NULL,
  found_by               TEXT    NOT NULL,
  responsible_unit_id    INTEGER REFERENCES units(id),
  responsible_unit_path  TEXT    NOT NULL DEFAULT '',
  responsible_person_id  INTEGER REFERENCES people(id),
  lead_leader_id         INTEGER REFERENCES people(id),
  assisting_unit_ids     TEXT    NOT NULL DEFAULT '[]',
  measures               TEXT    NOT NULL DEFAULT '[]',
  deadline               TEXT,
  deadline_working_days  INTEGER,
  report_every           TEXT    NOT NULL,
  rectify_mode           TEXT    NOT NULL,
  is_public              INTEGER NOT NULL DEFAULT 0,
  parent_id              INTEGER REFERENCES items(id),
  status                 TEXT    NOT NULL,
  progress               INTEGER NOT NULL DEFAULT 0,
  closed_on              TEXT,
  recurrence_of          INTEGER REFERENCES items(id),
  reopen_count           INTEGER NOT NULL DEFAULT 0,
  satisfaction           TEXT    NOT NULL DEFAULT '',
  second_handling_used   INTEGER NOT NULL DEFAULT 0,
  pending_extension      TEXT    NOT NULL DEFAULT '',
  details                TEXT    NOT NULL DEFAULT '{}',
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL,
  assigned_at            INTEGER,
  accepted_at            INTEGER,
  last_report_at         INTEGER,
  next_check_on          TEXT
);
CREATE INDEX items_unit ON items(unit_path, updated_at);
CREATE INDEX items_responsible ON items(responsible_unit_path, updated_at);
CREATE INDEX items_status_deadline ON items(status, deadline);
CREATE INDEX items_next_check ON items(next_check_on, id) WHERE next_check_on IS NOT NULL;
CREATE INDEX items_parent ON items(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX items_campaign ON items(campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE item_events (
  id                INTEGER PRIMARY KEY,
  item_id           INTEGER NOT NULL REFERENCES items(id),
  at                INTEGER NOT NULL,
  actor_account_id  INTEGER,
  actor_username    TEXT    NOT NULL,
  action            TEXT    NOT NULL,
  from_status       TEXT    NOT NULL,
  to_status         TEXT    NOT NULL,
  text              TEXT    NOT NULL DEFAULT '',
  data              TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX item_events_item ON item_events(item_id, id);

-- Character unigrams and bigrams of each item's code, title and description: 1- and
-- 2-character Chinese queries (整改, 隐患) find items fast, which a trigram index cannot.
CREATE TABLE item_grams (
  gram     TEXT    NOT NULL,
  item_id  INTEGER NOT NULL REFERENCES items(id),
  PRIMARY KEY (gram, item_id)
) WITHOUT ROWID;
CREATE INDEX item_grams_item ON item_grams(item_id);

CREATE TABLE notices (
  id             INTEGER PRIMARY KEY,
  year           INTEGER NOT NULL,
  number         INTEGER NOT NULL,
  item_id        INTEGER NOT NULL REFERENCES items(id),
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  unit_path      TEXT    NOT NULL,
  level          TEXT    NOT NULL,
  condition      TEXT    NOT NULL,
  condition_key  TEXT    NOT NULL,
  reason         TEXT    NOT NULL,
  issued_at      INTEGER NOT NULL,
  issued_by      TEXT    NOT NULL,
  respond_by     TEXT    NOT NULL,
  status         TEXT    NOT NULL,
  response_text  TEXT    NOT NULL DEFAULT '',
  responded_at   INTEGER,
  responded_by   TEXT    NOT NULL DEFAULT '',
  UNIQUE (year, number),
  UNIQUE (item_id, condition_key)
);
CREATE INDEX notices_unit ON notices(unit_path, status, id);

CREATE TABLE files (
  id            INTEGER PRIMARY KEY,
  item_id       INTEGER NOT NULL REFERENCES items(id),
  name          TEXT    NOT NULL,
  size          INTEGER NOT NULL,
  content_type  TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,
  uploaded_at   INTEGER NOT NULL,
  uploaded_by   TEXT    NOT NULL
);
CREATE INDEX files_item ON files(item_id);

CREATE TABLE calendar_years (year INTEGER PRIMARY KEY);
CREATE TABLE calendar_days (
  date     TEXT    PRIMARY KEY,
  working  INTEGER NOT NULL,
  name     TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE counters (
  name   TEXT    PRIMARY KEY,
  value  INTEGER NOT NULL
);
