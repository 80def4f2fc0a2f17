// Bulletins 通报 through the API: the figures equal the ledger's for the same period and scope,
// and 748 of 857 hazards closed shows as 87.28% in JSON, XLSX, DOCX and PDF.
#include <zip.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/records/bulletin_record.h"
#include "http/api_fixture.h"

namespace duban::http {
namespace {

class BulletinApiTest : public ApiTest {
 protected:
  BulletinApiTest() { clock_.Set(*ParseRfc3339("2026-11-02T02:00:00Z")); }

  // Imports `n` hazards in `unit`, found in October, assigned with a deadline of 2026-10-30.
  void ImportHazards(Session& who, int n, const std::string& unit, const std::string& responsible) {
    io::Table t;
    t.header = LedgerImportColumns();
    for (int i = 0; i < n; ++i) {
      t.rows.push_back({"道路安全隐患" + unit + std::to_string(i), "", "安全隐患", "明察暗访",
                        "一般", unit, "2026-10-0" + std::to_string(1 + i % 9), "", "2026-12-31",
                        responsible, "", ""});
    }
    Request r;
    r.method = "POST";
    r.target = r.path = "/api/v1/items/import";
    r.body = io::WriteCsv(t);
    r.headers["Cookie"] = "duban_session=" + who.cookie;
    r.headers["X-CSRF-Token"] = who.csrf;
    Response out = api_.Handle(r);
    ASSERT_EQ(out.status, 200) << out.body.substr(0, 300);
    MoveDeadlines("2026-12-31", "2026-10-30");  // overdue already; no import assigns so
  }

