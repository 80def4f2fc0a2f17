#include "cli/commands.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/demo_data.h"
#include "app/records/bulletin_record.h"
#include "app/services.h"
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

Result<OpenedStore> OpenServices(CliEnvironment& env, const std::string& data_dir,
                                 const std::string& db_url, bool create) {
  OpenedStore out;
  DUBAN_ASSIGN_OR_RETURN(out.store, env.open_store(data_dir, db_url, create));
  ServicesOptions options;
  options.files_dir = std::filesystem::path(data_dir) / "files";
  DUBAN_ASSIGN_OR_RETURN(out.services,
                         Services::Build(*out.store, *env.clock, *env.hasher, options));
  return out;
}

namespace {

// What every command shares: the environment from main/, the one --db of the command that
// runs, and the process exit code its callback sets.
struct Cli {
  CliEnvironment& env;
  std::string db_url;
  int exit_code = 0;
  void Fail(const Status& s) { exit_code = cli::Fail(s); }
};

// ---- init ----

struct InitOptions {
  std::string data = "./data";
  bool demo = false;
};

void RunInit(Cli& cli, const InitOptions& o) {
  CliEnvironment& env = cli.env;
  auto opened = OpenServices(env, o.data, cli.db_url, true);
  if (!opened.ok()) return cli.Fail(opened.status());
  Store& store = *opened->store;
  Services& services = *opened->services;
  bool generated = false;
  std::string password = PasswordFromEnv("DUBAN_ADMIN_PASSWORD", generated);
  auto result = InitializeDatabase(store, services.org, password, o.demo);
  if (!result.ok()) return cli.Fail(result.status());
  // SPEC §4: the calendar ships for every year the State Council has published.
  auto calendar = env.shipped_calendar();
  if (!calendar.ok()) return cli.Fail(calendar.status());
  if (Status s = services.calendar.ReplaceYears(Caller::Operator(), *calendar, "calendar.import");
      !s.ok()) {
    return cli.Fail(s);
  }
  if (o.demo) {  // four months of the loop, and the assessment schemes with their scores
    Date today = ShanghaiDate(env.clock->Now());
    auto files = std::filesystem::path(o.data) / "files";
    if (Status s = SeedDemoItems(store, *env.hasher, files, today); !s.ok()) {
      return cli.Fail(s.WithContext("演示事项"));
    }
    if (Status s = SeedDemoSchemes(store, services.assessment, today); !s.ok()) {
      return cli.Fail(s.WithContext("演示考核方案"));
    }
  }
  std::cout << "已创建数据库: " << (cli.db_url.empty() ? o.data : "PostgreSQL") << "\n";
  std::cout << "工作日历: " << calendar->begin()->first << "–" << calendar->rbegin()->first
            << " 年\n";
  std::cout << "管理员账号: admin\n";
  if (generated) std::cout << "管理员密码（只显示这一次，请妥善保存）: " << password << "\n";
  if (!result->demo_usernames.empty()) {
    std::cout << "演示账号（密码与 admin 相同）:";
    for (const auto& u : result->demo_usernames) std::cout << " " << u;
    std::cout << "\n";
  }
}

void AddInit(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<InitOptions>();
  auto* init = app.add_subcommand("init", "Create a new database (and the admin account)");
  init->add_option("--data", o->data, "Data directory")->capture_default_str();
  init->add_flag("--demo", o->demo, "Add the demo county: units, people, an account per role");
  init->add_option("--db", cli.db_url,
                   "PostgreSQL URL (postgresql://...); default: SQLite in --data");
  init->footer(
      "The admin password comes from DUBAN_ADMIN_PASSWORD, or is generated and printed once.");
  init->callback([&cli, o] { RunInit(cli, *o); });
}

// ---- serve ----

void AddServe(CLI::App& app, Cli& cli) {
  struct ServeOptions {
    ServeConfig flags;
    std::string config_file;
    bool no_background = false;
  };
  auto o = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand("serve", "Serve the web UI and the API");
  serve->add_option("--config", o->config_file, "TOML configuration file (flags override it)");
  auto* data_opt = serve->add_option("--data", o->flags.data_dir, "Data directory");
  auto* listen_opt = serve->add_option("--listen", o->flags.listen, "HOST:PORT to listen on");
  auto* web_opt = serve->add_option("--web", o->flags.web_root, "Built web UI (web/dist)");
  auto* db_opt = serve->add_option("--db", o->flags.db_url,
                                   "PostgreSQL URL (postgresql://...); default: SQLite in --data");
  serve->add_flag("--no-background", o->no_background,
                  "No scheduled sweep or bulletins: only requests change data (tests)");
  serve->callback([&cli, o, data_opt, listen_opt, web_opt, db_opt] {
    ServeConfig c;
    if (!o->config_file.empty()) {
      if (Status s = LoadConfigFile(o->config_file, c); !s.ok()) return cli.Fail(s);
    }
    if (data_opt->count()) c.data_dir = o->flags.data_dir;
    if (listen_opt->count()) c.listen = o->flags.listen;
    if (web_opt->count()) c.web_root = o->flags.web_root;
    if (db_opt->count()) c.db_url = o->flags.db_url;
    if (o->no_background) c.background_tasks = false;
    std::string host;
    unsigned short port = 0;
    if (Status s = ParseListen(c.listen, host, port); !s.ok()) return cli.Fail(s);
    cli.exit_code = cli.env.serve(c);
  });
}

// ---- user add, user passwd ----

struct UserOptions {
  std::string data = "./data", username, roles = "viewer", passwd_user;
  int64_t unit_id = 0, person_id = 0;
};

void RunUserAdd(Cli& cli, const UserOptions& o) {
  auto opened = OpenServices(cli.env, o.data, cli.db_url, false);
  if (!opened.ok()) return cli.Fail(opened.status());
  auto role_set = RoleSet::Parse(o.roles);
  if (!role_set.ok()) return cli.Fail(role_set.status());
  bool generated = false;
  std::string password = PasswordFromEnv("DUBAN_PASSWORD", generated);
  AccountInput in{o.username, password, o.unit_id,
                  o.person_id > 0 ? std::optional<PersonId>(o.person_id) : std::nullopt,
                  role_set->Names()};
  auto account = opened->services->org.CreateAccount(Caller::Operator(), in);
  if (!account.ok()) return cli.Fail(account.status());
  std::cout << fmt::format("已创建账号 {}（id {}，单位 {}，角色 {}）\n", account->username,
                           account->id, account->unit_name, account->roles.Join());
  if (generated) std::cout << "初始密码（只显示这一次）: " << password << "\n";
}

void RunUserPasswd(Cli& cli, const UserOptions& o) {
  auto opened = OpenServices(cli.env, o.data, cli.db_url, false);
  if (!opened.ok()) return cli.Fail(opened.status());
  OrgService& org = opened->services->org;
  auto id = org.FindAccountId(Caller::Operator(), o.passwd_user);
  if (!id.ok()) return cli.Fail(id.status());
  bool generated = false;
  std::string password = PasswordFromEnv("DUBAN_PASSWORD", generated);
  AccountPatch patch;
  patch.password = password;
  auto account = org.UpdateAccount(Caller::Operator(), *id, patch);
  if (!account.ok()) return cli.Fail(account.status());
  std::cout << "已为 " << o.passwd_user << " 设置新密码\n";
  if (generated) std::cout << "新密码（只显示这一次）: " << password << "\n";
}

void AddUser(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<UserOptions>();
  auto* user = app.add_subcommand("user", "Manage accounts from the server's console");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add an account");
  user_add->add_option("--data", o->data, "Data directory")->capture_default_str();
  user_add->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  user_add->add_option("--username", o->username, "Login name")->required();
  user_add->add_option("--unit", o->unit_id, "Unit id the account belongs to")->required();
  user_add
      ->add_option("--roles", o->roles,
                   "Comma list: admin,supervisor,leader,handler,evaluator,viewer")
      ->capture_default_str();
  user_add->add_option("--person", o->person_id, "Person id (optional)");
  user_add->footer("The password comes from DUBAN_PASSWORD, or is generated and printed once.");
  user_add->callback([&cli, o] { RunUserAdd(cli, *o); });
  auto* user_passwd = user->add_subcommand("passwd", "Set a new password for an account");
  user_passwd->add_option("--data", o->data, "Data directory")->capture_default_str();
  user_passwd->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  user_passwd->add_option("--username", o->passwd_user, "Login name")->required();
  user_passwd->footer(
      "The new password comes from DUBAN_PASSWORD, or is generated and printed once. The "
      "account's sessions end and its lockout is lifted.");
  user_passwd->callback([&cli, o] { RunUserPasswd(cli, *o); });
}

// ---- audit verify, migrate ----

void AddAudit(CLI::App& app, Cli& cli) {
  auto data = std::make_shared<std::string>("./data");
  auto* audit_cmd = app.add_subcommand("audit", "The audit chain");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "Check every audit event's hash and order");
  verify->add_option("--data", *data, "Data directory")->capture_default_str();
  verify->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  verify->callback([&cli, data] {
    auto opened = OpenServices(cli.env, *data, cli.db_url, false);
    if (!opened.ok()) return cli.Fail(opened.status());
    auto report = AuditLog::Verify(
        *opened->store, [](int64_t n) { std::cerr << "\r已校验 " << n << " 条" << std::flush; });
    std::cerr << "\n";
    if (!report.ok()) return cli.Fail(report.status());
    if (report->ok) {
      std::cout << "审计链完整: " << report->events_checked << " 条事件全部校验通过\n";
    } else {
      std::cout << "审计链被破坏: 第 " << report->first_bad_seq << " 条事件: " << report->reason
                << "（此前 " << report->events_checked << " 条校验通过）\n";
      cli.exit_code = 1;
    }
  });
}

