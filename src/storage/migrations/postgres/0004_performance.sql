-- 0004: performance at province scale (docs/PERFORMANCE.md).
-- The text index keeps only its primary key (gram, item_id): an edit drops the grams of the
-- text it read (SqlItems::Update), so no item_id index is needed, and only the storage layer
-- writes grams, so the foreign key bought a lookup of items per gram and nothing else.
DROP INDEX item_grams_item;
ALTER TABLE item_grams DROP CONSTRAINT item_grams_item_id_fkey;

-- The scope and subtree indexes cover what counts read (the item's status, deadline and its
-- other unit path): the 工作台's counts per unit and a list's status and warning counts scan
-- the index alone, never the table. They replace (…_path, updated_at), whose second column no
-- query could use after a range on the path.
DROP INDEX items_unit;
CREATE INDEX items_unit ON items(unit_path, status, deadline, responsible_unit_path);
DROP INDEX items_responsible;
CREATE INDEX items_responsible ON items(responsible_unit_path, status, deadline, unit_path);
