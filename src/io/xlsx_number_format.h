// How the XLSX reader turns a numeric cell into text: which number formats show a date or a
// time (built-in ids and custom format codes), and the text Excel shows for a number in General
// format, a day serial and a time of day. Internal to src/io (used by xlsx_reader.cc).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duban::io {

enum class ValueFormat { kGeneral, kDate, kTimeMinutes, kTimeSeconds };

// Excel's built-in format `id` (numFmtId below 164): which of the four it shows.
ValueFormat BuiltInFormat(int id);

// A custom format code ("yyyy/m/d", "h:mm;@", "0.00"): what its first section shows.
ValueFormat ClassifyFormatCode(std::string_view code);

// `value` as Excel shows it in General format: 15 significant digits, no trailing zeros,
// positional unless very large or small ("1.23457E+21").
std::string FormatGeneralNumber(double value);

// Day serial `serial` of the 1900 (or, with `date1904`, the 1904) date system as "YYYY-MM-DD";
// nullopt outside the years 1900..9999.
std::optional<std::string> FormatSerialDate(double serial, bool date1904);

// The time of day of `serial` as "HH:MM" or, `with_seconds`, "HH:MM:SS"; nullopt when `serial`
// is negative or beyond 9999-12-31.
std::optional<std::string> FormatSerialTime(double serial, bool with_seconds);

}  // namespace duban::io