  // Closes the first `n` open hazards of `unit_code` on 2026-10-20 (on time), straight in the
  // store.
  void CloseSome(int n, const std::string& unit_code) {
    int64_t unit = UnitId(unit_code);
    ASSERT_TRUE(store_
                    ->Write([&](Tx& tx) -> Status {
                      ItemQuery q;
                      DUBAN_ASSIGN_OR_RETURN(Unit u, tx.units().Get(Scope::Everything(), unit));
                      q.unit_path = u.path;
                      q.statuses = {ItemStatus::kAssigned};
                      q.sort = "code";
                      q.page = {1, kMaxPageSize};
                      int closed = 0;
                      while (closed < n) {
                        DUBAN_ASSIGN_OR_RETURN(auto page,
                                               tx.items().List(Scope::Everything(), q, {}));
                        if (page.items.empty()) break;
                        for (Item item : page.items) {
                          if (closed == n) break;
                          Item stored = item;
                          item.status = ItemStatus::kClosed;
                          item.closed_on = *ParseDate("2026-10-20");
                          DUBAN_RETURN_IF_ERROR(tx.items().Update(stored, item));
                          ++closed;
                        }
                      }
                      return Status::Ok();
                    })
                    .ok());
  }
};

TEST_F(BulletinApiTest, FiguresEqualTheLedgerAndRatesPrintAlikeEverywhere) {
  Session sup = SignIn("supervisor");
  ImportHazards(sup, 857, "县交通运输局", "安全监督股");
  ImportHazards(sup, 40, "城关镇", "党政综合办公室");
  CloseSome(748, "QS-JT");
  CloseSome(40, "QS-CG");
  Response r = Call("GET", "/api/v1/bulletins?period=2026-10&kind=hazard", nullptr, &sup);
  ASSERT_EQ(r.status, 200) << r.body;
  json b = Body(r);
  EXPECT_EQ(b["period"]["label"], "2026年10月");
  json transport;
  for (const auto& u : b["units"]) {
    if (u["unit_name"] == "县交通运输局") transport = u;
  }
  ASSERT_FALSE(transport.is_null()) << b["units"];
  EXPECT_EQ(transport["total"], 857);
  EXPECT_EQ(transport["closed"], 748);
  EXPECT_EQ(transport["closure_rate"], "87.28%");
  EXPECT_EQ(transport["overdue"], 109);
  EXPECT_EQ(b["units"][0]["unit_name"], "城关镇") << "ranked by closure rate";
  EXPECT_EQ(b["commended"], json({"城关镇"}));
  EXPECT_EQ(b["units"][1]["rank"], 2);
  EXPECT_EQ(b["units"].back()["rank"], nullptr) << "units without items are not ranked";
  EXPECT_EQ(b["criticised"], json({"县交通运输局"}));
  // The ledger shows the same for the same scope: the unit's items and their states.
  std::string unit = std::to_string(UnitId("QS-JT"));
  json all =
      Body(Call("GET", "/api/v1/items?kind=hazard&unit=" + unit + "&page_size=1", nullptr, &sup));
  EXPECT_EQ(all["total"], transport["total"]);
  EXPECT_EQ(all["counts"]["status"]["closed"], transport["closed"]);
  json late =
      Body(Call("GET", "/api/v1/items?kind=hazard&unit=" + unit + "&warning=red,severe&page_size=1",
                nullptr, &sup));
  EXPECT_EQ(late["total"], transport["overdue"]);

  Response xlsx =
      Call("GET", "/api/v1/bulletins/export.xlsx?period=2026-10&kind=hazard", nullptr, &sup);
  ASSERT_EQ(xlsx.status, 200);
  auto sheet = io::ReadXlsx(xlsx.body, 1);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  bool found = false;
  for (const auto& row : sheet->rows)
    found = found || (row.size() > 6 && row[1] == "县交通运输局" && row[6] == "87.28%");
  EXPECT_TRUE(found) << "the XLSX shows 87.28% for 县交通运输局";

  Response docx =
      Call("GET", "/api/v1/bulletins/export.docx?period=2026-10&kind=hazard", nullptr, &sup);
  ASSERT_EQ(docx.status, 200) << docx.body.substr(0, 200);
  zip_error_t error;
  zip_source_t* src = zip_source_buffer_create(docx.body.data(), docx.body.size(), 0, &error);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  ASSERT_NE(z, nullptr);
  zip_file_t* f = zip_fopen(z, "word/document.xml", 0);
  ASSERT_NE(f, nullptr);
  std::string xml;
  char buf[65536];
  zip_int64_t n;
  while ((n = zip_fread(f, buf, sizeof buf)) > 0) xml.append(buf, static_cast<size_t>(n));
  zip_fclose(f);
  zip_close(z);
  EXPECT_NE(xml.find("87.28%"), std::string::npos);
  EXPECT_NE(xml.find("关于2026年10月问题整改情况的通报"), std::string::npos);
}

// Regression: the 挂牌督办 list used to look only at the 200 newest notices of the caller's
// scope, so a month with more notices after it (any level, any period) lost its listed items.
TEST_F(BulletinApiTest, ListedItemsAreFoundBehindManyNewerNotices) {
  Session sup = SignIn("supervisor");
  ImportHazards(sup, 3, "县交通运输局", "安全监督股");
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    ItemQuery q;
                    q.sort = "code";
                    DUBAN_ASSIGN_OR_RETURN(auto page, tx.items().List(Scope::Everything(), q, {}));
                    if (page.items.size() != 3) return Internal("expected 3 items");
                    auto notice = [&](const Item& item, const char* level, const std::string& key,
                                      const char* when) {
                      Notice n;
                      n.year = 2026;
                      n.item_id = item.id;
                      n.unit_id = *item.responsible_unit_id;
                      n.unit_path = item.responsible_unit_path;
                      n.level = level;
                      n.condition = "overdue";
                      n.condition_key = key;
                      n.reason = "超期";
                      n.issued_at = *ParseRfc3339(when);
                      n.issued_by = "system";
                      n.respond_by = *ParseDate("2026-11-05");
                      return tx.notices().Insert(n);
                    };
                    DUBAN_RETURN_IF_ERROR(notice(page.items[0], "listed", "overdue:2026-10-30:2",
                                                 "2026-10-15T02:00:00Z"));
                    for (int i = 0; i < 250; ++i) {
                      DUBAN_RETURN_IF_ERROR(notice(page.items[1 + i % 2], "reminder",
                                                   "manual:" + std::to_string(i),
                                                   "2026-11-01T02:00:00Z"));
                    }
                    return Status::Ok();
                  })
                  .ok());
  Response r = Call("GET", "/api/v1/bulletins?period=2026-10", nullptr, &sup);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  json listed = Body(r)["listed_items"];
  ASSERT_EQ(listed.size(), 1u) << listed;
  EXPECT_EQ(listed[0]["title"], "道路安全隐患县交通运输局0");
  // November's bulletin has no 挂牌督办: the October notice is outside its period.
  Response nov = Call("GET", "/api/v1/bulletins?period=2026-11", nullptr, &sup);
  ASSERT_EQ(nov.status, 200);
  EXPECT_TRUE(Body(nov)["listed_items"].empty());
}

