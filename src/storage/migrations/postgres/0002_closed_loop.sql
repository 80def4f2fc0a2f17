-- 0002 (PostgreSQL): the same tables as sqlite/0002; paths, grams and dates are COLLATE "C"
-- and every integer column BIGINT (ids and instants in microseconds need 64 bits).
-- 0002: the closed loop — campaigns and categories, items and their events, the text search
-- index, supervision notices, evidence files, the work calendar, per-year counters.
-- Dates are TEXT 'YYYY-MM-DD' (Shanghai calendar days); instants BIGINT  unix microseconds.
CREATE TABLE campaigns (
  id           BIGINT PRIMARY KEY,
  name         TEXT    NOT NULL,
  description  TEXT    NOT NULL DEFAULT '',
  starts_on    TEXT,
  ends_on      TEXT,
  unit_id      BIGINT  NOT NULL REFERENCES units(id),
  unit_path    TEXT    COLLATE "C" NOT NULL,
  phases_json  TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX campaigns_unit ON campaigns(unit_path);

CREATE TABLE categories (
  id           BIGINT PRIMARY KEY,
  campaign_id  BIGINT  NOT NULL REFERENCES campaigns(id),
  parent_id    BIGINT  REFERENCES categories(id),
  name         TEXT    NOT NULL
);
CREATE INDEX categories_campaign ON categories(campaign_id, id);

CREATE TABLE items (
  id                     BIGINT PRIMARY KEY,
  code                   TEXT    NOT NULL UNIQUE,
  kind                   TEXT    NOT NULL,
  title                  TEXT    NOT NULL,
  description            TEXT    NOT NULL,
  campaign_id            BIGINT  REFERENCES campaigns(id),
  category_id            BIGINT  REFERENCES categories(id),
  source                 TEXT    NOT NULL,
  severity               TEXT    NOT NULL,
  unit_id                BIGINT  NOT NULL REFERENCES units(id),
  unit_path              TEXT    COLLATE "C" NOT NULL,
  found_on               TEXT    NOT NULL,
  found_by               TEXT    NOT NULL,
  responsible_unit_id    BIGINT  REFERENCES units(id),
  responsible_unit_path  TEXT    COLLATE "C" NOT NULL DEFAULT '',
  responsible_person_id  BIGINT  REFERENCES people(id),
  lead_leader_id         BIGINT  REFERENCES people(id),
  assisting_unit_ids     TEXT    NOT NULL DEFAULT '[]',
  measures               TEXT    NOT NULL DEFAULT '[]',
  deadline               TEXT COLLATE "C",
  deadline_working_days  BIGINT ,
  report_every           TEXT    NOT NULL,
  rectify_mode           TEXT    NOT NULL,
  is_public              BIGINT  NOT NULL DEFAULT 0,
  parent_id              BIGINT  REFERENCES items(id),
  status                 TEXT    NOT NULL,
  progress               BIGINT  NOT NULL DEFAULT 0,
  closed_on              TEXT,
  recurrence_of          BIGINT  REFERENCES items(id),
  reopen_count           BIGINT  NOT NULL DEFAULT 0,
  satisfaction           TEXT    NOT NULL DEFAULT '',
  second_handling_used   BIGINT  NOT NULL DEFAULT 0,
  pending_extension      TEXT    NOT NULL DEFAULT '',
  details                TEXT    NOT NULL DEFAULT '{}',
  created_at             BIGINT  NOT NULL,
  updated_at             BIGINT  NOT NULL,
  assigned_at            BIGINT ,
  accepted_at            BIGINT ,
  last_report_at         BIGINT ,
  next_check_on          TEXT
);
CREATE INDEX items_unit ON items(unit_path, updated_at);
CREATE INDEX items_responsible ON items(responsible_unit_path, updated_at);
CREATE INDEX items_status_deadline ON items(status, deadline);
CREATE INDEX items_next_check ON items(next_check_on, id) WHERE next_check_on IS NOT NULL;
CREATE INDEX items_parent ON items(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX items_campaign ON items(campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE item_events (
  id                BIGINT PRIMARY KEY,
  item_id           BIGINT  NOT NULL REFERENCES items(id),
  at                BIGINT  NOT NULL,
  actor_account_id  BIGINT ,
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
  gram     TEXT    COLLATE "C" NOT NULL,
  item_id  BIGINT  NOT NULL REFERENCES items(id),
  PRIMARY KEY (gram, item_id)
);
CREATE INDEX item_grams_item ON item_grams(item_id);

CREATE TABLE notices (
  id             BIGINT PRIMARY KEY,
  year           BIGINT  NOT NULL,
  number         BIGINT  NOT NULL,
  item_id        BIGINT  NOT NULL REFERENCES items(id),
  unit_id        BIGINT  NOT NULL REFERENCES units(id),
  unit_path      TEXT    COLLATE "C" NOT NULL,
  level          TEXT    NOT NULL,
  condition      TEXT    NOT NULL,
  condition_key  TEXT    NOT NULL,
  reason         TEXT    NOT NULL,
  issued_at      BIGINT  NOT NULL,
  issued_by      TEXT    NOT NULL,
  respond_by     TEXT    NOT NULL,
  status         TEXT    NOT NULL,
  response_text  TEXT    NOT NULL DEFAULT '',
  responded_at   BIGINT ,
  responded_by   TEXT    NOT NULL DEFAULT '',
  UNIQUE (year, number),
  UNIQUE (item_id, condition_key)
);
CREATE INDEX notices_unit ON notices(unit_path, status, id);

CREATE TABLE files (
  id            BIGINT PRIMARY KEY,
  item_id       BIGINT  NOT NULL REFERENCES items(id),
  name          TEXT    NOT NULL,
  size          BIGINT  NOT NULL,
  content_type  TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,
  uploaded_at   BIGINT  NOT NULL,
  uploaded_by   TEXT    NOT NULL
);
CREATE INDEX files_item ON files(item_id);

CREATE TABLE calendar_years (year BIGINT PRIMARY KEY);
CREATE TABLE calendar_days (
  date     TEXT    COLLATE "C" PRIMARY KEY,
  working  BIGINT  NOT NULL,
  name     TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE counters (
  name   TEXT    PRIMARY KEY,
  value  BIGINT  NOT NULL
);
