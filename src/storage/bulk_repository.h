// Raw and typed bulk access to whole tables: `duban migrate-store`, backups and bench/gen.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/item_event.h"
#include "core/notice.h"
#include "core/status.h"

namespace duban {

// Raw rows of a table, every value as text (NULL as nullopt): for moving a whole database
// between stores without going through the domain (ids, hashes and instants stay as they are).
struct TableChunk {
  std::string table;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

class BulkRepository {
 public:
  virtual ~BulkRepository() = default;
  // The tables to copy, parents before children.
  virtual std::vector<std::string> Tables() const = 0;
  virtual Result<int64_t> Count(const std::string& table) = 0;
  // Rows in primary-key order, `limit` from `offset`.
  virtual Result<TableChunk> Read(const std::string& table, int64_t offset, int limit) = 0;
  virtual Status Write(const TableChunk& chunk) = 0;

  // Typed bulk loading (the data generator of bench/gen): rows are inserted as given — ids,
  // codes, paths and instants set by the caller, no audit events, no counters moved — in the
  // caller's transaction. kAlreadyExists when an id is taken; kInvalidArgument for a row the
  // schema refuses. WriteItems also builds the items' text search index.
  virtual Status WriteItems(const std::vector<Item>& items) = 0;
  virtual Status WriteItemEvents(const std::vector<ItemEvent>& events) = 0;
  virtual Status WriteNotices(const std::vector<Notice>& notices) = 0;
};

}  // namespace duban
