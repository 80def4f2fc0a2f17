#include "app/services.h"

namespace duban {

Services::Services(Store& store, const Clock& clock, const PasswordHasher& hasher,
                   const ServicesOptions& options)
    : audit_log(clock),
      auth(store, clock, hasher, audit_log, options.sign_in),
      org(store, hasher, audit_log),
      audit(store),
      health(store),
      backup(store),
      calendar(store, audit_log),
      items(store, clock, audit_log, calendar, options.files_dir, options.supervision),
      campaigns(store, audit_log),
      ledger(store, clock, items),
      bulletins(store, items, clock, audit_log, options.pdf),
      assessment(store, clock, audit_log, items) {}

Result<std::unique_ptr<Services>> Services::Build(Store& store, const Clock& clock,
                                                  const PasswordHasher& hasher,
                                                  const ServicesOptions& options) {
  // Not make_unique: the constructor is private, so every Services comes from here.
  std::unique_ptr<Services> services(new Services(store, clock, hasher, options));
  // Deadlines in working days need the calendar in memory before the first request (SPEC §4).
  DUBAN_RETURN_IF_ERROR(services->calendar.Load().WithContext("工作日历"));
  return services;
}

}  // namespace duban
