-- 0004: performance at province scale (docs/PERFORMANCE.md).
-- The text index keeps only its primary key (gram, item_id): an edit drops the grams of the
-- text it read (SqlItems::Update), so no item_id index is needed, and only the storage layer
-- writes grams, so the foreign key bought a lookup of items per gram and nothing else.
DROP INDEX item_grams_item;
ALTER TABLE item_grams DROP CONSTRAINT item_grams_item_id_fkey;
