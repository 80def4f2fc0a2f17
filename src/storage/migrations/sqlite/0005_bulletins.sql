-- 0005: the register of issued bulletins 通报 (SPEC §7). A bulletin is issued once per scope
-- unit, period, item kind and scheme ("" for none), on demand or by the server's schedule; it
-- keeps the figures it was issued with (content: the bulletin's JSON) so a later change of the
-- ledger never rewrites what was published, and its 发文字号 (number, per scope unit and year).
CREATE TABLE bulletins (
  id             INTEGER PRIMARY KEY,
  scope_unit_id  INTEGER NOT NULL REFERENCES units(id),
  scope_path     TEXT    NOT NULL,
  period         TEXT    NOT NULL,
  period_kind    TEXT    NOT NULL,
  item_kind      TEXT    NOT NULL DEFAULT '',
  scheme_key     TEXT    NOT NULL DEFAULT '',
  year           INTEGER NOT NULL,
  number         INTEGER NOT NULL,
  doc_number     TEXT    NOT NULL,
  title          TEXT    NOT NULL,
  content        TEXT    NOT NULL,
  origin         TEXT    NOT NULL,
  issued_by      TEXT    NOT NULL,
  issued_at      INTEGER NOT NULL,
  UNIQUE (scope_unit_id, period, item_kind, scheme_key),
  UNIQUE (scope_unit_id, year, number)
);
CREATE INDEX bulletins_scope ON bulletins(scope_path, issued_at);
