// Reading one worksheet of an XLSX workbook (Office Open XML, as written by Excel, WPS and
// LibreOffice) into a generic table. Pure function over a byte string; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"
#include "io/table.h"

namespace duban::io {

// Refused with kResourceExhausted: a zip entry larger than this once uncompressed (zip bombs).
// The worksheet, its shared strings and the styles are streamed, so memory stays near the size
// of the table read, not of the XML; the workbook and relationship parts are parsed whole and
// get the smaller limit.
inline constexpr size_t kMaxXlsxEntryBytes = 50 * 1024 * 1024;
inline constexpr size_t kMaxXlsxSmallPartBytes = 4 * 1024 * 1024;

// Reads the worksheet at `sheet_index` (0-based, in the workbook's tab order) by the rules on
// ReadTable. Cells appear as Excel shows them with the General format:
//  - text from shared strings (rich text runs joined) or inline strings, _xHHHH_ escapes decoded;
//  - numbers with up to 15 significant digits and no trailing zeros ("411.82", "42", never
//    "42.0" or "411.81999999999999");
//  - numbers whose cell format is a date (built-in formats 14–17, 22 and the East Asian date
//    formats 27–31, 36, 50–54, 57–58, or a custom format with y, d, or m without h/s) as
//    "YYYY-MM-DD", honouring the 1904 date system; time-only formats as "HH:MM" or "HH:MM:SS";
//  - booleans as "TRUE"/"FALSE", error values as written ("#N/A"), formulas by cached value.
// Errors: kInvalidArgument when the bytes are not an XLSX workbook or any part of it is
// malformed, or there is no sheet `sheet_index`; the message says what is wrong and where
// ("单元格 C12: …"). kResourceExhausted past kMaxXlsxEntryBytes or the limits in table.h.
Result<ReadTable> ReadXlsx(std::string_view bytes, int sheet_index = 0);

}  // namespace duban::io
