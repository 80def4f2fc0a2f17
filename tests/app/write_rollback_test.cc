// Every write of every app service is all or nothing (STYLE.md, review §6): each write runs once
// per statement it makes with that statement failing (tests/testing/faulty_connection.h), and
// each of those runs must report an error and leave every table of the database exactly as it
// was; then it runs without a fault and must succeed. A service that wrote in two transactions,
// or went on after a failed statement, fails here. The services come from Services::Build over an
// in-memory SQLite store with the demo county and the shipped calendar, on a fake clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "app/assessment_json.h"
#include "app/audit_log.h"
#include "app/services.h"
#include "app/setup.h"
#include "io/calendar_import.h"
#include "testing/fake_clock.h"
#include "testing/faulty_connection.h"
#include "testing/temp_dir.h"

namespace duban {
namespace {

constexpr char kPassword[] = "Test-pass-1";

// Every row of every table (SQLite's own included), as text, per table, rows sorted.
using Dump = std::map<std::string, std::vector<std::string>>;

std::string CellText(const sql::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return "'" + std::get<std::string>(v) + "'";
}

// Which tables differ, with the first row that differs in each.
std::string Differences(const Dump& before, const Dump& after) {
  std::string out;
  for (const auto& [table, rows] : after) {
    auto was = before.find(table);
    if (was == before.end()) {
      out += "\n  new table " + table;
      continue;
    }
    if (was->second == rows) continue;
    std::vector<std::string> added, removed;
    std::set_difference(rows.begin(), rows.end(), was->second.begin(), was->second.end(),
                        std::back_inserter(added));
    std::set_difference(was->second.begin(), was->second.end(), rows.begin(), rows.end(),
                        std::back_inserter(removed));
    out += "\n  " + table + ": +" + std::to_string(added.size()) + " -" +
           std::to_string(removed.size()) + " rows";
    if (!added.empty()) out += ", e.g. +" + added[0].substr(0, 200);
    if (!removed.empty()) out += ", e.g. -" + removed[0].substr(0, 200);
  }
  return out;
}

class WriteRollbackTest : public ::testing::Test {
 protected:
  WriteRollbackTest()
      : store_(Open(&faulty_)),
        clock_(*ParseRfc3339("2026-11-02T02:00:00Z")),  // Monday 2 November 2026, 10:00
        hasher_(1, 8192),
        services_(Build(*store_, clock_, hasher_, files_.path() / "files")),
        auth_(services_->auth),
        org_(services_->org),
        calendar_(services_->calendar),
        items_(services_->items),
        campaigns_(services_->campaigns),
        ledger_(services_->ledger),
        bulletins_(services_->bulletins),
        assessment_(services_->assessment) {
    auto setup = InitializeDatabase(*store_, org_, kPassword, /*demo=*/true);
    EXPECT_TRUE(setup.ok()) << setup.status().ToString();
    auto shipped = ShippedCalendar();
    EXPECT_TRUE(shipped.ok());
    EXPECT_TRUE(calendar_.ReplaceYears(Caller::Operator(), *shipped, "calendar.import").ok());
  }

  static std::unique_ptr<Services> Build(Store& store, const Clock& clock,
                                         const PasswordHasher& hasher,
                                         const std::filesystem::path& files_dir) {
    ServicesOptions options;
    options.files_dir = files_dir;
    auto services = Services::Build(store, clock, hasher, options);
    EXPECT_TRUE(services.ok()) << services.status().ToString();
    return std::move(services).value();
  }

  void TearDown() override {
    auto verified = AuditLog::Verify(*store_);
    ASSERT_TRUE(verified.ok()) << verified.status().ToString();
    EXPECT_TRUE(verified->ok) << "the audit chain no longer verifies";
  }

  static std::unique_ptr<Store> Open(testing::FaultyConnection** faulty) {
    auto store = testing::OpenFaultySqliteStore(faulty);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return std::move(store).value();
  }

