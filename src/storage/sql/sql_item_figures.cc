// The figures counted over items: the assessment counts per unit and the ledger figures of a
// bulletin (SPEC §6, §7), each one grouped query.
#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include "core/deadline.h"
#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {

Result<std::map<UnitId, AssessmentCounts>> SqlItems::AssessmentCountsByUnit(
    const std::string& unit_path, Date from, Date to, Date today, bool with_events) {
  using std::chrono::days;
  using std::chrono::sys_days;
  Scope sub = Scope::Subtree(unit_path);
  // Instants bounding the period: from 00:00 of `from` to the end of `to`, Shanghai time.
  int64_t from_us = ToUnixMicros(EndOfShanghaiDay(Date(sys_days(from) - days(1)))) + 1;
  int64_t to_us = ToUnixMicros(EndOfShanghaiDay(to));
  Date cutoff = std::min(to, today);
  int64_t cutoff_us = ToUnixMicros(EndOfShanghaiDay(cutoff));
  constexpr int64_t kDay = int64_t{86400} * 1000000;
  Where w;
  w.And("i.unit_path >= " + w.Param(sub.lower()) + " AND i.unit_path < " + w.Param(sub.upper()));
  w.And("i.status <> 'cancelled'");
  std::string f = w.Param(FormatDate(from)), t = w.Param(FormatDate(to));
  std::string before = w.Param(FormatDate(cutoff));
  std::string fu = w.Param(from_us), tu = w.Param(to_us), cu = w.Param(cutoff_us);
  // Plain comparisons with bound values only: PostgreSQL cannot type a parameter inside
  // arithmetic or a CASE.
  std::string day = w.Param(kDay), week = w.Param(cutoff_us - 7 * kDay),
              month = w.Param(cutoff_us - 31 * kDay);
  w.And("i.found_on <= " + t);
  const std::string overdue = "i.status NOT IN ('closed', 'cancelled') AND i.deadline < " + before;
  auto sum = [](const std::string& condition) {
    return "coalesce(sum(CASE WHEN " + condition + " THEN 1 ELSE 0 END), 0)";
  };
  // The hazard level is in the details JSON, which the item service writes compactly.
  std::string sql =
      "SELECT i.unit_id, count(*), " + sum("i.closed_on IS NOT NULL AND i.closed_on <= " + t) +
      ", " +
      sum("i.closed_on IS NOT NULL AND i.closed_on <= " + t +
          " AND (i.deadline IS NULL OR i.closed_on <= i.deadline)") +
      ", " + sum("i.assigned_at >= " + fu + " AND i.assigned_at <= " + tu) + ", " +
      sum("i.assigned_at >= " + fu + " AND i.assigned_at <= " + tu +
          " AND i.accepted_at IS NOT NULL AND i.accepted_at - i.assigned_at <= " + day) +
      ", " +
      sum("i.report_every <> 'none' AND i.status IN ('assigned', 'in_progress') AND "
          "i.assigned_at <= " +
          cu) +
      ", " +
      sum("i.report_every <> 'none' AND i.status IN ('assigned', 'in_progress') AND "
          "i.assigned_at <= " +
          cu + " AND ((i.report_every = 'week' AND i.last_report_at > " + week +
          ") OR (i.report_every <> 'week' AND i.last_report_at > " + month + "))") +
      ", " + sum("i.satisfaction <> ''") + ", " +
      sum("i.satisfaction IN ('satisfied', 'basically_satisfied')") + ", " +
      sum("i.satisfaction = 'unsatisfied'") + ", " + sum(overdue) + ", " +
      sum("i.recurrence_of IS NOT NULL AND i.found_on >= " + f) + ", " +
      sum(overdue + " AND i.kind = 'hazard' AND i.details LIKE '%\"level\":\"重大\"%'") +
      " FROM items i" + w.sql() + " GROUP BY i.unit_id";
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(sql, w.params()));
  std::map<UnitId, AssessmentCounts> out;
  for (size_t r = 0; r < rows.size(); ++r) {
    AssessmentCounts& c = out[rows[r].Int(0)];
    int k = 1;
    for (int64_t* field : {&c.total, &c.closed, &c.closed_on_time, &c.assigned, &c.signed_in_time,
                           &c.reports_due, &c.reports_on_time, &c.rated, &c.satisfied,
                           &c.unsatisfied, &c.overdue, &c.recurrences, &c.major_hazard_overdue}) {
      *field = rows[r].Int(k++);
    }
  }
  if (!with_events) return out;
  // Closure submissions and rejections within the period, by the item's unit.
  DUBAN_ASSIGN_OR_RETURN(
      Rows events,
      c_.Query("SELECT i.unit_id, e.action, count(*) FROM item_events e JOIN items i ON "
               "i.id = e.item_id WHERE i.unit_path >= ?1 AND i.unit_path < ?2 AND "
               "i.status <> 'cancelled' AND e.action IN ('submit', 'reject') AND e.at >= ?3 AND "
               "e.at <= ?4 GROUP BY i.unit_id, e.action",
               {sub.lower(), sub.upper(), from_us, to_us}));
  for (size_t r = 0; r < events.size(); ++r) {
    AssessmentCounts& c = out[events[r].Int(0)];
    (events[r].Text(1) == "submit" ? c.submitted : c.returned) = events[r].Int(2);
  }
  // Notices issued within the period, by the unit that must respond.
  DUBAN_ASSIGN_OR_RETURN(Rows notices,
                         c_.Query("SELECT unit_id, count(*) FROM notices WHERE unit_path >= ?1 AND "
                                  "unit_path < ?2 AND issued_at >= ?3 AND issued_at <= ?4 "
                                  "GROUP BY unit_id",
                                  {sub.lower(), sub.upper(), from_us, to_us}));
  for (size_t r = 0; r < notices.size(); ++r) out[notices[r].Int(0)].notices = notices[r].Int(1);
  return out;
}

