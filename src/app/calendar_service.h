// CalendarService: the work calendar as the server uses it — loaded from the store into memory,
// replaced atomically when an admin edits or imports a year, and read by every deadline and
// warning computation. Thread-safe: readers take a snapshot (shared_ptr) of the calendar.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "app/audit_log.h"
#include "app/caller.h"
#include "core/calendar.h"
#include "core/deadline.h"
#include "storage/store.h"

namespace duban {

class CalendarService {
 public:
  CalendarService(Store& store, const AuditLog& audit) : store_(store), audit_(audit) {}

  // Loads every stored year. Call once at start.
  Status Load();
  std::shared_ptr<const WorkCalendar> Snapshot() const;

  Result<std::vector<int>> Years() const;
  // The overrides of `year` (empty when not loaded) and whether it is loaded.
  std::pair<bool, std::vector<CalendarDay>> Year(int year) const;
  // Admin only. Replaces the overrides of each year given; kInvalidArgument when a day is
  // malformed (the calendar rules of WorkCalendar::SetYear), naming it. All or nothing.
  Status ReplaceYears(const Caller& caller, const std::map<int, std::vector<CalendarDay>>& years,
                      const std::string& action);
  // SPEC §4: N working days from `from`. kFailedPrecondition when a year is not loaded.
  Result<Date> Deadline(Date from, int working_days) const;

  // The dates that split deadlines into warning colours as of `today` (see WarningCutoffs).
  Result<WarningCutoffs> Cutoffs(Date today, const WarningPolicy& policy) const;

 private:
  Store& store_;
  const AuditLog& audit_;
  mutable std::mutex mu_;
  std::shared_ptr<const WorkCalendar> calendar_ = std::make_shared<WorkCalendar>();
};

}  // namespace duban
