-- 0001: the organisation, accounts, sessions and the audit chain.
-- Instants are INTEGER unix microseconds, UTC. When a row changed is the audit chain's to say.
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES units(id),
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  code        TEXT    NOT NULL DEFAULT '',
  disabled    INTEGER NOT NULL DEFAULT 0,
  path        TEXT    NOT NULL UNIQUE    -- "/1/5/23/": subtree = path range scan
);
CREATE INDEX units_parent ON units(parent_id, id);
CREATE UNIQUE INDEX units_code ON units(code) WHERE code <> '';

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  name        TEXT    NOT NULL,
  title       TEXT    NOT NULL DEFAULT '',
  phone       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX people_unit ON people(unit_id, id);

CREATE TABLE accounts (
  id             INTEGER PRIMARY KEY,
  username       TEXT    NOT NULL UNIQUE,
  person_id      INTEGER REFERENCES people(id),
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  roles          TEXT    NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,
  password_hash  TEXT    NOT NULL,
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   INTEGER
);
CREATE INDEX accounts_unit ON accounts(unit_id, id);

CREATE TABLE sessions (
  token_hash    TEXT    PRIMARY KEY,
  account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE audit_events (
  seq               INTEGER PRIMARY KEY,
  at                INTEGER NOT NULL,
  actor_account_id  INTEGER,
  actor_username    TEXT    NOT NULL,
  action            TEXT    NOT NULL,
  entity_type       TEXT    NOT NULL,
  entity_id         TEXT    NOT NULL,
  unit_id           INTEGER,
  unit_path         TEXT    NOT NULL,
  before_json       TEXT    NOT NULL,
  after_json        TEXT    NOT NULL,
  prev_hash         TEXT    NOT NULL,
  hash              TEXT    NOT NULL
);
CREATE INDEX audit_unit_path ON audit_events(unit_path, seq);
CREATE INDEX audit_entity ON audit_events(entity_type, entity_id, seq);
-- Append-only in the database too; the hash chain catches whoever drops these triggers.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