void AddMigrate(CLI::App& app, Cli& cli) {
  struct MigrateOptions {
    std::string data = "./data";
    bool check = false;
  };
  auto o = std::make_shared<MigrateOptions>();
  auto* migrate = app.add_subcommand("migrate", "Schema migrations");
  migrate->add_option("--data", o->data, "Data directory")->capture_default_str();
  migrate->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  migrate->add_flag("--check", o->check,
                    "Only tell whether the database is at this binary's version (exit 1 if not)");
  migrate->footer("Without --check, applies pending migrations (serve also does this at start).");
  migrate->callback([&cli, o] {
    auto versions = cli.env.schema_versions(o->data, cli.db_url);
    if (!versions.ok()) return cli.Fail(versions.status());
    auto [at, newest] = *versions;
    if (o->check) {
      if (at == newest) {
        std::cout << "数据库结构为最新版本 " << at << "\n";
      } else {
        std::cout << "数据库结构版本 " << at << "，本程序为 " << newest
                  << (at < newest ? "：需要迁移（duban migrate）\n"
                                  : "：数据库比程序新，请升级 duban\n");
        cli.exit_code = 1;
      }
      return;
    }
    // Opening the store applies the pending migrations.
    auto opened = OpenServices(cli.env, o->data, cli.db_url, false);
    if (!opened.ok()) return cli.Fail(opened.status());
    std::cout << "数据库结构已从版本 " << at << " 迁移到 "
              << opened->services->health.SchemaVersion() << "\n";
  });
}

