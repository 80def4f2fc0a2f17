// The notice repository in SQL (督办单): numbered per year, one per item and condition.
#include <string>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_item_rows.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kNoticeSelect =
    "SELECT n.id, n.year, n.number, n.item_id, n.unit_id, n.unit_path, n.level, n.condition, "
    "n.condition_key, n.reason, n.issued_at, n.issued_by, n.respond_by, n.status, "
    "n.response_text, n.responded_at, n.responded_by FROM notices n";

// The notices a caller in `scope` sees (store.h, NoticeRepository::Get; M1 of the December 2026
// review): the notice's unit in scope, and the item either supervised from within the scope or
// still held by the unit the notice is addressed to. A unit that returned the item, or from
// which it was reassigned, no longer sees or answers its notices.
void NoticeScope(Where& w, const Scope& scope) {
  std::string lower = w.Param(scope.lower()), upper = w.Param(scope.upper());
  w.And("n.unit_path >= " + lower + " AND n.unit_path < " + upper);
  w.And("EXISTS (SELECT 1 FROM items i WHERE i.id = n.item_id AND ((i.unit_path >= " + lower +
        " AND i.unit_path < " + upper + ") OR i.responsible_unit_id = n.unit_id))");
}

Notice ReadNotice(const Row& r) {
  Notice n;
  Columns(r).Into(n.id, n.year, n.number, n.item_id, n.unit_id, n.unit_path, n.level, n.condition,
                  n.condition_key, n.reason, n.issued_at, n.issued_by, n.respond_by, n.status,
                  n.response_text, n.responded_at, n.responded_by);
  return n;
}

}  // namespace

Status SqlNotices::Insert(Notice& n) {
  DUBAN_ASSIGN_OR_RETURN(
      Rows dup, c_.Query("SELECT id FROM notices WHERE item_id = ?1 AND condition_key = ?2",
                         {n.item_id, n.condition_key}));
  if (!dup.empty()) return AlreadyExists("该事项已就此情形发过督办单");
  DUBAN_ASSIGN_OR_RETURN(n.number, NextCounter(c_, "notice:" + std::to_string(n.year)));
  DUBAN_ASSIGN_OR_RETURN(n.id, NextId(c_, "notices"));
  return c_
      .Execute(std::string("INSERT INTO notices(") + kNoticeColumns +
                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                   "?16, ?17)",
               NoticeParams(n))
      .status();
}

Result<Notice> SqlNotices::Get(const Scope& scope, int64_t id) {
  Where w;
  w.And("n.id = " + w.Param(id));
  NoticeScope(w, scope);
  return ReadOne<Notice>(c_.Query(std::string(kNoticeSelect) + w.sql(), w.params()), ReadNotice,
                         [&] { return NotInScope("督办单", id); });
}

Result<Page<Notice>> SqlNotices::List(const Scope& scope, const Query& query) {
  Where w;
  NoticeScope(w, scope);
  if (!query.status.empty()) w.And("n.status = " + w.Param(query.status));
  if (query.item_id) w.And("n.item_id = " + w.Param(*query.item_id));
  if (!query.level.empty()) w.And("n.level = " + w.Param(query.level));
  if (query.issued_from) w.And("n.issued_at >= " + w.Param(ToUnixMicros(*query.issued_from)));
  if (query.issued_until) w.And("n.issued_at <= " + w.Param(ToUnixMicros(*query.issued_until)));
  return QueryPage<Notice>(c_, "SELECT count(*) FROM notices n" + w.sql(),
                           std::string(kNoticeSelect) + w.sql() + " ORDER BY n.id DESC", w.params(),
                           query.page, ReadNotice);
}

Status SqlNotices::Update(const Notice& n) {
  return c_
      .Execute(
          "UPDATE notices SET status = ?1, response_text = ?2, responded_at = ?3, "
          "responded_by = ?4 WHERE id = ?5",
          {n.status, n.response_text, MicrosValue(n.responded_at), n.responded_by, n.id})
      .status();
}

Result<std::vector<Notice>> SqlNotices::ForItem(ItemId item_id) {
  return ReadAll<Notice>(
      c_.Query(std::string(kNoticeSelect) + " WHERE n.item_id = ?1 ORDER BY n.id", {item_id}),
      ReadNotice);
}

}  // namespace duban::sql
