#include "cli/commands.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/assessment_service.h"
#include "app/audit_log.h"
#include "app/bulletin_service.h"
#include "app/calendar_service.h"
#include "app/demo_data.h"
#include "app/item_service.h"
#include "app/org_service.h"
#include "app/setup.h"
#include "app/store_copy.h"
#include "cli/backup.h"
#include "core/assessment.h"
#include "core/deadline.h"
#include "core/period.h"

namespace duban::cli {
namespace {

int Fail(const Status& s) {
  std::cerr << "错误: " << s.message() << "\n";
  return ExitCodeFor(s.code());
}

// Two character classes always: letters, digits and '-'.
std::string GeneratePassword() { return "Duban-" + RandomHex(6); }

// The password for a new or reset account: DUBAN_PASSWORD_VAR from the environment when set,
// else a generated one that the caller prints once.
std::string PasswordFromEnv(const char* var, bool& generated) {
  const char* value = std::getenv(var);
  generated = value == nullptr || *value == '\0';
  return generated ? GeneratePassword() : std::string(value);
}

// A progress bar on stderr: "导入 [##########----------]  50%  5000/10000".
void DrawProgress(const char* label, int64_t done, int64_t total) {
  if (total <= 0) return;
  int width = 30, filled = static_cast<int>(width * done / total);
  std::cerr << "\r" << label << " [" << std::string(filled, '#') << std::string(width - filled, '-')
            << "] " << fmt::format("{:3d}%", static_cast<int>(100 * done / total)) << std::flush;
  if (done >= total) std::cerr << "\n";
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("无法打开文件 " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 0;
    case ErrorCode::kInvalidArgument:
      return 2;
    case ErrorCode::kNotFound:
      return 3;
    case ErrorCode::kAlreadyExists:
      return 4;
    case ErrorCode::kPermissionDenied:
      return 5;
    case ErrorCode::kUnauthenticated:
      return 5;
    case ErrorCode::kFailedPrecondition:
      return 6;
    case ErrorCode::kResourceExhausted:
      return 7;
    case ErrorCode::kAborted:
      return 8;
    case ErrorCode::kUnavailable:
      return 9;
    case ErrorCode::kInternal:
      return 10;
  }
  return 10;
}

int RunCli(int argc, char** argv, CliEnvironment& env) {
  CLI::App app{"督办 Duban: closed-loop supervision and rectification platform"};
  app.set_version_flag("--version", "duban " + env.version);
  app.require_subcommand(1);
  int exit_code = 0;

  // ---- init ----
  std::string init_data = "./data";
  bool init_demo = false;
  auto* init = app.add_subcommand("init", "Create a new database (and the admin account)");
  init->add_option("--data", init_data, "Data directory")->capture_default_str();
  init->add_flag("--demo", init_demo, "Add the demo county: units, people, an account per role");
  std::string db_url;
  init->add_option("--db", db_url, "PostgreSQL URL (postgresql://...); default: SQLite in --data");
  init->footer(
      "The admin password comes from DUBAN_ADMIN_PASSWORD, or is generated and printed once.");
  init->callback([&] {
    auto store = env.open_store(init_data, db_url, true);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    bool generated = false;
    std::string password = PasswordFromEnv("DUBAN_ADMIN_PASSWORD", generated);
    AuditLog audit(*env.clock);
    OrgService org(**store, *env.hasher, audit);
    auto result = InitializeDatabase(**store, org, password, init_demo);
    if (!result.ok()) return void(exit_code = Fail(result.status()));
    // SPEC §4: the calendar ships for every year the State Council has published.
    auto calendar = env.shipped_calendar();
    if (!calendar.ok()) return void(exit_code = Fail(calendar.status()));
    CalendarService calendars(**store, audit);
    if (Status s = calendars.ReplaceYears(Caller::Operator(), *calendar, "calendar.import");
        !s.ok()) {
      return void(exit_code = Fail(s));
    }
    if (init_demo) {  // four months of the loop, and the assessment schemes with their scores
      Date today = ShanghaiDate(env.clock->Now());
      auto files = std::filesystem::path(init_data) / "files";
      if (Status s = SeedDemoItems(**store, calendars, files, today); !s.ok()) {
        return void(exit_code = Fail(s.WithContext("演示事项")));
      }
      ItemService items(**store, *env.clock, audit, calendars, files);
      AssessmentService assessment(**store, *env.clock, audit, items);
      if (Status s = SeedDemoSchemes(**store, assessment, today); !s.ok()) {
        return void(exit_code = Fail(s.WithContext("演示考核方案")));
      }
    }
    std::cout << "已创建数据库: " << (db_url.empty() ? init_data : "PostgreSQL") << "\n";
    std::cout << "工作日历: " << calendar->begin()->first << "–" << calendar->rbegin()->first
              << " 年\n";
    std::cout << "管理员账号: admin\n";
    if (generated) std::cout << "管理员密码（只显示这一次，请妥善保存）: " << password << "\n";
    if (!result->demo_usernames.empty()) {
      std::cout << "演示账号（密码与 admin 相同）:";
      for (const auto& u : result->demo_usernames) std::cout << " " << u;
      std::cout << "\n";
    }
  });

  // ---- serve ----
  ServeConfig serve_config;
  std::string config_file;
  auto* serve = app.add_subcommand("serve", "Serve the web UI and the API");
  serve->add_option("--config", config_file, "TOML configuration file (flags override it)");
  auto* data_opt = serve->add_option("--data", serve_config.data_dir, "Data directory");
  auto* listen_opt = serve->add_option("--listen", serve_config.listen, "HOST:PORT to listen on");
  auto* web_opt = serve->add_option("--web", serve_config.web_root, "Built web UI (web/dist)");
  auto* db_opt = serve->add_option("--db", serve_config.db_url,
                                   "PostgreSQL URL (postgresql://...); default: SQLite in --data");
  bool no_background = false;
  serve->add_flag("--no-background", no_background,
                  "No scheduled sweep or bulletins: only requests change data (tests)");
  serve->callback([&] {
    ServeConfig c;
    if (!config_file.empty()) {
      if (Status s = LoadConfigFile(config_file, c); !s.ok()) return void(exit_code = Fail(s));
    }
    if (data_opt->count()) c.data_dir = serve_config.data_dir;
    if (listen_opt->count()) c.listen = serve_config.listen;
    if (web_opt->count()) c.web_root = serve_config.web_root;
    if (db_opt->count()) c.db_url = serve_config.db_url;
    if (no_background) c.background_tasks = false;
    std::string host;
    unsigned short port = 0;
    if (Status s = ParseListen(c.listen, host, port); !s.ok()) return void(exit_code = Fail(s));
    exit_code = env.serve(c);
  });

  // ---- user ----
  auto* user = app.add_subcommand("user", "Manage accounts from the server's console");
  user->require_subcommand(1);
  std::string user_data = "./data", username, roles = "viewer";
  int64_t unit_id = 0, person_id = 0;
  auto* user_add = user->add_subcommand("add", "Add an account");
  user_add->add_option("--data", user_data, "Data directory")->capture_default_str();
  user_add->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
  user_add->add_option("--username", username, "Login name")->required();
  user_add->add_option("--unit", unit_id, "Unit id the account belongs to")->required();
  user_add
      ->add_option("--roles", roles, "Comma list: admin,supervisor,leader,handler,evaluator,viewer")
      ->capture_default_str();
  user_add->add_option("--person", person_id, "Person id (optional)");
  user_add->footer("The password comes from DUBAN_PASSWORD, or is generated and printed once.");
  user_add->callback([&] {
    auto store = env.open_store(user_data, db_url, false);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto role_set = RoleSet::Parse(roles);
    if (!role_set.ok()) return void(exit_code = Fail(role_set.status()));
    bool generated = false;
    std::string password = PasswordFromEnv("DUBAN_PASSWORD", generated);
    AuditLog audit(*env.clock);
    OrgService org(**store, *env.hasher, audit);
    AccountInput in{username, password, unit_id,
                    person_id > 0 ? std::optional<PersonId>(person_id) : std::nullopt,
                    role_set->Names()};
    auto account = org.CreateAccount(Caller::Operator(), in);
    if (!account.ok()) return void(exit_code = Fail(account.status()));
    std::cout << fmt::format("已创建账号 {}（id {}，单位 {}，角色 {}）\n", account->username,
                             account->id, account->unit_name, account->roles.Join());
    if (generated) std::cout << "初始密码（只显示这一次）: " << password << "\n";
  });
  std::string passwd_user;
  auto* user_passwd = user->add_subcommand("passwd", "Set a new password for an account");
  user_passwd->add_option("--data", user_data, "Data directory")->capture_default_str();
  user_passwd->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
  user_passwd->add_option("--username", passwd_user, "Login name")->required();
  user_passwd->footer(
      "The new password comes from DUBAN_PASSWORD, or is generated and printed once. The "
      "account's sessions end and its lockout is lifted.");
  user_passwd->callback([&] {
    auto store = env.open_store(user_data, db_url, false);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    std::optional<AccountId> id;
    Status s = (*store)->Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(Account a, tx.accounts().FindByUsername(passwd_user));
      id = a.id;
      return Status::Ok();
    });
    if (!s.ok()) return void(exit_code = Fail(s));
    bool generated = false;
    std::string password = PasswordFromEnv("DUBAN_PASSWORD", generated);
    AuditLog audit(*env.clock);
    OrgService org(**store, *env.hasher, audit);
    AccountPatch patch;
    patch.password = password;
    auto account = org.UpdateAccount(Caller::Operator(), *id, patch);
    if (!account.ok()) return void(exit_code = Fail(account.status()));
    std::cout << "已为 " << passwd_user << " 设置新密码\n";
    if (generated) std::cout << "新密码（只显示这一次）: " << password << "\n";
  });