// ---- the loop: sweep, import, export ----

struct LoopOptions {
  std::string data = "./data";
  std::string import_file;
  bool import_good_rows = false;
  std::string export_out, export_status, export_q;
  bool export_template = false;
};

void RunImport(Cli& cli, const LoopOptions& o) {
  auto bytes = ReadWholeFile(o.import_file);
  if (!bytes.ok()) return cli.Fail(bytes.status());
  bool zip = bytes->compare(0, 4, "PK\x03\x04") == 0;
  auto table = zip ? cli.env.codec->read_xlsx(*bytes) : cli.env.codec->read_csv(*bytes);
  if (!table.ok()) return cli.Fail(table.status().WithContext(o.import_file));
  auto opened = OpenServices(cli.env, o.data, cli.db_url, false);
  if (!opened.ok()) return cli.Fail(opened.status());
  auto r = opened->services->ledger.Import(
      Caller::Operator(), *table, o.import_good_rows,
      [](int64_t done, int64_t total) { DrawProgress("导入", done, total); });
  if (!r.ok()) return cli.Fail(r.status());
  for (const auto& e : r->errors) {
    std::cerr << fmt::format("第 {} 行「{}」: {}\n", e.row, e.column, e.message);
  }
  if (!r->errors.empty() && !o.import_good_rows) {
    std::cerr << fmt::format("有 {} 处错误，未导入任何行（--good-rows 只导入无误的行）\n",
                             r->errors.size());
    cli.exit_code = 2;
    return;
  }
  std::cout << fmt::format("已导入 {} 行\n", r->imported);
}

