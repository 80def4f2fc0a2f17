// The item evidence file repository in SQL: the rows naming the blobs under files/.
#include <string>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

StoredFile ReadFile(const Row& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5), FromUnixMicros(r.Int(6)),
          r.Text(7)};
}
constexpr const char* kFileSelect =
    "SELECT id, item_id, name, size, content_type, sha256, uploaded_at, uploaded_by FROM files";

}  // namespace

Status SqlFiles::Insert(StoredFile& f) {
  DUBAN_ASSIGN_OR_RETURN(Rows next, c_.Query("SELECT coalesce(max(id), 0) + 1 FROM files"));
  f.id = next[0].Int(0);
  return c_
      .Execute(
          "INSERT INTO files(id, item_id, name, size, content_type, sha256, uploaded_at, "
          "uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
          {f.id, f.item_id, f.name, f.size, f.content_type, f.sha256, ToUnixMicros(f.uploaded_at),
           f.uploaded_by})
      .status();
}

Result<StoredFile> SqlFiles::Get(int64_t id) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(std::string(kFileSelect) + " WHERE id = ?1", {id}));
  if (rows.empty()) return NotFound("文件 " + std::to_string(id) + " 不存在");
  return ReadFile(rows[0]);
}

Result<std::vector<StoredFile>> SqlFiles::ForItem(ItemId item_id) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows rows, c_.Query(std::string(kFileSelect) + " WHERE item_id = ?1 ORDER BY id", {item_id}));
  std::vector<StoredFile> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadFile(rows[i]));
  return out;
}

}  // namespace duban::sql
