// The register of issued bulletins 通报 in SQL.
#include <string>

#include "core/deadline.h"
#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

std::string Select(bool with_content) {
  return std::string(
             "SELECT b.id, b.scope_unit_id, b.scope_path, b.period, b.period_kind, b.item_kind, "
             "b.scheme_key, b.year, b.number, b.doc_number, b.title, b.origin, b.issued_by, "
             "b.issued_at, (SELECT name FROM units WHERE id = b.scope_unit_id), ") +
         (with_content ? "b.content" : "''") + " FROM bulletins b";
}

BulletinRecord Read(const Row& r) {
  BulletinRecord b;
  Columns(r).Into(b.id, b.scope_unit_id, b.scope_path, b.period, b.period_kind, b.item_kind,
                  b.scheme_key, b.year, b.number, b.doc_number, b.title, b.origin, b.issued_by,
                  b.issued_at, b.scope_name, b.content);
  return b;
}

}  // namespace

Status SqlBulletins::Insert(BulletinRecord& b,
                            const std::function<void(BulletinRecord&)>& numbered) {
  DUBAN_ASSIGN_OR_RETURN(auto existing, Find(b.scope_unit_id, b.period, b.item_kind, b.scheme_key));
  if (existing) {
    return AlreadyExists(existing->scope_name + " " + b.period + " 的通报已于 " +
                             FormatDate(ShanghaiDate(existing->issued_at)) + " 印发（" +
                             existing->doc_number + "）",
                         "period");
  }
  DUBAN_ASSIGN_OR_RETURN(b.id, NextId(c_, "bulletins"));
  DUBAN_ASSIGN_OR_RETURN(
      Rows numbers,
      c_.Query("SELECT coalesce(max(number), 0) + 1 FROM bulletins WHERE scope_unit_id = ?1 AND "
               "year = ?2",
               {b.scope_unit_id, int64_t{b.year}}));
  b.number = numbers[0].Int(0);
  numbered(b);
  return c_
      .Execute(
          "INSERT INTO bulletins(id, scope_unit_id, scope_path, period, period_kind, item_kind, "
          "scheme_key, year, number, doc_number, title, content, origin, issued_by, issued_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
          {b.id, b.scope_unit_id, b.scope_path, b.period, b.period_kind, b.item_kind, b.scheme_key,
           int64_t{b.year}, b.number, b.doc_number, b.title, b.content, b.origin, b.issued_by,
           ToUnixMicros(b.issued_at)})
      .status();
}

Result<BulletinRecord> SqlBulletins::Get(const Scope& scope, int64_t id) {
  return GetInScope<BulletinRecord>(c_, Select(true), "b.id", "b.scope_path", id, scope, "通报",
                                    Read);
}

Result<std::optional<BulletinRecord>> SqlBulletins::Find(UnitId scope_unit_id,
                                                         const std::string& period,
                                                         const std::string& item_kind,
                                                         const std::string& scheme_key) {
  return ReadFirst<BulletinRecord>(
      c_.Query(Select(false) + " WHERE b.scope_unit_id = ?1 AND b.period = ?2 AND "
                               "b.item_kind = ?3 AND b.scheme_key = ?4",
               {scope_unit_id, period, item_kind, scheme_key}),
      Read);
}

Result<Page<BulletinRecord>> SqlBulletins::List(const Scope& scope, const Query& q) {
  Where w;
  w.And("b.scope_path >= " + w.Param(scope.lower()) + " AND b.scope_path < " +
        w.Param(scope.upper()));
  if (q.scope_unit_id) w.And("b.scope_unit_id = " + w.Param(*q.scope_unit_id));
  if (!q.period_kind.empty()) w.And("b.period_kind = " + w.Param(q.period_kind));
  return QueryPage<BulletinRecord>(
      c_, "SELECT count(*) FROM bulletins b" + w.sql(),
      Select(false) + w.sql() + " ORDER BY b.issued_at DESC, b.id DESC", w.params(), q.page, Read);
}

}  // namespace duban::sql