TEST_F(BulletinApiTest, BadPeriodsAndScopesAreRefused) {
  Session sup = SignIn("supervisor");
  Response bad = Call("GET", "/api/v1/bulletins?period=2026-13", nullptr, &sup);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["details"]["field"], "period");
  Session handler = SignIn("handler_jt");
  EXPECT_EQ(Call("GET", "/api/v1/bulletins?period=2026-10&unit=1", nullptr, &handler).status, 404);
}

// The register: a bulletin issued keeps the figures it was issued with and its 发文字号; the
// same period is issued once; a period that has not ended is refused; the schedule issues what
// is due once and skips what was issued by hand.
TEST_F(BulletinApiTest, IssuedBulletinsKeepTheirFiguresAndNumbers) {
  Session sup = SignIn("supervisor");
  ImportHazards(sup, 10, "县交通运输局", "安全监督股");
  CloseSome(4, "QS-JT");
  Response r = Call("POST", "/api/v1/bulletins/issued", {{"period", "2026-10"}}, &sup);
  ASSERT_EQ(r.status, 201) << r.body;
  json first = Body(r);
  EXPECT_EQ(first["record"]["number"], "督通〔2026〕1号");
  EXPECT_EQ(first["record"]["origin"], "manual");
  EXPECT_EQ(first["record"]["issued_by"], "supervisor");
  EXPECT_EQ(first["bulletin"]["number"], "督通〔2026〕1号");
  EXPECT_EQ(first["bulletin"]["totals"]["closed"], 4);
  EXPECT_EQ(first["bulletin"]["totals"]["closure_rate"], "40.00%");
  const std::string id = std::to_string(first["record"]["id"].get<int64_t>());

  // Once per period: the second try names the number it was issued under, and changes nothing.
  int64_t audit_before = AuditCount();
  Response again = Call("POST", "/api/v1/bulletins/issued", {{"period", "2026-10"}}, &sup);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("督通〔2026〕1号"), std::string::npos) << again.body;
  Response early = Call("POST", "/api/v1/bulletins/issued", {{"period", "2026-11"}}, &sup);
  EXPECT_EQ(early.status, 400) << early.body;
  EXPECT_EQ(Body(early)["error"]["details"]["field"], "period");
  Response unknown =
      Call("POST", "/api/v1/bulletins/issued", {{"period", "2026-09"}, {"colour", "red"}}, &sup);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(AuditCount(), audit_before);

  // The ledger moves on; the issued bulletin does not, in JSON and in its documents.
  CloseSome(3, "QS-JT");
  json live = Body(Call("GET", "/api/v1/bulletins?period=2026-10", nullptr, &sup));
  EXPECT_EQ(live["totals"]["closed"], 7);
  EXPECT_EQ(live["number"], nullptr) << "a preview has no number";
  json stored = Body(Call("GET", "/api/v1/bulletins/issued/" + id, nullptr, &sup));
  EXPECT_EQ(stored["bulletin"]["totals"]["closed"], 4);
  EXPECT_EQ(stored["bulletin"]["units"], first["bulletin"]["units"]);
  Response xlsx = Call("GET", "/api/v1/bulletins/issued/" + id + "/export.xlsx", nullptr, &sup);
  ASSERT_EQ(xlsx.status, 200);
  auto sheet = io::ReadXlsx(xlsx.body, 0);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_GE(sheet->rows.size(), 1u);
  EXPECT_EQ(sheet->rows[0][3], "4") << "已销号 as issued";
  Response docx = Call("GET", "/api/v1/bulletins/issued/" + id + "/export.docx", nullptr, &sup);
  ASSERT_EQ(docx.status, 200);
  const std::string* disposition = docx.Get("Content-Disposition");
  ASSERT_NE(disposition, nullptr);

  // The register lists what was issued, newest first; the schedule skips October (issued by
  // hand) and issues the third quarter, then nothing more on the same day.
  BulletinSchedule schedule;
  auto due = bulletins_.IssueDue(schedule);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].period, "2026-Q3");
  EXPECT_EQ((*due)[0].doc_number, "督通〔2026〕2号");
  EXPECT_EQ((*due)[0].origin, "schedule");
  auto twice = bulletins_.IssueDue(schedule);
  ASSERT_TRUE(twice.ok());
  EXPECT_TRUE(twice->empty());
  clock_.Set(*ParseRfc3339("2026-12-02T02:00:00Z"));
  auto december = bulletins_.IssueDue(schedule);
  ASSERT_TRUE(december.ok());
  ASSERT_EQ(december->size(), 1u);
  EXPECT_EQ((*december)[0].period, "2026-11");
  sup = SignIn("supervisor");  // a month later: the old session has expired
  json list = Body(Call("GET", "/api/v1/bulletins/issued", nullptr, &sup));
  ASSERT_EQ(list["total"], 3);
  EXPECT_EQ(list["items"][0]["period"], "2026-11");
  EXPECT_EQ(list["items"][2]["number"], "督通〔2026〕1号");
  EXPECT_EQ(list["items"][0].count("content"), 0u);

  // Reading is for the issuing level; issuing is for supervisors and administrators.
  Session leader = SignIn("leader");
  EXPECT_EQ(Call("GET", "/api/v1/bulletins/issued/" + id, nullptr, &leader).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/bulletins/issued", {{"period", "2026-09"}}, &leader).status, 403);
  Session handler = SignIn("handler_jt");
  EXPECT_EQ(Call("GET", "/api/v1/bulletins/issued/" + id, nullptr, &handler).status, 404);
  EXPECT_EQ(Body(Call("GET", "/api/v1/bulletins/issued", nullptr, &handler))["total"], 0);
}

