// CSV in and out, as Excel and WPS on Chinese Windows read and write it. Pure functions over
// byte strings; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "io/table.h"

namespace duban::io {

// Parses RFC 4180 CSV (comma-separated; quoted fields with doubled quotes, embedded commas and
// line breaks; CRLF, LF or CR line ends) into a table by the rules on ReadTable. A UTF-8 BOM is
// skipped. The encoding is detected: input that is valid UTF-8 is taken as UTF-8, anything
// else is decoded as GB18030 (a superset of GBK, what WPS/Excel on Chinese Windows save).
// Row numbers count records as Excel shows them: a quoted field spanning lines is one row, and
// empty lines count. A cell that WriteCsv guarded against formula injection ("'=…", or
// "''=…" for a cell that itself began "'=") is read back without the one apostrophe, and
// trimmed again.
// Errors: kInvalidArgument "第 N 行: …" for an unterminated quote or bytes that are neither
// UTF-8 nor GB18030, and for UTF-16 files; kResourceExhausted past the limits in table.h.
Result<ReadTable> ReadCsv(std::string_view bytes);

// Writes the header and rows as UTF-8 CSV with a BOM (so Excel opens it as UTF-8), CRLF line
// ends, and a field quoted when it holds a comma, quote or line break. Rows are written as
// given, without padding.
// Formula injection guard: a cell starting with = + - @, tab or CR would run as a formula when
// the file is opened in Excel/WPS, so it is written with a leading apostrophe ("'=1+1"), which
// the spreadsheet shows as text. Plain numbers ("-12.5") are not formulas and are left alone.
// A cell that already starts with apostrophes before such a character gets one more. ReadCsv
// removes one again, so WriteCsv → ReadCsv gives back the original text (of trimmed cells).
std::string WriteCsv(const Table& table);

}  // namespace duban::io
