-- 0010: the text index as posting lists per block of items (issue 20, item 4;
-- docs/decisions/0004-text-index-blocks.md). One row per gram and block of 256 item ids
-- (block = id >> 8), whose four 64-bit words w0..w3 are the block's bitmap: the item's bit is
-- bit (id & 63) of word (id >> 6) & 3. That replaces one row per gram and item.
CREATE TABLE item_text (
  gram   TEXT    COLLATE "C" NOT NULL,
  block  BIGINT  NOT NULL,
  w0     BIGINT  NOT NULL,
  w1     BIGINT  NOT NULL,
  w2     BIGINT  NOT NULL,
  w3     BIGINT  NOT NULL,
  PRIMARY KEY (gram, block)
);
INSERT INTO item_text(gram, block, w0, w1, w2, w3)
  SELECT gram, item_id >> 8,
         coalesce(bit_or(CAST(1 AS BIGINT) << CAST(item_id & 63 AS INTEGER))
                  FILTER (WHERE (item_id >> 6) & 3 = 0), 0),
         coalesce(bit_or(CAST(1 AS BIGINT) << CAST(item_id & 63 AS INTEGER))
                  FILTER (WHERE (item_id >> 6) & 3 = 1), 0),
         coalesce(bit_or(CAST(1 AS BIGINT) << CAST(item_id & 63 AS INTEGER))
                  FILTER (WHERE (item_id >> 6) & 3 = 2), 0),
         coalesce(bit_or(CAST(1 AS BIGINT) << CAST(item_id & 63 AS INTEGER))
                  FILTER (WHERE (item_id >> 6) & 3 = 3), 0)
  FROM item_grams GROUP BY gram, item_id >> 8;
DROP TABLE item_grams;
-- The 256 bit positions of a block, joined with a posting list to list the ids whose bits are
-- set (a search at the root intersects the grams' posting lists this way).
CREATE TABLE item_text_bits (n INTEGER PRIMARY KEY);
INSERT INTO item_text_bits(n) SELECT generate_series(0, 255);
