-- 0009: the lists people open every morning are served by an index (issue 20, item 0; the
-- plans are pinned by tests/storage/item_query_plan_test.cc).
-- "My open items": the responsible person, then status and deadline, so the page, its total
-- and its counts read only that person's few entries (the filter used to look up every row of
-- the caller's scope).
CREATE INDEX items_person ON items(responsible_person_id, status, deadline)
  WHERE responsible_person_id IS NOT NULL;
-- Warning colours are bands of the deadline of an open item (core/warning.h): the red list,
-- the overdue list and the yellow list are one range of this index, which also holds what the
-- counts and the scope check read.
CREATE INDEX items_open_deadline ON items(deadline, status, unit_path, responsible_unit_path)
  WHERE status NOT IN ('closed', 'cancelled') AND deadline IS NOT NULL;