  Dump Snapshot() {
    Dump out;
    Status s = store_->Read([&](Tx&) -> Status {
      sql::Connection& c = faulty_->inner();
      DUBAN_ASSIGN_OR_RETURN(
          sql::Rows tables,
          c.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", {}));
      for (size_t t = 0; t < tables.size(); ++t) {
        const std::string name = tables[t].Text(0);
        DUBAN_ASSIGN_OR_RETURN(sql::Rows rows, c.Query("SELECT * FROM \"" + name + "\"", {}));
        std::vector<std::string>& lines = out[name];
        for (const auto& cells : rows.cells) {
          std::string line;
          for (const sql::Value& v : cells) line += CellText(v) + "|";
          lines.push_back(std::move(line));
        }
        std::sort(lines.begin(), lines.end());
      }
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  // The heart of the suite: fails the 1st, 2nd, ... statement of `write` until a run meets no
  // fault. Each faulted run must return an error and leave the database as it was; the run
  // without a fault must succeed (and its effect stays, for the next write to build on).
  template <typename Write>
  void ExpectAllOrNothing(const std::string& name, Write write) {
    const Dump before = Snapshot();
    constexpr int64_t kMaxStatements = 5000;
    for (int64_t k = 1; k <= kMaxStatements; ++k) {
      faulty_->FailNth(k);
      const Status status = Run(write);
      const bool faulted = faulty_->failed();
      faulty_->FailNth(0);
      if (!faulted) {
        EXPECT_TRUE(status.ok()) << name << " failed without a fault: " << status.ToString();
        EXPECT_GT(k, 1) << name << " ran no statement";
        ++writes_checked_;
        statements_failed_ += k - 1;
        return;
      }
      EXPECT_FALSE(status.ok()) << name << ": statement " << k << " (" << faulty_->refused_sql()
                                << ") failed, yet the write reported success";
      const Dump after = Snapshot();
      if (after != before) {
        ADD_FAILURE() << name << ": statement " << k << " (" << faulty_->refused_sql()
                      << ") failed and the database changed:" << Differences(before, after);
        return;
      }
      if (status.ok()) return;  // it went on regardless: nothing sensible to check after it
    }
    ADD_FAILURE() << name << " ran more than " << kMaxStatements << " statements";
  }

  // For a write made on purpose of several transactions, each whole, that the next run
  // completes (AssessmentService::Compute: the results in one, then each follow-up item in its
  // own, so that a crash between them is finished by the next computation): fails its 1st, 2nd,
  // ... statement, each time followed by a run without a fault, which must succeed and leave
  // the database in the same `state` as a run without any fault.
  template <typename Write, typename State>
  void ExpectResumable(const std::string& name, Write write, State state) {
    const Status clean = Run(write);
    ASSERT_TRUE(clean.ok()) << name << " failed without a fault: " << clean.ToString();
    const std::string expected = state();
    constexpr int64_t kMaxStatements = 5000;
    for (int64_t k = 1; k <= kMaxStatements; ++k) {
      faulty_->FailNth(k);
      const Status status = Run(write);
      const bool faulted = faulty_->failed();
      faulty_->FailNth(0);
      if (!faulted) {
        EXPECT_TRUE(status.ok()) << name << ": " << status.ToString();
        ++writes_checked_;
        return;
      }
      EXPECT_FALSE(status.ok()) << name << ": statement " << k << " (" << faulty_->refused_sql()
                                << ") failed, yet the write reported success";
      const Status again = Run(write);
      EXPECT_TRUE(again.ok()) << name << " after a fault at statement " << k << ": "
                              << again.ToString();
      EXPECT_EQ(state(), expected) << name << ": statement " << k << " (" << faulty_->refused_sql()
                                   << ") failed and the next run";
    }
    ADD_FAILURE() << name << " ran more than " << kMaxStatements << " statements";
  }

  // Rows of `sql`'s result, as text (for ExpectResumable's state).
  std::string Rows(const std::string& sql) {
    std::string out;
    Status s = store_->Read([&](Tx&) -> Status {
      DUBAN_ASSIGN_OR_RETURN(sql::Rows rows, faulty_->inner().Query(sql, {}));
      for (const auto& cells : rows.cells) {
        for (const sql::Value& v : cells) out += CellText(v) + "|";
        out += "\n";
      }
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  // A write is a function returning a Status or a Result<T>.
  template <typename Write>
  static Status Run(Write& write) {
    auto out = write();
    if constexpr (std::is_same_v<decltype(out), Status>) {
      return out;
    } else {
      return out.status();
    }
  }

  Caller As(const std::string& username) {
    Caller caller;
    Status s = store_->Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(Account a, tx.accounts().FindByUsername(username));
      caller = Caller::ForAccount(a);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << username << ": " << s.ToString();
    return caller;
  }

  UnitId Unit(const std::string& code) {
    UnitId id = 0;
    Status s = store_->Read([&](Tx& tx) -> Status {
      UnitRepository::Query q;
      q.page = {1, kMaxPageSize};
      DUBAN_ASSIGN_OR_RETURN(auto page, tx.units().List(Scope::Everything(), q));
      for (const auto& u : page.items) {
        if (u.code == code) id = u.id;
      }
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok() && id != 0) << "no unit " << code;
    return id;
  }

  PersonId Person(const std::string& name) {
    PersonId id = 0;
    Status s = store_->Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(auto found, tx.people().FindByNames(Scope::Everything(), {name}));
      if (!found.empty()) id = found[0].first.id;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok() && id != 0) << "no person " << name;
    return id;
  }

  // A registered problem of 县交通运输局, by the supervisor (not checked: the tests check it).
  ItemInput Problem(const std::string& title, ItemKind kind = ItemKind::kProblem) {
    ItemInput in;
    in.kind = kind;
    in.title = title;
    in.description = "明察暗访发现护栏缺失约 40 米";
    in.source = "明察暗访";
    in.severity = "较重";
    in.unit_id = Unit("QS-JT");
    return in;
  }

  ActionInput Assignment() {
    ActionInput in;
    in.responsible_unit_id = Unit("QS-JT-AQ");
    in.responsible_person_id = Person("王磊");
    in.lead_leader_id = Person("郑国强");
    in.deadline_working_days = 5;
    in.measures = std::vector<std::string>{"补设护栏", "设置警示标志"};
    return in;
  }

  static ActionInput Text(const std::string& text) {
    ActionInput in;
    in.text = text;
    return in;
  }

  static ActionInput Submission(const std::string& text) {
    ActionInput in;
    in.text = text;
    in.checks = CloseOutChecks{true, true, true, true, true};
    return in;
  }

  // Declared first: the store outlives every service built over it.
  testing::FaultyConnection* faulty_ = nullptr;
  testing::TempDir files_;
  std::unique_ptr<Store> store_;
  testing::FakeClock clock_;
  Argon2idHasher hasher_;
  std::unique_ptr<Services> services_;
  AuthService& auth_;
  OrgService& org_;
  CalendarService& calendar_;
  ItemService& items_;
  CampaignService& campaigns_;
  LedgerService& ledger_;
  BulletinService& bulletins_;
  AssessmentService& assessment_;
  int writes_checked_ = 0;
  int64_t statements_failed_ = 0;
};

TEST_F(WriteRollbackTest, OrgUnitsPeopleAndAccounts) {
  const Caller admin = As("admin");
  const UnitId county = Unit("QS");
  UnitId unit = 0, other = 0;
  ExpectAllOrNothing("org.create_unit", [&] {
    auto r = org_.CreateUnit(admin, {county, "测试局", "bureau", "QS-TEST"});
    if (r.ok()) unit = r->id;
    return r;
  });
  ExpectAllOrNothing("org.create_unit (second)", [&] {
    auto r = org_.CreateUnit(admin, {county, "测试二局", "bureau", "QS-TEST2"});
    if (r.ok()) other = r->id;
    return r;
  });
  ExpectAllOrNothing("org.update_unit (rename)", [&] {
    UnitPatch patch;
    patch.name = "测试局（更名）";
    return org_.UpdateUnit(admin, unit, patch);
  });
  ExpectAllOrNothing("org.update_unit (move)", [&] {
    UnitPatch patch;
    patch.parent_id = other;
    return org_.UpdateUnit(admin, unit, patch);
  });
  PersonId person = 0;
  ExpectAllOrNothing("org.create_person", [&] {
    auto r = org_.CreatePerson(admin, {unit, "测试员", "科员", "13800000000"});
    if (r.ok()) person = r->id;
    return r;
  });
  ExpectAllOrNothing("org.update_person", [&] {
    PersonPatch patch;
    patch.title = "副科长";
    patch.unit_id = other;
    return org_.UpdatePerson(admin, person, patch);
  });
  AccountId account = 0;
  ExpectAllOrNothing("org.create_account", [&] {
    auto r = org_.CreateAccount(admin, {"tester", kPassword, other, person, {"handler"}});
    if (r.ok()) account = r->id;
    return r;
  });
  ExpectAllOrNothing("org.update_account (roles)", [&] {
    AccountPatch patch;
    patch.roles = std::vector<std::string>{"handler", "viewer"};
    return org_.UpdateAccount(admin, account, patch);
  });
  ExpectAllOrNothing("org.update_account (password reset)", [&] {
    AccountPatch patch;
    patch.password = "Reset-pass-2";
    return org_.UpdateAccount(admin, account, patch);
  });
  ExpectAllOrNothing("org.update_account (disable)", [&] {
    AccountPatch patch;
    patch.disabled = true;
    return org_.UpdateAccount(admin, account, patch);
  });
  ExpectAllOrNothing("org.update_unit (disable)", [&] {
    UnitPatch patch;
    patch.disabled = true;
    return org_.UpdateUnit(admin, unit, patch);
  });
  EXPECT_EQ(writes_checked_, 11);
}

TEST_F(WriteRollbackTest, SessionsAndPasswords) {
  std::string token;
  ExpectAllOrNothing("auth.sign_in", [&] {
    auto r = auth_.SignIn("handler_jt", kPassword, "127.0.0.1");
    if (r.ok()) token = r->token;
    return r;
  });
  const Caller handler = As("handler_jt");
  ExpectAllOrNothing("auth.change_password", [&] {
    return auth_.ChangePassword(handler, kPassword, "Changed-pass-3", token, "127.0.0.1");
  });
  ExpectAllOrNothing("auth.sign_out", [&] { return auth_.SignOut(token, handler); });
}

// The closed loop, every action of SPEC §3 once, evidence and notices on the way.
TEST_F(WriteRollbackTest, ItemsEveryActionEvidenceAndNotices) {
  const Caller supervisor = As("supervisor"), handler = As("handler_jt"), leader = As("leader_jt");
  ItemId id = 0;
  const ItemInput problem = Problem("国道 G214 K35 处护栏缺失");
  ExpectAllOrNothing("items.create", [&] {
    auto r = items_.Create(supervisor, problem);
    if (r.ok()) id = r->item.id;
    return r;
  });
  ExpectAllOrNothing("items.update_draft", [&] {
    ItemInput in;
    in.description = "护栏缺失约 45 米，夜间无警示";
    return items_.UpdateDraft(supervisor, id, in);
  });
  auto act = [&](const std::string& name, const Caller& who, ItemAction action,
                 const ActionInput& in) {
    ExpectAllOrNothing("items." + name, [&] { return items_.Act(who, id, action, in); });
  };
  act("assign", supervisor, ItemAction::kAssign, Assignment());
  act("return", handler, ItemAction::kReturn, Text("不属于本股职责"));
  act("assign (again)", supervisor, ItemAction::kAssign, Assignment());
  act("accept", handler, ItemAction::kAccept, {});
  ActionInput extension = Text("材料未到");
  extension.new_deadline = *ParseDate("2026-11-20");
  act("extend", handler, ItemAction::kExtend, extension);
  ActionInput decision = Text("同意");
  decision.approve = true;
  act("decide_extension", leader, ItemAction::kDecideExtension, decision);
  ActionInput report = Text("已采购护栏材料");
  report.progress = 50;
  act("report", handler, ItemAction::kReport, report);
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "现场照片";
  ExpectAllOrNothing("items.upload", [&] { return items_.Upload(handler, id, "现场.png", png); });
  act("submit", handler, ItemAction::kSubmit, Submission("护栏已补设"));
  act("reject", supervisor, ItemAction::kReject, Text("警示标志未设置"));
  act("submit (again)", handler, ItemAction::kSubmit, Submission("警示标志已设置"));
  act("approve", supervisor, ItemAction::kApprove, Text("整改到位，同意销号"));
  act("reopen", supervisor, ItemAction::kReopen, Text("回访发现护栏再次损坏"));

  int64_t notice = 0;
  ExpectAllOrNothing("notices.issue", [&] {
    auto r = items_.IssueNotice(supervisor, id, "supervise", "整改进度滞后", 2);
    if (r.ok()) notice = r->id;
    return r;
  });
  ExpectAllOrNothing("notices.respond",
                     [&] { return items_.RespondNotice(handler, notice, "已制定整改计划"); });

  // A complaint, rated after close-out; and an item cancelled.
  ItemId complaint = 0;
  ASSERT_TRUE(([&] {
    auto r = items_.Create(supervisor, Problem("小区路灯不亮", ItemKind::kComplaint));
    if (r.ok()) complaint = r->item.id;
    return r.ok();
  })());
  for (auto [who, action, in] : {std::tuple{&supervisor, ItemAction::kAssign, Assignment()},
                                 std::tuple{&handler, ItemAction::kAccept, ActionInput{}},
                                 std::tuple{&handler, ItemAction::kSubmit, Submission("已修复")},
                                 std::tuple{&supervisor, ItemAction::kApprove, Text("同意")}}) {
    auto r = items_.Act(*who, complaint, action, in);
    ASSERT_TRUE(r.ok()) << ItemActionName(action) << ": " << r.status().ToString();
  }
  ActionInput rating;
  rating.satisfaction = "satisfied";
  ExpectAllOrNothing("items.rate",
                     [&] { return items_.Act(supervisor, complaint, ItemAction::kRate, rating); });
  ItemId duplicate = 0;
  ASSERT_TRUE(([&] {
    auto r = items_.Create(supervisor, Problem("国道 G214 护栏缺失（重复）"));
    if (r.ok()) duplicate = r->item.id;
    return r.ok();
  })());
  ExpectAllOrNothing("items.cancel", [&] {
    return items_.Act(supervisor, duplicate, ItemAction::kCancel, Text("重复登记"));
  });
  // The item of the loop is open again and overdue by December: the sweep issues its notices.
  clock_.Set(*ParseRfc3339("2026-12-01T02:00:00Z"));
  ExpectAllOrNothing("items.sweep", [&] {
    auto r = items_.Sweep(supervisor);
    EXPECT_TRUE(!r.ok() || r->issued + r->escalated > 0) << "the sweep had nothing to write";
    return r;
  });
}

TEST_F(WriteRollbackTest, CampaignsAndTheCalendar) {
  const Caller admin = As("admin");
  int64_t campaign = 0;
  CampaignInput created;
  created.name = "道路安全专项整治";
  created.description = "全县道路护栏、警示标志排查";
  created.unit_id = Unit("QS");
  created.categories = std::vector<Category>{{0, std::nullopt, "护栏"}, {0, std::nullopt, "标志"}};
  ExpectAllOrNothing("campaigns.create", [&] {
    auto r = campaigns_.Create(admin, created);
    if (r.ok()) campaign = r->id;
    return r;
  });
  ExpectAllOrNothing("campaigns.update", [&] {
    CampaignInput in;
    in.description = "全县道路护栏、警示标志、照明排查";
    in.ends_on = std::optional<Date>(*ParseDate("2026-12-31"));
    return campaigns_.Update(admin, campaign, in);
  });
  ExpectAllOrNothing("calendar.replace_years", [&] {
    std::map<int, std::vector<CalendarDay>> years;
    years[2027] = {{*ParseDate("2027-01-01"), false, "元旦"}};
    return calendar_.ReplaceYears(admin, years, "calendar.import");
  });
}

TEST_F(WriteRollbackTest, LedgerImportAndBulletins) {
  const Caller supervisor = As("supervisor");
  const UnitId county = Unit("QS");
  ExpectAllOrNothing("ledger.import", [&] {
    LedgerTable table;
    table.header = LedgerImportColumns();
    table.rows = {{"路灯损坏", "", "问题", "群众提", "一般", "城关镇", "2026-10-20", "更换灯具",
                   "2026-12-15", "城关镇", "", ""},
                  {"护栏缺失", "", "安全隐患", "明察暗访", "一般", "城关镇", "2026-10-21", "", "",
                   "", "", ""}};
    auto r = ledger_.Import(supervisor, table, /*good_rows_only=*/false);
    EXPECT_TRUE(!r.ok() || (r->imported == 2 && r->errors.empty()));
    return r;
  });
  ExpectAllOrNothing("bulletins.issue", [&] {
    return bulletins_.Issue(supervisor, *ParsePeriod("2026-10"), county, std::nullopt, "");
  });
  ExpectAllOrNothing("bulletins.issue_due", [&] {
    BulletinSchedule schedule;
    schedule.kinds = {"quarter"};  // 2026 Q3 is due; 2026-10 was issued above
    return bulletins_.IssueDue(schedule);
  });
}

TEST_F(WriteRollbackTest, AssessmentSchemesGrantsEventsAndResults) {
  const Caller admin = As("admin"), supervisor = As("supervisor"), evaluator = As("evaluator");
  const UnitId county = Unit("QS"), transport = Unit("QS-JT");
  const nlohmann::json closure = {{"name", "整改落实考核"},
                                  {"indicators",
                                   {{{"key", "closure"},
                                     {"name", "销号率"},
                                     {"formula", "linear"},
                                     {"metric", "closure_rate"},
                                     {"max_points", 100},
                                     {"zero_at", 0},
                                     {"full_at", 100}},
                                    {{"key", "bonus"},
                                     {"name", "加扣分"},
                                     {"formula", "event_sum"},
                                     {"max_points", 0},
                                     {"cap", 10}}}},
                                  {"tier_bounds", {60, 80, 90}}};
  SchemeInput scheme;
  auto decoded = SchemeFromJson(closure);  // the stored definition's form (app/assessment_json.h)
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  scheme.scheme = *decoded;
  ExpectAllOrNothing("assessment.save_scheme",
                     [&] { return assessment_.SaveScheme(admin, "closure", scheme); });
  int64_t grant = 0;
  ExpectAllOrNothing("assessment.grant", [&] {
    auto r = assessment_.Grant(admin, "closure", evaluator.account_id.value(), transport);
    if (r.ok()) grant = r->id;
    return r;
  });
  ExpectAllOrNothing("assessment.revoke", [&] { return assessment_.Revoke(admin, grant); });
  int64_t event = 0;
  ExpectAllOrNothing("assessment.add_event (points, pending)", [&] {
    AssessmentEventInput in;
    in.scheme_key = "closure";
    in.kind = "points";
    in.subject_id = county;  // the supervisor's own unit: waits for someone else
    in.indicator_key = "bonus";
    in.points = 3;
    in.occurred_on = *ParseDate("2026-10-15");
    in.reason = "督查工作获省表彰";
    auto r = assessment_.AddEvent(supervisor, in);
    if (r.ok()) event = r->id;
    return r;
  });
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "表彰文件";
  ExpectAllOrNothing("assessment.attach_file",
                     [&] { return assessment_.AttachFile(supervisor, event, "表彰.png", png); });
  ExpectAllOrNothing("assessment.decide",
                     [&] { return assessment_.Decide(admin, event, true, "属实"); });
  // Two items of 县交通运输局 from October, open: its closure rate is 0, a 差 with a follow-up.
  clock_.Set(*ParseRfc3339("2026-10-08T02:00:00Z"));
  for (const char* title : {"桥梁护栏缺失", "路面坑洼"}) {
    auto r = items_.Create(supervisor, Problem(title));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  clock_.Set(*ParseRfc3339("2026-11-02T02:00:00Z"));
  bool follow_up_made = false;
  ExpectResumable(
      "assessment.compute",
      [&] {
        auto r = assessment_.Compute(supervisor, "closure", "2026-10", county);
        if (r.ok() && r->follow_ups_created > 0) follow_up_made = true;
        return r;
      },
      [&] {
        // The results, each with its follow-up (one per subject and period), and the items.
        return Rows(
                   "SELECT DISTINCT subject_type, subject_id, score_x100, tier, "
                   "follow_up_item_id IS NULL "
                   "FROM assessment_results ORDER BY subject_type, subject_id") +
               Rows("SELECT title, status FROM items WHERE title LIKE '【考核跟进】%' ORDER BY id");
      });
  EXPECT_TRUE(follow_up_made) << "no follow-up item was written";
}

}  // namespace
}  // namespace duban
