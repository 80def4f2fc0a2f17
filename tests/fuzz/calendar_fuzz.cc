// Calendar files: iCalendar (.ics) and our JSON format. Any text gives calendar years or
// kInvalidArgument, never a crash; every year returned loads into WorkCalendar (the promise of
// calendar_import.h). Built twice: DUBAN_FUZZ_ICS selects the iCalendar reader.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/calendar.h"
#include "io/calendar_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
#ifdef DUBAN_FUZZ_ICS
  auto years = duban::ParseCalendarIcs(text);
#else
  auto years = duban::ParseCalendarJson(text);
#endif
  if (!years.ok()) {
    if (years.status().code() != duban::ErrorCode::kInvalidArgument) std::abort();
    return 0;
  }
  duban::WorkCalendar calendar;
  for (const auto& [year, days] : *years) {
    if (auto s = calendar.SetYear(year, days); !s.ok()) {
      std::fprintf(stderr, "a parsed year does not load: %s\n", s.ToString().c_str());
      std::abort();
    }
  }
  return 0;
}