  // ---- audit ----
  auto* audit_cmd = app.add_subcommand("audit", "The audit chain");
  audit_cmd->require_subcommand(1);
  std::string audit_data = "./data";
  auto* verify = audit_cmd->add_subcommand("verify", "Check every audit event's hash and order");
  verify->add_option("--data", audit_data, "Data directory")->capture_default_str();
  verify->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
  verify->callback([&] {
    auto store = env.open_store(audit_data, db_url, false);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto report = AuditLog::Verify(
        **store, [](int64_t n) { std::cerr << "\r已校验 " << n << " 条" << std::flush; });
    std::cerr << "\n";
    if (!report.ok()) return void(exit_code = Fail(report.status()));
    if (report->ok) {
      std::cout << "审计链完整: " << report->events_checked << " 条事件全部校验通过\n";
    } else {
      std::cout << "审计链被破坏: 第 " << report->first_bad_seq << " 条事件: " << report->reason
                << "（此前 " << report->events_checked << " 条校验通过）\n";
      exit_code = 1;
    }
  });

  // ---- migrate ----
  auto* migrate = app.add_subcommand("migrate", "Schema migrations");
  std::string migrate_data = "./data";
  bool migrate_check = false;
  migrate->add_option("--data", migrate_data, "Data directory")->capture_default_str();
  migrate->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
  migrate->add_flag("--check", migrate_check,
                    "Only tell whether the database is at this binary's version (exit 1 if not)");
  migrate->footer("Without --check, applies pending migrations (serve also does this at start).");
  migrate->callback([&] {
    auto versions = env.schema_versions(migrate_data, db_url);
    if (!versions.ok()) return void(exit_code = Fail(versions.status()));
    auto [at, newest] = *versions;
    if (migrate_check) {
      if (at == newest) {
        std::cout << "数据库结构为最新版本 " << at << "\n";
      } else {
        std::cout << "数据库结构版本 " << at << "，本程序为 " << newest
                  << (at < newest ? "：需要迁移（duban migrate）\n"
                                  : "：数据库比程序新，请升级 duban\n");
        exit_code = 1;
      }
      return;
    }
    auto store = env.open_store(migrate_data, db_url, false);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    std::cout << "数据库结构已从版本 " << at << " 迁移到 " << (*store)->SchemaVersion() << "\n";
  });

