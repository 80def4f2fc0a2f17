-- 0005 (PostgreSQL): as sqlite/0005, BIGINT integers, paths COLLATE "C".
-- 0005: the register of issued bulletins 通报 (SPEC §7). A bulletin is issued once per scope
-- unit, period, item kind and scheme ("" for none), on demand or by the server's schedule; it
-- keeps the figures it was issued with (content: the bulletin's JSON) so a later change of the
-- ledger never rewrites what was published, and its 发文字号 (number, per scope unit and year).
CREATE TABLE bulletins (
  id             BIGINT PRIMARY KEY,
  scope_unit_id  BIGINT  NOT NULL REFERENCES units(id),
  scope_path     TEXT    COLLATE "C" NOT NULL,
  period         TEXT    NOT NULL,
  period_kind    TEXT    NOT NULL,
  item_kind      TEXT    NOT NULL DEFAULT '',
  scheme_key     TEXT    NOT NULL DEFAULT '',
  year           BIGINT  NOT NULL,
  number         BIGINT  NOT NULL,
  doc_number     TEXT    NOT NULL,
  title          TEXT    NOT NULL,
  content        TEXT    NOT NULL,
  origin         TEXT    NOT NULL,
  issued_by      TEXT    NOT NULL,
  issued_at      BIGINT  NOT NULL,
  UNIQUE (scope_unit_id, period, item_kind, scheme_key),
  UNIQUE (scope_unit_id, year, number)
);
CREATE INDEX bulletins_scope ON bulletins(scope_path, issued_at);
