// The demo county's working data, for `duban init --demo`: assessment schemes (作风建设考核,
// 支部争星, 党员积分) and four months of items taken through the real loop — registered,
// assigned, signed for, reported, submitted, approved and rated on the days they happened — so
// that every page, bulletin and ranking has something true to show. Runs as the operator.
#pragma once

#include <filesystem>

#include "app/assessment_service.h"
#include "app/crypto.h"
#include "core/status.h"
#include "storage/store.h"

namespace duban {

// The three demo schemes, last month's review scores, a deduction and some members' points.
// Run after SeedDemoItems's units and people exist.
Status SeedDemoSchemes(Store& store, AssessmentService& assessment, Date today);

// Items of the demo units (looked up by code) from four months before `today` to `today`. The
// loop's services (Services::Build, with the work calendar the store holds) run on a clock of
// their own that walks through those days.
Status SeedDemoItems(Store& store, const PasswordHasher& hasher,
                     const std::filesystem::path& files_dir, Date today);

}  // namespace duban
