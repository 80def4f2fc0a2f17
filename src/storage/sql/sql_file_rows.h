// The row form of an evidence file, which two tables share: `files` (an item's, SqlFiles) and
// `assessment_event_files` (an assessment event's, SqlAssessment). They differ only in the
// owner's column: item_id or event_id. Internal to storage/sql; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/sql/connection.h"
#include "storage/sql/sql_helpers.h"

namespace duban::sql {

// One of the two file tables, its owner column, and the record field that holds the owner's id.
template <typename File>
struct FileTable {
  const char* table;
  const char* owner_column;
  int64_t File::*owner;

  // "SELECT <every column> FROM <table>".
  std::string Select() const {
    return std::string("SELECT id, ") + owner_column +
           ", name, size, content_type, sha256, uploaded_at, uploaded_by FROM " + table;
  }

  File Read(const Row& r) const {
    File f;
    Columns(r).Into(f.id, f.*owner, f.name, f.size, f.content_type, f.sha256, f.uploaded_at,
                    f.uploaded_by);
    return f;
  }

  // Gives `f` the next free id and inserts it.
  Status Insert(Connection& c, File& f) const {
    DUBAN_ASSIGN_OR_RETURN(f.id, NextId(c, table));
    return c
        .Execute(std::string("INSERT INTO ") + table + "(id, " + owner_column +
                     ", name, size, content_type, sha256, uploaded_at, uploaded_by) VALUES (?1, "
                     "?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                 {f.id, f.*owner, f.name, f.size, f.content_type, f.sha256,
                  ToUnixMicros(f.uploaded_at), f.uploaded_by})
        .status();
  }

  // kNotFound ("文件 <id> 不存在") when no row has `id`.
  Result<File> Get(Connection& c, int64_t id) const {
    return ReadOne<File>(
        c.Query(Select() + " WHERE id = ?1", {id}), [this](const Row& r) { return Read(r); },
        [&] { return Missing("文件", id); });
  }

  // The files of the owners `owner_ids`, by owner and then id; none for no owners.
  Result<std::vector<File>> ForOwners(Connection& c, const std::vector<int64_t>& owner_ids) const {
    if (owner_ids.empty()) return std::vector<File>();
    Params params(owner_ids.begin(), owner_ids.end());
    std::string in;
    for (size_t i = 1; i <= params.size(); ++i) in += (i > 1 ? ", ?" : "?") + std::to_string(i);
    return ReadAll<File>(c.Query(Select() + " WHERE " + owner_column + " IN (" + in +
                                     ") ORDER BY " + owner_column + ", id",
                                 params),
                         [this](const Row& r) { return Read(r); });
  }
};

}  // namespace duban::sql
