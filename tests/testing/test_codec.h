// The file codecs main wires into the API (XLSX/CSV/DOCX/PDF and calendar files from io/), for
// the API suites and the fuzz harness. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/ledger.h"
#include "io/calendar_import.h"
#include "io/csv.h"
#include "io/official_document.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace duban::testing {

inline LedgerTable FromIo(io::ReadTable t) {
  return {std::move(t.header), std::move(t.rows), std::move(t.row_numbers)};
}

inline io::OfficialDocument ToIoDocument(const OfficialDoc& d) {
  io::OfficialDocument out;
  out.issuer = d.issuer;
  out.number = d.number;
  out.title = d.title;
  out.recipient = d.recipient;
  out.paragraphs = d.paragraphs;
  for (const auto& t : d.tables) out.tables.push_back({t.caption, t.header, t.rows});
  out.signer = d.signer;
  out.date = d.date;
  return out;
}

// The same codecs main wires in, from io/. With `print_pdf` false the PDF "printer" returns the
// HTML it would print, so no Chromium is started (the fuzz harness).
inline TableCodec TestCodec(bool print_pdf = true) {
  TableCodec c;
  c.read_xlsx = [](std::string_view b) -> Result<LedgerTable> {
    DUBAN_ASSIGN_OR_RETURN(auto t, io::ReadXlsx(b));
    return FromIo(std::move(t));
  };
  c.read_csv = [](std::string_view b) -> Result<LedgerTable> {
    DUBAN_ASSIGN_OR_RETURN(auto t, io::ReadCsv(b));
    return FromIo(std::move(t));
  };
  c.write_xlsx = [](const std::string& sheet, const LedgerTable& t) {
    return io::WriteXlsx({{sheet, io::Table{t.header, t.rows}}});
  };
  c.write_csv = [](const LedgerTable& t) { return io::WriteCsv(io::Table{t.header, t.rows}); };
  c.write_xlsx_sheets = [](const std::vector<std::pair<std::string, LedgerTable>>& sheets) {
    std::vector<std::pair<std::string, io::Table>> out;
    for (const auto& [name, t] : sheets) out.push_back({name, io::Table{t.header, t.rows}});
    return io::WriteXlsx(out);
  };
  c.write_docx = [](const OfficialDoc& d) { return io::WriteDocx(ToIoDocument(d)); };
  if (print_pdf) {
    c.write_pdf = [](const OfficialDoc& d) {
      return io::PrintPdf(io::RenderHtml(ToIoDocument(d)));
    };
  } else {
    c.write_pdf = [](const OfficialDoc& d) -> Result<std::string> {
      return io::RenderHtml(ToIoDocument(d));
    };
  }
  c.read_calendar = [](std::string_view b, bool ics) {
    return ics ? ParseCalendarIcs(b) : ParseCalendarJson(b);
  };
  return c;
}

}  // namespace duban::testing
