// The item evidence file repository in SQL: the rows naming the blobs under files/.
#include <string>
#include <vector>

#include "storage/sql/sql_file_rows.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr FileTable<StoredFile> kFiles{"files", "item_id", &StoredFile::item_id};

}  // namespace

Status SqlFiles::Insert(StoredFile& f) { return kFiles.Insert(c_, f); }

Result<StoredFile> SqlFiles::Get(int64_t id) { return kFiles.Get(c_, id); }

Result<std::vector<StoredFile>> SqlFiles::ForItem(ItemId item_id) {
  return kFiles.ForOwners(c_, {item_id});
}

}  // namespace duban::sql