Result<LedgerFigures> SqlItems::Figures(const std::string& unit_path, Date from, Date to,
                                        Date today, std::optional<ItemKind> kind) {
  Where w;
  Scope sub = Scope::Subtree(unit_path);
  w.And("i.unit_path >= " + w.Param(sub.lower()) + " AND i.unit_path < " + w.Param(sub.upper()));
  w.And("i.status <> 'cancelled'");
  std::string f = w.Param(FormatDate(from)), t = w.Param(FormatDate(to));
  std::string before = w.Param(FormatDate(std::min(to, today)));
  w.And("i.found_on <= " + t);
  if (kind) w.And("i.kind = " + w.Param(std::string(ItemKindName(*kind))));
  std::string sql =
      "SELECT count(*), "
      "coalesce(sum(CASE WHEN i.found_on >= " +
      f +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.closed_on IS NOT NULL AND i.closed_on <= " +
      t +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.closed_on >= " +
      f + " AND i.closed_on <= " + t +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.closed_on IS NOT NULL AND i.closed_on <= " +
      t +
      " AND (i.deadline IS NULL OR i.closed_on <= i.deadline) THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.status NOT IN ('closed', 'cancelled') AND i.deadline < " +
      before +
      " THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.satisfaction <> '' THEN 1 ELSE 0 END), 0), "
      "coalesce(sum(CASE WHEN i.satisfaction IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 "
      "END), 0) "
      "FROM items i" +
      w.sql();
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query(sql, w.params()));
  LedgerFigures out;
  if (rows.empty()) return out;
  out.total = rows[0].Int(0);
  out.new_in_period = rows[0].Int(1);
  out.closed_total = rows[0].Int(2);
  out.closed_in_period = rows[0].Int(3);
  out.closed_on_time = rows[0].Int(4);
  out.overdue_open = rows[0].Int(5);
  out.rated = rows[0].Int(6);
  out.satisfied = rows[0].Int(7);
  return out;
}

}  // namespace duban::sql
