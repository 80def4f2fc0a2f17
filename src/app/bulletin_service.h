// BulletinService: 通报 (SPEC §7) — for a period and a scope, the ledger's figures per unit
// (new, closed, overdue, closure rate, on-time rate, satisfaction), the overdue and 挂牌督办
// items, and the 通报批评 / 表扬 lists, computed from the same store queries as the ledger so
// the figures agree. Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/audit_log.h"
#include "app/item_service.h"
#include "app/ledger.h"
#include "app/pdf_queue.h"
#include "core/assessment.h"
#include "core/period.h"

namespace duban {

struct BulletinRow {
  Unit unit;
  LedgerFigures figures;
  // Without a scheme: by closure rate, then on-time rate; with one: the assessment's rank.
  // Ties share a rank.
  int rank = 0;
  std::optional<double> score;  // under the bulletin's scheme, when it has one
  std::optional<Tier> tier;
  std::vector<std::string> capped_by;
};

struct Bulletin {
  Period period;
  Unit scope;
  std::optional<ItemKind> kind;
  LedgerFigures totals;
  std::vector<BulletinRow> rows;        // the scope unit's children, ranked
  std::vector<Item> overdue;            // open and overdue at the end of the period (first 200)
  std::vector<Item> listed;             // with a 挂牌督办 notice issued in the period
  std::vector<std::string> criticised;  // 通报批评: units with overdue items
  std::vector<std::string> commended;   // 表扬: units that closed everything on time
  Date generated_on{};
  std::string scheme_name;  // the assessment scheme scored with, "" for none
  std::string number;  // 发文字号 once issued; "" for a preview (printed "督通〔2026〕 号")
};

// An issued bulletin: its register entry and its content as issued.
struct IssuedBulletin {
  BulletinRecord record;
  Bulletin bulletin;
};

// When the server issues bulletins by itself (docs/BULLETINS.md): for each period kind, the
// last period that ended `delay_days` + 1 days ago, for every top unit, once.
struct BulletinSchedule {
  std::vector<std::string> kinds = {"month", "quarter"};  // of week, month, quarter, year
  int delay_days = 1;
  std::string scheme_key;  // score with this unit scheme; "" for none
};

class BulletinService {
 public:
  BulletinService(Store& store, ItemService& items, const Clock& clock, const AuditLog& audit,
                  PdfLimits pdf_limits = {})
      : store_(store), items_(items), clock_(clock), audit_(audit), pdf_(pdf_limits) {}
  // The caller's scope must contain `scope_unit_id`; kNotFound otherwise.
  // With `scheme_key`, each unit is also scored under that unit scheme (latest version) for
  // the same period, and ranked by its score.
  Result<Bulletin> Generate(const Caller& caller, const Period& period, UnitId scope_unit_id,
                            std::optional<ItemKind> kind, const std::string& scheme_key = "");

  // Issues the bulletin of (period, scope, kind, scheme) into the register: the figures as of
  // now, frozen, and the scope unit's next 发文字号 of the year. Supervisors and administrators
  // only (kPermissionDenied); kAlreadyExists naming the number when it was issued before;
  // kInvalidArgument for a period that has not ended. `origin`: manual or schedule.
  Result<IssuedBulletin> Issue(const Caller& caller, const Period& period, UnitId scope_unit_id,
                               std::optional<ItemKind> kind, const std::string& scheme_key,
                               const std::string& origin = "manual");
  // The register within the caller's scope, newest first (records without content).
  Result<Page<BulletinRecord>> ListIssued(const Caller& caller,
                                          const BulletinRepository::Query& query);
  // One issued bulletin as it was issued; kNotFound outside the caller's scope.
  Result<IssuedBulletin> GetIssued(const Caller& caller, int64_t id);
  // The scheduled run: issues what `schedule` says is due on today's date and was not issued
  // yet. Returns the bulletins issued now.
  Result<std::vector<BulletinRecord>> IssueDue(const BulletinSchedule& schedule);

  // The bulletin as JSON: the CLI's export and the key of a printed PDF. Stored content goes
  // through app/records, the API through http/bulletin_codec.h.
  static nlohmann::json ToJson(const Bulletin& b);
  // The inverse of ToJson. kInvalidArgument when the JSON is not a bulletin's.
  static Result<Bulletin> FromJson(const nlohmann::json& j);
  // The bulletin's title: "关于<period>问题整改情况的通报".
  static std::string Title(const Bulletin& b);
  // One sheet per table, Chinese headers: 汇总, 各单位情况, 超期事项, 挂牌督办.
  static std::vector<std::pair<std::string, LedgerTable>> ToSheets(const Bulletin& b);
  // The printable 通报: 红头 (the scope's supervision office), 发文字号, title, body, tables, 落款.
  static OfficialDoc ToDocument(const Bulletin& b);
  // ToDocument printed by `print` (TableCodec::write_pdf) through the bounded PDF queue: at
  // most a few at once, kUnavailable "打印繁忙，请稍后再试" after waiting too long. An issued
  // bulletin (`issued_id`) never changes, so its PDF is printed once and then kept, by its id
  // and the hash of its content.
  Result<std::string> Pdf(const Bulletin& b, std::optional<int64_t> issued_id,
                          const std::function<Result<std::string>(const OfficialDoc&)>& print);
  const PdfQueue& pdf_queue() const { return pdf_; }

 private:
  Store& store_;
  ItemService& items_;
  const Clock& clock_;
  const AuditLog& audit_;
  PdfQueue pdf_;
};

}  // namespace duban
