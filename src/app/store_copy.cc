#include "app/store_copy.h"

#include "app/audit_log.h"

namespace duban {

Result<CopyReport> CopyStore(
    Store& from, Store& to,
    const std::function<void(const std::string&, int64_t, int64_t)>& progress) {
  constexpr int kChunk = 1000;
  CopyReport report;
  Status s = to.Write([&](Tx& dst) -> Status {
    for (const auto& table : dst.bulk().Tables()) {
      DUBAN_ASSIGN_OR_RETURN(int64_t existing, dst.bulk().Count(table));
      if (existing > 0) {
        return FailedPrecondition("目标数据库的 " + table + " 表已有 " + std::to_string(existing) +
                                  " 行：只能复制到空数据库");
      }
    }
    return from.Read([&](Tx& src) -> Status {
      for (const auto& table : src.bulk().Tables()) {
        DUBAN_ASSIGN_OR_RETURN(int64_t total, src.bulk().Count(table));
        int64_t done = 0;
        while (done < total) {
          DUBAN_ASSIGN_OR_RETURN(TableChunk chunk, src.bulk().Read(table, done, kChunk));
          if (chunk.rows.empty()) break;
          DUBAN_RETURN_IF_ERROR(dst.bulk().Write(chunk));
          done += static_cast<int64_t>(chunk.rows.size());
          if (progress) progress(table, done, total);
        }
        report.rows[table] = done;
      }
      return Status::Ok();
    });
  });
  DUBAN_RETURN_IF_ERROR(s);
  // The copy must be indistinguishable: the same counts and a chain that still verifies.
  Status counted = to.Read([&](Tx& tx) -> Status {
    for (const auto& [table, n] : report.rows) {
      DUBAN_ASSIGN_OR_RETURN(int64_t there, tx.bulk().Count(table));
      if (there != n) {
        return Internal(table + ": copied " + std::to_string(n) + " rows but the target has " +
                        std::to_string(there));
      }
    }
    return Status::Ok();
  });
  DUBAN_RETURN_IF_ERROR(counted);
  DUBAN_ASSIGN_OR_RETURN(AuditVerification v, AuditLog::Verify(to));
  if (!v.ok) {
    return Internal("复制后审计链校验失败：第 " + std::to_string(v.first_bad_seq) +
                    " 条: " + v.reason);
  }
  report.audit_events_verified = v.events_checked;
  return report;
}

}  // namespace duban