// A stand-in for Chromium: counts the documents it prints and how many print at once; while
// held, each print waits for Release (a latch, no sleeps).
class FakePrinter {
 public:
  Result<std::string> Print(const OfficialDoc& doc) {
    std::unique_lock lock(mu_);
    ++calls_;
    max_now_ = std::max(max_now_, ++now_);
    changed_.notify_all();
    changed_.wait(lock, [&] { return !held_; });
    --now_;
    return "%PDF-fake " + doc.title;
  }
  void Hold() {
    std::lock_guard lock(mu_);
    held_ = true;
  }
  void Release() {
    {
      std::lock_guard lock(mu_);
      held_ = false;
    }
    changed_.notify_all();
  }
  // Waits (at most 20 s, then false) until `n` documents print at once.
  bool AwaitPrinting(int n) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [&] { return now_ >= n; });
  }
  int calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  int max_at_once() const {
    std::lock_guard lock(mu_);
    return max_now_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  bool held_ = false;
  int calls_ = 0, now_ = 0, max_now_ = 0;
};

// Review M6: PDFs print through the bounded queue — at most two Chromiums at once however many
// ask; the others wait their turn, and an issued bulletin prints once for any number of
// downloads.
TEST_F(BulletinApiTest, PdfPrintingIsBoundedAndAnIssuedBulletinPrintsOnce) {
  FakePrinter printer;
  codec_.write_pdf = [&](const OfficialDoc& doc) { return printer.Print(doc); };
  Session sup = SignIn("supervisor");
  ImportHazards(sup, 3, "县交通运输局", "安全监督股");

  printer.Hold();
  std::vector<std::thread> callers;
  std::vector<int> statuses(5, 0);
  for (int i = 0; i < 5; ++i) {
    callers.emplace_back([&, i] {
      statuses[i] =
          Call("GET", "/api/v1/bulletins/export.pdf?period=2026-10", nullptr, &sup).status;
    });
  }
  ASSERT_TRUE(printer.AwaitPrinting(2));
  // The three others are queued, not printing (polled: the queue has no waiter callback).
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (bulletins_.pdf_queue().waiting() < 3 && std::chrono::steady_clock::now() < until) {
    std::this_thread::yield();
  }
  EXPECT_EQ(bulletins_.pdf_queue().waiting(), 3);
  EXPECT_EQ(bulletins_.pdf_queue().printing(), 2);
  EXPECT_EQ(printer.max_at_once(), 2);
  printer.Release();
  for (auto& t : callers) t.join();
  EXPECT_EQ(statuses, std::vector<int>(5, 200));
  EXPECT_EQ(printer.calls(), 5) << "a live bulletin may change: each download prints";
  EXPECT_EQ(printer.max_at_once(), 2);

  Response issued = Call("POST", "/api/v1/bulletins/issued", {{"period", "2026-10"}}, &sup);
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string path = "/api/v1/bulletins/issued/" +
                           std::to_string(Body(issued)["record"]["id"].get<int64_t>()) +
                           "/export.pdf";
  Response first = Call("GET", path, nullptr, &sup);
  Response second = Call("GET", path, nullptr, &sup);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(printer.calls(), 6) << "printed once for two downloads";
}