  // ---- the loop: sweep, import, export ----
  std::string loop_data = "./data";
  auto loop_services = [&](auto&& body) {
    auto store = env.open_store(loop_data, db_url, false);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    AuditLog audit(*env.clock);
    CalendarService calendar(**store, audit);
    if (Status s = calendar.Load(); !s.ok()) return void(exit_code = Fail(s));
    ItemService items(**store, *env.clock, audit, calendar,
                      std::filesystem::path(loop_data) / "files");
    LedgerService ledger(**store, *env.clock, audit, items, calendar);
    body(items, ledger);
  };
  auto* sweep = app.add_subcommand("sweep", "Run the supervision sweep now (SPEC §5)");
  sweep->add_option("--data", loop_data, "Data directory")->capture_default_str();
  sweep->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
  sweep->callback([&] {
    loop_services([&](ItemService& items, LedgerService&) {
      auto r = items.Sweep(Caller::Operator());
      if (!r.ok()) return void(exit_code = Fail(r.status()));
      std::cout << fmt::format("巡查完成：检查 {} 项，新发督办单 {} 份，升级挂牌督办 {} 份\n",
                               r->checked, r->issued, r->escalated);
    });
  });
  std::string import_file;
  bool import_good_rows = false;
  auto* import = app.add_subcommand("import", "Import a ledger (XLSX or CSV, UTF-8 or GB18030)");
  import
      ->add_option("FILE", import_file,
                   "The ledger file (see the template: duban export --template)")
      ->required();
  import->add_option("--data", loop_data, "Data directory")->capture_default_str();
  import->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
  import->add_flag("--good-rows", import_good_rows,
                   "Import the rows without errors even when others have errors");
  import->callback([&] {
    auto bytes = ReadWholeFile(import_file);
  if (!bytes.ok()) return void(exit_code = Fail(bytes.status()));
  bool zip = bytes->compare(0, 4, "PK\x03\x04") == 0;
  auto table = zip ? env.codec->read_xlsx(*bytes) : env.codec->read_csv(*bytes);
  if (!table.ok()) return void(exit_code = Fail(table.status().WithContext(import_file)));
  loop_services([&](ItemService&, LedgerService& ledger) {
    auto r = ledger.Import(Caller::Operator(), *table, import_good_rows,
                           [](int64_t done, int64_t total) { DrawProgress("导入", done, total); });
    if (!r.ok()) return void(exit_code = Fail(r.status()));
    for (const auto& e : r->errors) {
      std::cerr << fmt::format("第 {} 行「{}」: {}\n", e.row, e.column, e.message);
    }
    if (!r->errors.empty() && !import_good_rows) {
      std::cerr << fmt::format("有 {} 处错误，未导入任何行（--good-rows 只导入无误的行）\n",
                               r->errors.size());
      exit_code = 2;
      return;
    }
    std::cout << fmt::format("已导入 {} 行\n", r->imported);
  });
});
std::string export_out, export_status, export_q;
bool export_template = false;
auto* exp = app.add_subcommand("export", "Export the ledger (or the import template) as XLSX");
exp->add_option("--out", export_out, "Output .xlsx (or .csv) file")->required();
exp->add_option("--data", loop_data, "Data directory")->capture_default_str();
exp->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
exp->add_option("--status", export_status, "Only these statuses (comma list: draft,assigned,...)");
exp->add_option("--q", export_q, "Only items whose code, title or description contain this");
exp->add_flag("--template", export_template, "Write the empty import template instead");
exp->callback([&] {
  loop_services([&](ItemService&, LedgerService& ledger) {
    LedgerTable t;
    if (export_template) {
      t = ledger.Template();
    } else {
      ItemQuery q;
      q.q = export_q;
      std::stringstream ss(export_status);
      std::string part;
      while (std::getline(ss, part, ',')) {
        auto st = ParseItemStatus(part);
        if (!st) return void(exit_code = Fail(InvalidArgument("--status 无效: " + part)));
        q.statuses.push_back(*st);
      }
      auto r = ledger.Export(Caller::Operator(), q);
      if (!r.ok()) return void(exit_code = Fail(r.status()));
      t = std::move(*r);
    }
    bool csv = export_out.size() > 4 && export_out.substr(export_out.size() - 4) == ".csv";
    std::string bytes;
    if (csv) {
      bytes = env.codec->write_csv(t);
    } else {
      auto x = env.codec->write_xlsx(export_template ? "导入模板" : "整改台账", t);
      if (!x.ok()) return void(exit_code = Fail(x.status()));
      bytes = std::move(*x);
    }
    std::ofstream out(export_out, std::ios::binary);
    out << bytes;
    if (!out) return void(exit_code = Fail(Unavailable("无法写入 " + export_out)));
    std::cout << fmt::format("已导出 {} 行到 {}\n", t.rows.size(), export_out);
  });
});

// ---- bulletin ----
std::string bulletin_period, bulletin_out, bulletin_kind, bulletin_scheme;
int64_t bulletin_scope = 0;
bool bulletin_issue = false;
auto* bulletin = app.add_subcommand("bulletin", "Write a bulletin 通报 for a period and scope");
bulletin
    ->add_option("--period", bulletin_period,
                 "2026-10, 2026-Q3, 2026-W44 or 2026-10-01..2026-10-31")
    ->required();
bulletin->add_option("--scope", bulletin_scope, "Unit id (default: the top unit)");
bulletin->add_option("--kind", bulletin_kind, "Only items of this kind (problem, hazard, ...)");
bulletin->add_option("--scheme", bulletin_scheme,
                     "Also score each unit under this assessment scheme (e.g. zuofeng-2026)");
bulletin->add_option("--out", bulletin_out, "Output file: .json, .xlsx, .docx or .pdf")->required();
bulletin->add_flag(
    "--issue", bulletin_issue,
    "Issue it into the register with the next 发文字号 (the period must have ended)");
bulletin->add_option("--data", loop_data, "Data directory")->capture_default_str();
bulletin->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
bulletin->callback([&] {
  auto period = ParsePeriod(bulletin_period);
  if (!period.ok()) return void(exit_code = Fail(period.status()));
  std::optional<ItemKind> kind;
  if (!bulletin_kind.empty()) {
    kind = ParseItemKind(bulletin_kind);
    if (!kind) return void(exit_code = Fail(InvalidArgument("--kind 无效: " + bulletin_kind)));
  }
  std::string ext = bulletin_out.substr(bulletin_out.find_last_of('.') + 1);
  if (ext != "json" && ext != "xlsx" && ext != "docx" && ext != "pdf") {
    return void(exit_code = Fail(InvalidArgument("--out 须以 .json、.xlsx、.docx 或 .pdf 结尾")));
  }
  auto store = env.open_store(loop_data, db_url, false);
  if (!store.ok()) return void(exit_code = Fail(store.status()));
  AuditLog audit(*env.clock);
  CalendarService calendar(**store, audit);
  if (Status st = calendar.Load(); !st.ok()) return void(exit_code = Fail(st));
  ItemService items(**store, *env.clock, audit, calendar,
                    std::filesystem::path(loop_data) / "files");
  BulletinService bulletins(**store, items, *env.clock, audit);
  UnitId scope = bulletin_scope;
  if (scope == 0) {
    Status st = (*store)->Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(auto roots,
                             tx.units().List(Scope::Everything(), {std::nullopt, "", {1, 1}}));
      if (roots.items.empty()) return NotFound("数据库中没有单位");
      scope = roots.items[0].id;
      return Status::Ok();
    });
    if (!st.ok()) return void(exit_code = Fail(st));
  }
  auto b = [&]() -> Result<Bulletin> {
    if (!bulletin_issue) {
      return bulletins.Generate(Caller::Operator(), *period, scope, kind, bulletin_scheme);
    }
    DUBAN_ASSIGN_OR_RETURN(IssuedBulletin issued, bulletins.Issue(Caller::Operator(), *period,
                                                                  scope, kind, bulletin_scheme));
    std::cout << "已印发 " << issued.record.doc_number << "\n";
    return std::move(issued.bulletin);
  }();
  if (!b.ok()) return void(exit_code = Fail(b.status()));
  Result<std::string> bytes = std::string();
  if (ext == "json") bytes = BulletinService::ToJson(*b).dump(2);
  if (ext == "xlsx") bytes = env.codec->write_xlsx_sheets(BulletinService::ToSheets(*b));
  if (ext == "docx") bytes = env.codec->write_docx(BulletinService::ToDocument(*b));
  if (ext == "pdf") bytes = env.codec->write_pdf(BulletinService::ToDocument(*b));
  if (!bytes.ok()) return void(exit_code = Fail(bytes.status()));
  std::ofstream out(bulletin_out, std::ios::binary);
  out << *bytes;
  if (!out) return void(exit_code = Fail(Unavailable("无法写入 " + bulletin_out)));
  std::cout << fmt::format("已生成 {}{}通报: {}（整改率 {}）\n", b->scope.name, b->period.label,
                           bulletin_out, FormatPercent(b->totals.closed_total, b->totals.total));
});

