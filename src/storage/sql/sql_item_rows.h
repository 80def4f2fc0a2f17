// The row forms of items and notices that more than one SQL repository writes (SqlItems and
// SqlBulk, SqlNotices and SqlBulk), and the pieces of the text index that the item queries use.
// Internal to storage/sql. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/notice.h"
#include "storage/sql/connection.h"

namespace duban::sql {

// The columns of `items` but id, in the order of ItemParams.
inline constexpr const char* kItemColumns =
    "code, kind, title, description, campaign_id, category_id, source, severity, unit_id, "
    "unit_path, found_on, found_by, responsible_unit_id, responsible_unit_path, "
    "responsible_person_id, lead_leader_id, assisting_unit_ids, measures, deadline, "
    "deadline_working_days, report_every, rectify_mode, is_public, parent_id, status, progress, "
    "closed_on, recurrence_of, reopen_count, satisfaction, second_handling_used, "
    "pending_extension, details, created_at, updated_at, assigned_at, accepted_at, "
    "last_report_at, next_check_on";
inline constexpr int kItemColumnCount = 39;
// The values of kItemColumns for `item`.
Params ItemParams(const Item& item);
// item.id, then ItemParams(item): a whole row of `items`.
Params ItemRowParams(const Item& item);

// The stored forms of an item's id lists and pending extension; a malformed value reads as
// empty.
std::string EncodeIds(const std::vector<UnitId>& ids);
std::vector<UnitId> DecodeIds(const std::string& text);
std::string EncodeExtension(const std::optional<PendingExtension>& extension);
std::optional<PendingExtension> DecodeExtension(const std::string& text);

// Every column of `notices`, in the order of NoticeParams.
inline constexpr const char* kNoticeColumns =
    "id, year, number, item_id, unit_id, unit_path, level, condition, condition_key, reason, "
    "issued_at, issued_by, respond_by, status, response_text, responded_at, responded_by";
inline constexpr int kNoticeColumnCount = 17;
Params NoticeParams(const Notice& notice);

// Per-name counters (item codes per year, notice numbers per year): the next value.
Result<int64_t> NextCounter(Connection& c, const std::string& name);

// The unigrams and bigrams the text index stores for `item`.
std::set<std::string> ItemGrams(const Item& item);
// The grams a search for `text` looks up (at most a few, spread over the text).
std::set<std::string> SearchGrams(std::string_view text);

// The text index keeps one row per gram and block of 256 item ids (migration 0010): the block
// is id >> 8, and the item's bit is bit (id & 63) of word (id >> 6) & 3 of the row's w0..w3.
struct TextBits {
  int64_t block = 0;
  std::array<int64_t, 4> words{};
};
TextBits TextBitsOf(ItemId id);
// Sets the bits ?3..?6 in the words of the row of gram ?1 and block ?2, adding the row if there
// is none.
extern const char* const kAddTextBitsSql;

}  // namespace duban::sql