void RunExport(Cli& cli, const LoopOptions& o) {
  auto opened = OpenServices(cli.env, o.data, cli.db_url, false);
  if (!opened.ok()) return cli.Fail(opened.status());
  LedgerService& ledger = opened->services->ledger;
  LedgerTable t;
  if (o.export_template) {
    t = ledger.Template();
  } else {
    ItemQuery q;
    q.q = o.export_q;
    std::stringstream ss(o.export_status);
    std::string part;
    while (std::getline(ss, part, ',')) {
      auto st = ParseItemStatus(part);
      if (!st) return cli.Fail(InvalidArgument("--status 无效: " + part));
      q.statuses.push_back(*st);
    }
    auto r = ledger.Export(Caller::Operator(), q);
    if (!r.ok()) return cli.Fail(r.status());
    t = std::move(*r);
  }
  const std::string& path = o.export_out;
  bool csv = path.size() > 4 && path.substr(path.size() - 4) == ".csv";
  std::string bytes;
  if (csv) {
    bytes = cli.env.codec->write_csv(t);
  } else {
    auto x = cli.env.codec->write_xlsx(o.export_template ? "导入模板" : "整改台账", t);
    if (!x.ok()) return cli.Fail(x.status());
    bytes = std::move(*x);
  }
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) return cli.Fail(Unavailable("无法写入 " + path));
  std::cout << fmt::format("已导出 {} 行到 {}\n", t.rows.size(), path);
}

void AddLoop(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<LoopOptions>();
  auto* sweep = app.add_subcommand("sweep", "Run the supervision sweep now (SPEC §5)");
  sweep->add_option("--data", o->data, "Data directory")->capture_default_str();
  sweep->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  sweep->callback([&cli, o] {
    auto opened = OpenServices(cli.env, o->data, cli.db_url, false);
    if (!opened.ok()) return cli.Fail(opened.status());
    auto r = opened->services->items.Sweep(Caller::Operator());
    if (!r.ok()) return cli.Fail(r.status());
    std::cout << fmt::format("巡查完成：检查 {} 项，新发督办单 {} 份，升级挂牌督办 {} 份\n",
                             r->checked, r->issued, r->escalated);
  });
  auto* import = app.add_subcommand("import", "Import a ledger (XLSX or CSV, UTF-8 or GB18030)");
  import
      ->add_option("FILE", o->import_file,
                   "The ledger file (see the template: duban export --template)")
      ->required();
  import->add_option("--data", o->data, "Data directory")->capture_default_str();
  import->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  import->add_flag("--good-rows", o->import_good_rows,
                   "Import the rows without errors even when others have errors");
  import->callback([&cli, o] { RunImport(cli, *o);
});
auto* exp = app.add_subcommand("export", "Export the ledger (or the import template) as XLSX");
exp->add_option("--out", o->export_out, "Output .xlsx (or .csv) file")->required();
exp->add_option("--data", o->data, "Data directory")->capture_default_str();
exp->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
exp->add_option("--status", o->export_status,
                "Only these statuses (comma list: draft,assigned,...)");
exp->add_option("--q", o->export_q, "Only items whose code, title or description contain this");
exp->add_flag("--template", o->export_template, "Write the empty import template instead");
exp->callback([&cli, o] { RunExport(cli, *o); });
}  // namespace

// ---- bulletin ----

