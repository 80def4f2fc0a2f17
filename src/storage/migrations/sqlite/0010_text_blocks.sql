-- 0010: the text index as posting lists per block of items (issue 20, item 4;
-- docs/decisions/0004-text-index-blocks.md). One row per gram and block of 256 item ids
-- (block = id >> 8), whose four 64-bit words w0..w3 are the block's bitmap: the item's bit is
-- bit (id & 63) of word (id >> 6) & 3. That replaces one row per gram and item: on generated
-- data 14 times fewer rows and a fifth of the bytes, and a bitmap test both dialects evaluate
-- with their own operators. The grams are the same (unigrams and bigrams of code, title and
-- description), so searches find what they found.
CREATE TABLE item_text (
  gram   TEXT    NOT NULL,
  block  INTEGER NOT NULL,
  w0     INTEGER NOT NULL,
  w1     INTEGER NOT NULL,
  w2     INTEGER NOT NULL,
  w3     INTEGER NOT NULL,
  PRIMARY KEY (gram, block)
) WITHOUT ROWID;
-- Each (gram, item_id) is one distinct bit of its word, so the sum is the bitwise OR (SQLite
-- has no OR aggregate); bit 63 is the sign, and the sum of the others never overflows.
INSERT INTO item_text(gram, block, w0, w1, w2, w3)
  SELECT gram, item_id >> 8,
         sum(CASE (item_id >> 6) & 3 WHEN 0 THEN 1 << (item_id & 63) ELSE 0 END),
         sum(CASE (item_id >> 6) & 3 WHEN 1 THEN 1 << (item_id & 63) ELSE 0 END),
         sum(CASE (item_id >> 6) & 3 WHEN 2 THEN 1 << (item_id & 63) ELSE 0 END),
         sum(CASE (item_id >> 6) & 3 WHEN 3 THEN 1 << (item_id & 63) ELSE 0 END)
  FROM item_grams GROUP BY gram, item_id >> 8 ORDER BY gram, item_id >> 8;
DROP TABLE item_grams;
-- The 256 bit positions of a block, joined with a posting list to list the ids whose bits are
-- set (a search at the root intersects the grams' posting lists this way).
CREATE TABLE item_text_bits (n INTEGER PRIMARY KEY);
WITH RECURSIVE b(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM b WHERE n < 255)
  INSERT INTO item_text_bits(n) SELECT n FROM b;