// ---- migrate-store ----
std::string copy_from, copy_to;
auto* copy = app.add_subcommand("migrate-store",
                                "Copy a whole database between stores (SQLite <-> PostgreSQL)");
copy->add_option("--from", copy_from, "Source: a data directory (SQLite) or postgresql://...")
    ->required();
copy->add_option("--to", copy_to,
                 "Target: a data directory (created) or postgresql://... (must be empty)")
    ->required();
copy->footer(
    "Copies units, people, accounts, sessions and the audit chain with their ids, in "
    "one transaction; verifies the chain on the target. Stop the server first.");
copy->callback([&] {
  auto is_url = [](const std::string& s) { return s.find("://") != std::string::npos; };
  auto from = is_url(copy_from) ? env.open_store("", copy_from, false)
                                : env.open_store(copy_from, "", false);
  if (!from.ok()) return void(exit_code = Fail(from.status().WithContext("--from")));
  auto to =
      is_url(copy_to) ? env.open_store("", copy_to, false) : env.open_store(copy_to, "", true);
  if (!to.ok()) return void(exit_code = Fail(to.status().WithContext("--to")));
  auto report = CopyStore(**from, **to, [](const std::string& table, int64_t done, int64_t total) {
    std::cerr << "\r" << table << ": " << done << "/" << total << std::flush;
    if (done == total) std::cerr << "\n";
  });
  if (!report.ok()) return void(exit_code = Fail(report.status()));
  for (const auto& [table, n] : report->rows) std::cout << table << ": " << n << " 行\n";
  std::cout << "复制完成，审计链 " << report->audit_events_verified << " 条校验通过\n";
});