struct BulletinOptions {
  std::string period, out, kind, scheme, data = "./data";
  int64_t scope = 0;
  bool issue = false;
};

void RunBulletin(Cli& cli, const BulletinOptions& o) {
  auto period = ParsePeriod(o.period);
  if (!period.ok()) return cli.Fail(period.status());
  std::optional<ItemKind> kind;
  if (!o.kind.empty()) {
    kind = ParseItemKind(o.kind);
    if (!kind) return cli.Fail(InvalidArgument("--kind 无效: " + o.kind));
  }
  std::string ext = o.out.substr(o.out.find_last_of('.') + 1);
  if (ext != "json" && ext != "xlsx" && ext != "docx" && ext != "pdf") {
    return cli.Fail(InvalidArgument("--out 须以 .json、.xlsx、.docx 或 .pdf 结尾"));
  }
  auto opened = OpenServices(cli.env, o.data, cli.db_url, false);
  if (!opened.ok()) return cli.Fail(opened.status());
  Services& services = *opened->services;
  UnitId scope = o.scope;
  if (scope == 0) {
    auto root = services.org.RootUnit(Caller::Operator());
    if (!root.ok()) return cli.Fail(root.status());
    scope = root->id;
  }
  auto b = [&]() -> Result<Bulletin> {
    if (!o.issue) {
      return services.bulletins.Generate(Caller::Operator(), *period, scope, kind, o.scheme);
    }
    DUBAN_ASSIGN_OR_RETURN(
        IssuedBulletin issued,
        services.bulletins.Issue(Caller::Operator(), *period, scope, kind, o.scheme));
    std::cout << "已印发 " << issued.record.doc_number << "\n";
    return std::move(issued.bulletin);
  }();
  if (!b.ok()) return cli.Fail(b.status());
  const TableCodec& codec = *cli.env.codec;
  Result<std::string> bytes = std::string();
  // JSON: the register's own form of a bulletin (app/records/bulletin_record.h), indented.
  if (ext == "json") bytes = nlohmann::json::parse(EncodeBulletinContent(*b)).dump(2);
  if (ext == "xlsx") bytes = codec.write_xlsx_sheets(BulletinService::ToSheets(*b));
  if (ext == "docx") bytes = codec.write_docx(BulletinService::ToDocument(*b));
  if (ext == "pdf") bytes = codec.write_pdf(BulletinService::ToDocument(*b));
  if (!bytes.ok()) return cli.Fail(bytes.status());
  std::ofstream out(o.out, std::ios::binary);
  out << *bytes;
  if (!out) return cli.Fail(Unavailable("无法写入 " + o.out));
  std::cout << fmt::format("已生成 {}{}通报: {}（整改率 {}）\n", b->scope.name, b->period.label,
                           o.out, FormatPercent(b->totals.closed_total, b->totals.total));
}

void AddBulletin(CLI::App& app, Cli& cli) {
  auto o = std::make_shared<BulletinOptions>();
  auto* bulletin = app.add_subcommand("bulletin", "Write a bulletin 通报 for a period and scope");
  bulletin
      ->add_option("--period", o->period, "2026-10, 2026-Q3, 2026-W44 or 2026-10-01..2026-10-31")
      ->required();
  bulletin->add_option("--scope", o->scope, "Unit id (default: the top unit)");
  bulletin->add_option("--kind", o->kind, "Only items of this kind (problem, hazard, ...)");
  bulletin->add_option("--scheme", o->scheme,
                       "Also score each unit under this assessment scheme (e.g. zuofeng-2026)");
  bulletin->add_option("--out", o->out, "Output file: .json, .xlsx, .docx or .pdf")->required();
  bulletin->add_flag(
      "--issue", o->issue,
      "Issue it into the register with the next 发文字号 (the period must have ended)");
  bulletin->add_option("--data", o->data, "Data directory")->capture_default_str();
  bulletin->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  bulletin->callback([&cli, o] { RunBulletin(cli, *o); });
}

// ---- migrate-store, backup, restore ----

