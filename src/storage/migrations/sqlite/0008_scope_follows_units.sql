-- 0008: scope follows the organisation over time (docs/decisions/0003).
-- Until now a unit's move rewrote units.path only, so every copy of a path on another row kept
-- the old one (H1 of the December 2026 review). A move now rewrites them all in its
-- transaction; this resyncs the copies of databases where a unit has already moved.
UPDATE items SET unit_path = (SELECT u.path FROM units u WHERE u.id = items.unit_id)
  WHERE unit_path <> (SELECT u.path FROM units u WHERE u.id = items.unit_id);
UPDATE items SET responsible_unit_path =
    (SELECT u.path FROM units u WHERE u.id = items.responsible_unit_id)
  WHERE responsible_unit_id IS NOT NULL AND responsible_unit_path <>
    (SELECT u.path FROM units u WHERE u.id = items.responsible_unit_id);
UPDATE notices SET unit_path = (SELECT u.path FROM units u WHERE u.id = notices.unit_id)
  WHERE unit_path <> (SELECT u.path FROM units u WHERE u.id = notices.unit_id);
UPDATE campaigns SET unit_path = (SELECT u.path FROM units u WHERE u.id = campaigns.unit_id)
  WHERE unit_path <> (SELECT u.path FROM units u WHERE u.id = campaigns.unit_id);
UPDATE bulletins SET scope_path =
    (SELECT u.path FROM units u WHERE u.id = bulletins.scope_unit_id)
  WHERE scope_path <> (SELECT u.path FROM units u WHERE u.id = bulletins.scope_unit_id);
-- An assessment subject is a unit, or a person (whose path is the person's unit's).
UPDATE assessment_events SET subject_path =
    (SELECT u.path FROM units u WHERE u.id = assessment_events.subject_id)
  WHERE subject_type = 'unit' AND subject_path <>
    (SELECT u.path FROM units u WHERE u.id = assessment_events.subject_id);
UPDATE assessment_events SET subject_path =
    (SELECT u.path FROM people p JOIN units u ON u.id = p.unit_id
      WHERE p.id = assessment_events.subject_id)
  WHERE subject_type = 'person' AND subject_path <>
    (SELECT u.path FROM people p JOIN units u ON u.id = p.unit_id
      WHERE p.id = assessment_events.subject_id);
UPDATE assessment_results SET subject_path =
    (SELECT u.path FROM units u WHERE u.id = assessment_results.subject_id)
  WHERE subject_type = 'unit' AND subject_path <>
    (SELECT u.path FROM units u WHERE u.id = assessment_results.subject_id);
UPDATE assessment_results SET subject_path =
    (SELECT u.path FROM people p JOIN units u ON u.id = p.unit_id
      WHERE p.id = assessment_results.subject_id)
  WHERE subject_type = 'person' AND subject_path <>
    (SELECT u.path FROM people p JOIN units u ON u.id = p.unit_id
      WHERE p.id = assessment_results.subject_id);

-- M1: an open notice of a unit that no longer holds its item (returned, then reassigned) is
-- withdrawn: that unit neither sees nor answers it any more.
UPDATE notices SET status = 'withdrawn'
  WHERE status = 'open' AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = notices.item_id
    AND (i.responsible_unit_id = notices.unit_id OR i.unit_id = notices.unit_id));

-- audit_events is append-only: its rows keep the path they were written with, and the audit
-- list finds an event with a unit through that unit's current path (SqlAudit::List).
CREATE INDEX audit_unit ON audit_events(unit_id, seq);