// ---- backup, restore ----
std::string backup_data = "./data", backup_to;
auto* backup = app.add_subcommand("backup", "Back up the database and evidence files (online)");
backup->add_option("--data", backup_data, "Data directory")->capture_default_str();
backup->add_option("--db", db_url, "PostgreSQL URL; default: SQLite in --data");
backup->add_option("--to", backup_to, "The backup file to write (a ZIP archive; must not exist)")
    ->required();
backup->footer(
    "Safe while the server runs and writes. SQLite: the online backup API; PostgreSQL: pg_dump "
    "(postgresql-client). The archive holds manifest.json, the database and files/.");
backup->callback([&] { exit_code = RunBackup(env, backup_data, db_url, backup_to); });
std::string restore_from, restore_data = "./data";
bool restore_force = false;
auto* restore = app.add_subcommand("restore", "Restore a backup made by duban backup");
restore->add_option("--from", restore_from, "The backup file")->required();
restore->add_option("--data", restore_data, "Data directory (evidence files; SQLite database)")
    ->capture_default_str();
restore->add_option("--db", db_url, "PostgreSQL URL to restore into; default: SQLite in --data");
restore->add_flag("--force", restore_force, "Replace an existing database (stop the server first)");
restore->footer(
    "Refuses a non-empty target without --force. Checks the archive, each file's SHA-256, the "
    "schema version, every table's row count and the audit chain.");
restore->callback([&] {
  exit_code = RunRestore(env, restore_from, restore_data, db_url, restore_force);
});

try {
  app.parse(argc, argv);
} catch (const CLI::ParseError& e) {
  return app.exit(e);
}
return exit_code;
}  // namespace duban::cli

}  // namespace duban::cli
