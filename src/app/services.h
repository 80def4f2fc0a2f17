// The composition root of the use cases: every app service, built once, in dependency order,
// over one store, clock and password hasher. main/ builds one for the server, each CLI command
// one for its run, the test fixtures and the fuzz harness one each. Nothing else constructs a
// service by hand (the demo data builds a second set on a clock of its own).
//
// Ownership: Services refers to the store, clock and hasher it was built with, which must
// outlive it; the services refer to each other, so a Services is never copied or moved (it
// lives behind the unique_ptr Build returns). Thread-safe as each service is.
#pragma once

#include <filesystem>
#include <memory>

#include "app/assessment_service.h"
#include "app/audit_log.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/backup_service.h"
#include "app/bulletin_service.h"
#include "app/calendar_service.h"
#include "app/campaign_service.h"
#include "app/crypto.h"
#include "app/health_service.h"
#include "app/item_service.h"
#include "app/ledger.h"
#include "app/org_service.h"
#include "core/status.h"
#include "core/time.h"
#include "storage/store.h"

namespace duban {

struct ServicesOptions {
  // Evidence files: DATA/files (EvidenceStore, shared by items and assessment events).
  std::filesystem::path files_dir;
  SignInPolicy sign_in;           // back-off, lockout, session lifetimes
  SupervisionPolicy supervision;  // the sweep's thresholds
  PdfLimits pdf;                  // bulletin PDFs printed at once, and the wait for a turn
};

struct Services {
  // Builds every service and loads the work calendar from the store (empty in a new
  // database). Returns the calendar's error (a year that does not load) with its context.
  static Result<std::unique_ptr<Services>> Build(Store& store, const Clock& clock,
                                                 const PasswordHasher& hasher,
                                                 const ServicesOptions& options = {});

  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  // In dependency order: each member may use only those above it.
  AuditLog audit_log;
  AuthService auth;
  OrgService org;
  AuditService audit;
  HealthService health;
  BackupService backup;
  CalendarService calendar;
  ItemService items;
  CampaignService campaigns;
  LedgerService ledger;
  BulletinService bulletins;
  AssessmentService assessment;

 private:
  Services(Store& store, const Clock& clock, const PasswordHasher& hasher,
           const ServicesOptions& options);
};

}  // namespace duban
