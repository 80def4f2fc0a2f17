// Evidence files: the photos and scans attached to an item or to an assessment event. The bytes
// live under files/ by SHA-256 (app/evidence_store.h); these records name them. Plain values;
// thread-compatible.
#pragma once

#include <cstdint>
#include <string>

#include "core/item.h"
#include "core/time.h"

namespace duban {

// A file attached to an item.
struct StoredFile {
  int64_t id = 0;
  ItemId item_id = 0;
  std::string name;
  int64_t size = 0;
  std::string content_type;
  std::string sha256;
  Instant uploaded_at{};
  std::string uploaded_by;
};

// Evidence attached to an assessment event: the bytes are under files/ by SHA-256, as an
// item's are (StoredFile).
struct EventFile {
  int64_t id = 0;
  int64_t event_id = 0;
  std::string name;
  int64_t size = 0;
  std::string content_type;
  std::string sha256;
  Instant uploaded_at{};
  std::string uploaded_by;
};

}  // namespace duban