// The queue on its own: a caller that finds no turn within the wait is refused at once with
// "打印繁忙" (503) and prints nothing; the next one, once a turn is free, prints.
TEST(PdfQueueTest, NoTurnWithinTheWaitIsBusyAndPrintsNothing) {
  PdfQueue queue({1, std::chrono::milliseconds(0), 4, 1 << 20});
  FakePrinter printer;
  OfficialDoc doc;
  doc.title = "通报";
  printer.Hold();
  std::thread holder(
      [&] { EXPECT_TRUE(queue.Print("", [&] { return printer.Print(doc); }).ok()); });
  ASSERT_TRUE(printer.AwaitPrinting(1));
  auto busy = queue.Print("", [&] { return printer.Print(doc); });
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(busy.status().message(), "打印繁忙，请稍后再试");
  EXPECT_EQ(ErrorResponse(busy.status()).status, 503);
  printer.Release();
  holder.join();
  EXPECT_EQ(printer.calls(), 1);
  EXPECT_TRUE(queue.Print("k", [&] { return printer.Print(doc); }).ok());
  EXPECT_TRUE(queue.Print("k", [&] { return printer.Print(doc); }).ok());
  EXPECT_EQ(printer.calls(), 2) << "kept by key";
}

TEST(BulletinJsonTest, StoredContentRoundTripsAndBadContentIsNamed) {
  Bulletin b;
  b.period = *ParsePeriod("2026-10");
  b.scope.id = 1;
  b.scope.name = "青山县";
  b.totals = {857, 30, 748, 20, 700, 109, 12, 10};
  BulletinRow row;
  row.unit.id = 7;
  row.unit.name = "县交通运输局";
  row.figures = b.totals;
  row.rank = 1;
  row.score = 91.02;
  row.tier = Tier::kPoor;
  row.capped_by = {"重大隐患逾期未整改"};
  b.rows.push_back(row);
  Item late;
  late.id = 5;
  late.code = "DB-2026-5";
  late.title = "桥梁护栏缺失";
  late.unit_name = "县交通运输局";
  late.responsible_unit_name = "安全监督股";
  late.deadline = *ParseDate("2026-10-30");
  late.status = ItemStatus::kInProgress;
  b.overdue.push_back(late);
  b.criticised = {"县交通运输局"};
  b.generated_on = *ParseDate("2026-11-02");
  b.scheme_name = "作风建设考核";
  b.number = "督通〔2026〕1号";
  json j = json::parse(EncodeBulletinContent(b));
  auto back = DecodeBulletinContent(j.dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(json::parse(EncodeBulletinContent(*back)), j);
  EXPECT_EQ(BulletinService::ToDocument(*back).number, "督通〔2026〕1号");
  j["units"][0].erase("closed_on_time");
  auto bad = DecodeBulletinContent(j.dump());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "units[0].closed_on_time");
}

}  // namespace
}  // namespace duban::http
