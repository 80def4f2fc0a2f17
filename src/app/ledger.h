// The ledger 整改台账 in Excel's shape (SPEC §9): export of any filtered list with Chinese
// headers, the import template, and import that checks every row and reports each bad row with
// its number, column and reason — importing nothing when any row is bad unless asked to import
// the good ones. File formats stay in io/; main hands them in as a TableCodec. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/item_service.h"
#include "core/calendar.h"

namespace duban {

// A sheet of text cells; row_numbers are the numbers the user sees in Excel (for errors).
struct LedgerTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_numbers;
};

// A document in the Chinese official-document layout (GB/T 9704), as io/ renders it.
struct OfficialDoc {
  std::string issuer, number, title, recipient;
  std::vector<std::string> paragraphs;
  struct Table {
    std::string caption;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
  };
  std::vector<Table> tables;
  std::string signer, date;
};

struct TableCodec {
  std::function<Result<LedgerTable>(std::string_view bytes)> read_xlsx;
  std::function<Result<LedgerTable>(std::string_view bytes)> read_csv;
  std::function<Result<std::string>(const std::string& sheet_name, const LedgerTable& table)>
      write_xlsx;
  std::function<std::string(const LedgerTable& table)> write_csv;
  std::function<Result<std::string>(const std::vector<std::pair<std::string, LedgerTable>>& sheets)>
      write_xlsx_sheets;
  std::function<Result<std::string>(const OfficialDoc& doc)> write_docx;
  std::function<Result<std::string>(const OfficialDoc& doc)> write_pdf;  // headless Chromium
  // A work calendar file: iCalendar with `ics`, else Duban's JSON (io/calendar_import.h).
  std::function<Result<std::map<int, std::vector<CalendarDay>>>(std::string_view bytes, bool ics)>
      read_calendar;
};

struct ImportError {
  int row = 0;
  std::string column;
  std::string message;
};

struct ImportReport {
  int64_t imported = 0;
  std::vector<ImportError> errors;
};

// The export's columns, in order: what the ledger shows.
const std::vector<std::string>& LedgerExportColumns();
// The import template's columns; those marked * are required.
const std::vector<std::string>& LedgerImportColumns();

class LedgerService {
 public:
  // Items are created and assigned through `items`, with its checks, events and audit.
  LedgerService(Store& store, const Clock& clock, ItemService& items)
      : store_(store), clock_(clock), items_(items) {}

  // Every item matching `query` (paging ignored, at most 100,000) as ledger rows.
  Result<LedgerTable> Export(const Caller& caller, const ItemQuery& query);
  LedgerTable Template() const;
  // Rows become items (drafts, or assigned when 责任单位 and 整改时限 are given) through
  // ItemService's create and assign, all in one transaction. `good_rows_only`: import the rows
  // without errors and report the others. `progress(done, total)` (may be empty) is called as rows
  // are checked and written.
  Result<ImportReport> Import(const Caller& caller, const LedgerTable& table, bool good_rows_only,
                              const std::function<void(int64_t, int64_t)>& progress = {});

 private:
  Store& store_;
  const Clock& clock_;
  ItemService& items_;
};

}  // namespace duban