void AddMigrateStore(CLI::App& app, Cli& cli) {
  auto from_to = std::make_shared<std::pair<std::string, std::string>>();
  auto* copy = app.add_subcommand("migrate-store",
                                  "Copy a whole database between stores (SQLite <-> PostgreSQL)");
  copy->add_option("--from", from_to->first,
                   "Source: a data directory (SQLite) or postgresql://...")
      ->required();
  copy->add_option("--to", from_to->second,
                   "Target: a data directory (created) or postgresql://... (must be empty)")
      ->required();
  copy->footer(
      "Copies units, people, accounts, sessions and the audit chain with their ids, in "
      "one transaction; verifies the chain on the target. Stop the server first.");
  copy->callback([&cli, from_to] {
    const auto& [copy_from, copy_to] = *from_to;
    CliEnvironment& env = cli.env;
    auto is_url = [](const std::string& s) { return s.find("://") != std::string::npos; };
    auto from = is_url(copy_from) ? env.open_store("", copy_from, false)
                                  : env.open_store(copy_from, "", false);
    if (!from.ok()) return cli.Fail(from.status().WithContext("--from"));
    auto to =
        is_url(copy_to) ? env.open_store("", copy_to, false) : env.open_store(copy_to, "", true);
    if (!to.ok()) return cli.Fail(to.status().WithContext("--to"));
    auto report =
        CopyStore(**from, **to, [](const std::string& table, int64_t done, int64_t total) {
          std::cerr << "\r" << table << ": " << done << "/" << total << std::flush;
          if (done == total) std::cerr << "\n";
        });
    if (!report.ok()) return cli.Fail(report.status());
    for (const auto& [table, n] : report->rows) std::cout << table << ": " << n << " 行\n";
    std::cout << "复制完成，审计链 " << report->audit_events_verified << " 条校验通过\n";
  });
}

void AddBackup(CLI::App& app, Cli& cli) {
  struct BackupOptions {
    std::string data = "./data", to, from;
    bool force = false;
  };
  auto o = std::make_shared<BackupOptions>();
  auto* backup = app.add_subcommand("backup", "Back up the database and evidence files (online)");
  backup->add_option("--data", o->data, "Data directory")->capture_default_str();
  backup->add_option("--db", cli.db_url, "PostgreSQL URL; default: SQLite in --data");
  backup->add_option("--to", o->to, "The backup file to write (a ZIP archive; must not exist)")
      ->required();
  backup->footer(
      "Safe while the server runs and writes. SQLite: the online backup API; PostgreSQL: pg_dump "
      "(postgresql-client). The archive holds manifest.json, the database and files/.");
  backup->callback([&cli, o] { cli.exit_code = RunBackup(cli.env, o->data, cli.db_url, o->to); });
  auto* restore = app.add_subcommand("restore", "Restore a backup made by duban backup");
  restore->add_option("--from", o->from, "The backup file")->required();
  restore->add_option("--data", o->data, "Data directory (evidence files; SQLite database)")
      ->capture_default_str();
  restore->add_option("--db", cli.db_url,
                      "PostgreSQL URL to restore into; default: SQLite in --data");
  restore->add_flag("--force", o->force, "Replace an existing database (stop the server first)");
  restore->footer(
      "Refuses a non-empty target without --force. Checks the archive, each file's SHA-256, the "
      "schema version, every table's row count and the audit chain.");
  restore->callback(
      [&cli, o] { cli.exit_code = RunRestore(cli.env, o->from, o->data, cli.db_url, o->force); });
}

}  // namespace duban::cli

int RunCli(int argc, char** argv, CliEnvironment& env) {
  CLI::App app{"督办 Duban: closed-loop supervision and rectification platform"};
  app.set_version_flag("--version", "duban " + env.version);
  app.require_subcommand(1);
  Cli cli{env, {}, 0};
  AddInit(app, cli);
  AddServe(app, cli);
  AddUser(app, cli);
  AddAudit(app, cli);
  AddMigrate(app, cli);
  AddLoop(app, cli);
  AddBulletin(app, cli);
  AddMigrateStore(app, cli);
  AddBackup(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return cli.exit_code;
}

}  // namespace duban::cli
