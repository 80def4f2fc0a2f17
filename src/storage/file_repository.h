// An item's evidence files (core/evidence.h): the rows that name the stored blobs.
//
// Threading: like every repository, it belongs to the Tx that handed it out (storage/store.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/evidence.h"
#include "core/item.h"
#include "core/status.h"

namespace duban {

class FileRepository {
 public:
  virtual ~FileRepository() = default;
  virtual Status Insert(StoredFile& file) = 0;
  virtual Result<StoredFile> Get(int64_t id) = 0;
  virtual Result<std::vector<StoredFile>> ForItem(ItemId item_id) = 0;
};

}  // namespace duban
