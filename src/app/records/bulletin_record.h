// The content of an issued bulletin as the register keeps it (bulletins.content), with its own
// versioned codec, independent of the API's JSON: a bulletin is issued once and must read the
// same for ever. Version 1 is exactly the text every build wrote before this codec: an object
// without a "record_version" member; a later version writes "record_version": N. Also the
// audit snapshot of an issue. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "app/records/audit_snapshot.h"
#include "core/bulletin.h"
#include "core/status.h"

namespace duban {

struct Bulletin;  // app/bulletin_service.h

// The content version this build writes, and the newest it reads.
inline constexpr int kBulletinContentVersion = 1;

// The stored text of `bulletin` (its number as issued) in the current version.
std::string EncodeBulletinContent(const Bulletin& bulletin);

// The bulletin that stored `text` holds, in any version ever written. kInvalidArgument naming
// the member when it is missing or of the wrong type, or when the version is unknown.
Result<Bulletin> DecodeBulletinContent(std::string_view text);

// What the audit keeps of an issue: the register entry `record` with `bulletin`'s totals.
BulletinIssueSnapshot BulletinIssueSnapshotOf(const BulletinRecord& record,
                                              const Bulletin& bulletin);

}  // namespace duban
