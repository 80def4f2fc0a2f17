-- 0006 (PostgreSQL): as sqlite/0006, BIGINT integers.
-- 0006: evidence files of assessment events (SPEC §6): a 党员积分 自报's photo or scan, the
-- document behind a 扣分 or an 一票否决 decision. The bytes are kept like an item's evidence,
-- under files/ by SHA-256; a row names the event it belongs to.
CREATE TABLE assessment_event_files (
  id            BIGINT  PRIMARY KEY,
  event_id      BIGINT  NOT NULL REFERENCES assessment_events(id),
  name          TEXT    NOT NULL,
  size          BIGINT  NOT NULL,
  content_type  TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,
  uploaded_at   BIGINT  NOT NULL,
  uploaded_by   TEXT    NOT NULL
);
CREATE INDEX assessment_event_files_event ON assessment_event_files(event_id);
