-- 0001: the organisation, accounts, sessions and the audit chain (PostgreSQL).
-- Same tables and columns as sqlite/0001. Differences, side by side:
--  * ids are BIGINT, assigned by Duban (max + 1 under the writer lock) as in SQLite;
--  * paths are COLLATE "C" so the subtree range scans compare bytes, as SQLite does;
--  * the append-only guard is a plpgsql trigger function.
-- Instants are BIGINT unix microseconds, UTC; booleans are INTEGER 0/1 as in SQLite.
CREATE TABLE units (
  id          BIGINT  PRIMARY KEY,
  parent_id   BIGINT  REFERENCES units(id),
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  code        TEXT    NOT NULL DEFAULT '',
  disabled    INTEGER NOT NULL DEFAULT 0,
  path        TEXT    COLLATE "C" NOT NULL UNIQUE
);
CREATE INDEX units_parent ON units(parent_id, id);
CREATE UNIQUE INDEX units_code ON units(code) WHERE code <> '';

CREATE TABLE people (
  id          BIGINT  PRIMARY KEY,
  unit_id     BIGINT  NOT NULL REFERENCES units(id),
  name        TEXT    NOT NULL,
  title       TEXT    NOT NULL DEFAULT '',
  phone       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX people_unit ON people(unit_id, id);

CREATE TABLE accounts (
  id             BIGINT  PRIMARY KEY,
  username       TEXT    NOT NULL UNIQUE,
  person_id      BIGINT  REFERENCES people(id),
  unit_id        BIGINT  NOT NULL REFERENCES units(id),
  roles          TEXT    NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,
  password_hash  TEXT    NOT NULL,
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   BIGINT
);
CREATE INDEX accounts_unit ON accounts(unit_id, id);

CREATE TABLE sessions (
  token_hash    TEXT    PRIMARY KEY,
  account_id    BIGINT  NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,
  created_at    BIGINT  NOT NULL,
  last_seen_at  BIGINT  NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE audit_events (
  seq               BIGINT  PRIMARY KEY,
  at                BIGINT  NOT NULL,
  actor_account_id  BIGINT,
  actor_username    TEXT    NOT NULL,
  action            TEXT    NOT NULL,
  entity_type       TEXT    NOT NULL,
  entity_id         TEXT    NOT NULL,
  unit_id           BIGINT,
  unit_path         TEXT    COLLATE "C" NOT NULL,
  before_json       TEXT    NOT NULL,
  after_json        TEXT    NOT NULL,
  prev_hash         TEXT    NOT NULL,
  hash              TEXT    NOT NULL
);
CREATE INDEX audit_unit_path ON audit_events(unit_path, seq);
CREATE INDEX audit_entity ON audit_events(entity_type, entity_id, seq);
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
