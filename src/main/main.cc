// Wiring only: picks the concrete store, builds the services and the HTTP server, and hands
// them to the CLI. No logic lives here.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/audit_log.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/bulletin_service.h"
#include "app/calendar_service.h"
#include "app/campaign_service.h"
#include "app/crypto.h"
#include "app/item_service.h"
#include "app/org_service.h"
#include "app/periodic_task.h"
#include "cli/commands.h"
#include "http/api.h"
#include "http/origin.h"
#include "http/server.h"
#include "io/calendar_import.h"
#include "io/csv.h"
#include "io/official_document.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"
#include "io/zip_archive.h"
#include "storage/postgres/pg_store.h"
#include "storage/postgres/pg_tools.h"
#include "storage/sqlite/sqlite_store.h"

#ifndef DUBAN_VERSION
#define DUBAN_VERSION "dev"
#endif

namespace {

class SystemClock final : public duban::Clock {
 public:
  duban::Instant Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
};

duban::Result<std::unique_ptr<duban::Store>> OpenStore(const std::string& data_dir,
                                                       const std::string& db_url, bool create,
                                                       int readers,
                                                       const std::string& db_read_url = "",
                                                       int query_timeout_seconds = 10) {
  if (!db_url.empty()) {
    if (!duban::postgres::IsPostgresUrl(db_url)) {
      return duban::InvalidArgument("--db 须为 postgresql:// 开头的 PostgreSQL 地址，收到 \"" +
                                    db_url + "\"");
    }
    duban::postgres::PostgresOptions options;
    options.url = db_url;
    options.read_url = db_read_url;
    options.pool_size = std::max(4, readers * 2);
    options.statement_timeout_ms = query_timeout_seconds * 1000;
    return duban::postgres::OpenPostgresStore(options);
  }
  std::error_code ec;
  namespace fs = std::filesystem;
  // The data directory holds the database and the evidence: the owner's alone (review L13).
  if (create && fs::create_directories(data_dir, ec)) {
    fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  }
  std::filesystem::path db = std::filesystem::path(data_dir) / "duban.db";
  if (!create && !std::filesystem::exists(db)) {
    return duban::NotFound("数据目录 " + data_dir + " 里没有数据库：请先运行 duban init --data " +
                           data_dir);
  }
  if (create && std::filesystem::exists(db)) {
    return duban::FailedPrecondition("数据库已存在: " + db.string());
  }
  duban::sqlite::SqliteOptions options{db.string(), create, readers};
  options.read_timeout_ms = query_timeout_seconds * 1000;
  auto store = duban::sqlite::OpenSqliteStore(options);
  // SQLite gives its -wal and -shm files the database's mode.
  if (create && store.ok()) {
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                    ec);
  }
  return store;
}

std::filesystem::path FindWebRoot(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::vector<std::filesystem::path> candidates = {"web/dist"};
  if (!ec) {
    candidates.push_back(exe.parent_path() / "../web/dist");
    candidates.push_back(exe.parent_path() / "../../web/dist");
  }
  for (const auto& c : candidates) {
    if (std::filesystem::exists(c / "index.html", ec)) return std::filesystem::weakly_canonical(c);
  }
  return {};
}

duban::LedgerTable FromIo(duban::io::ReadTable t) {
  return {std::move(t.header), std::move(t.rows), std::move(t.row_numbers)};
}

inline duban::io::OfficialDocument ToIoDocument(const duban::OfficialDoc& d) {
  duban::io::OfficialDocument out;
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

// The file formats of io/, handed to the layers that may not include io/ themselves.
duban::TableCodec TableCodecFromIo() {
  duban::TableCodec c;
  c.read_xlsx = [](std::string_view bytes) -> duban::Result<duban::LedgerTable> {
    DUBAN_ASSIGN_OR_RETURN(auto t, duban::io::ReadXlsx(bytes));
    return FromIo(std::move(t));
  };
  c.read_csv = [](std::string_view bytes) -> duban::Result<duban::LedgerTable> {
    DUBAN_ASSIGN_OR_RETURN(auto t, duban::io::ReadCsv(bytes));
    return FromIo(std::move(t));
  };
  c.write_xlsx = [](const std::string& sheet, const duban::LedgerTable& t) {
    return duban::io::WriteXlsx({{sheet, duban::io::Table{t.header, t.rows}}});
  };
  c.write_csv = [](const duban::LedgerTable& t) {
    return duban::io::WriteCsv(duban::io::Table{t.header, t.rows});
  };
  c.write_xlsx_sheets = [](const std::vector<std::pair<std::string, duban::LedgerTable>>& sheets) {
    std::vector<std::pair<std::string, duban::io::Table>> out;
    for (const auto& [name, t] : sheets) out.push_back({name, duban::io::Table{t.header, t.rows}});
    return duban::io::WriteXlsx(out);
  };
  c.write_docx = [](const duban::OfficialDoc& d) { return duban::io::WriteDocx(ToIoDocument(d)); };
  c.write_pdf = [](const duban::OfficialDoc& d) {
    return duban::io::PrintPdf(duban::io::RenderHtml(ToIoDocument(d)));
  };
  return c;
}

// Backup archives: ZIP files from io/, handed to the CLI.
duban::cli::ArchiveCodec ArchiveCodecFromIo() {
  duban::cli::ArchiveCodec a;
  a.write = [](const std::string& path, const std::vector<duban::cli::ArchiveMember>& members) {
    std::vector<duban::io::ZipMember> zip;
    for (const auto& m : members) zip.push_back({m.name, m.source_path, m.compress});
    return duban::io::WriteZipArchive(path, zip);
  };
  a.list = duban::io::ListZipArchive;
  a.read = duban::io::ReadZipMember;
  a.extract = duban::io::ExtractZipMembers;
  return a;
}

duban::Result<std::map<int, std::vector<duban::CalendarDay>>> ParseCalendarFile(
    std::string_view bytes, bool ics) {
  return ics ? duban::ParseCalendarIcs(bytes) : duban::ParseCalendarJson(bytes);
}

int Serve(const duban::cli::ServeConfig& config, const duban::Clock& clock,
          const duban::PasswordHasher& hasher) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  auto store = OpenStore(config.data_dir, config.db_url, false, config.reader_connections,
                         config.db_read_url, config.query_timeout_seconds);
  if (!store.ok()) {
    std::cerr << "错误: " << store.status().message() << "\n";
    return duban::cli::ExitCodeFor(store.status().code());
  }
  duban::AuditLog audit_log(clock);
  duban::SignInPolicy policy;
  policy.session_idle = std::chrono::hours(config.session_idle_hours);
  duban::AuthService auth(**store, clock, hasher, audit_log, policy);
  duban::OrgService org(**store, hasher, audit_log);
  duban::AuditService audit(**store);
  duban::CalendarService calendar(**store, audit_log);
  if (auto s = calendar.Load(); !s.ok()) {
    std::cerr << "错误: 工作日历: " << s.message() << "\n";
    return duban::cli::ExitCodeFor(s.code());
  }
  duban::ItemService items(**store, clock, audit_log, calendar,
                           std::filesystem::path(config.data_dir) / "files");
  duban::CampaignService campaigns(**store, audit_log);
  duban::LedgerService ledger(**store, clock, audit_log, items, calendar);
  duban::TableCodec codec = TableCodecFromIo();
  duban::BulletinService bulletins(**store, items, clock, audit_log);
  duban::AssessmentService assessment(**store, clock, audit_log, items);
  duban::http::LoopServices loop{items,     calendar, campaigns,         ledger,
                                 bulletins, codec,    ParseCalendarFile, &assessment};
  auto web_root = FindWebRoot(config.web_root);
  if (web_root.empty()) spdlog::warn("web UI not found (web/dist): only the API is served");
  const size_t max_body_bytes = static_cast<size_t>(config.max_body_mb) * 1024 * 1024;
  duban::http::Api api(**store, auth, org, audit, &loop,
                       {web_root, config.secure_cookies, DUBAN_VERSION, max_body_bytes});

  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  duban::http::ServerOptions options;
  std::string host;
  unsigned short port = 0;
  (void)duban::cli::ParseListen(config.listen, host, port);
  options.address = host;
  options.port = port;
  options.io_threads = config.io_threads > 0 ? config.io_threads : static_cast<int>(cores);
  options.worker_threads =
      config.worker_threads > 0 ? config.worker_threads : static_cast<int>(4 * cores);
  options.max_body_bytes = max_body_bytes;
  options.body_limit = [&api](const std::string& method, const std::string& path) {
    return api.BodyLimit(method, path);
  };
  options.max_connections = config.max_connections;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  for (const auto& text : config.trusted_proxies) {
    auto cidr = duban::http::ParseCidr(text);
    if (!cidr.ok()) {
      std::cerr << "错误: 配置 [server] trusted_proxies: " << cidr.status().message() << "\n";
      return duban::cli::ExitCodeFor(cidr.status().code());
    }
    options.trusted_proxies.push_back(*cidr);
  }
  options.allowed_hosts = config.allowed_hosts;
  if (!duban::http::ParseAddress(host))
    options.allowed_hosts.push_back(host);  // --listen NAME:PORT
  duban::http::Server server(
      options, [&api](duban::http::Request& r) { return api.Handle(r); },
      [&api](int status, const std::string& message) { return api.ServerError(status, message); });
  api.set_server_figures([&server] {
    return std::pair<int64_t, int64_t>{server.open_connections(), server.in_flight()};
  });
  if (auto s = server.Listen(); !s.ok()) {
    std::cerr << "错误: " << s.message() << "\n";
    return duban::cli::ExitCodeFor(s.code());
  }
  // The line tests and scripts wait for: the real port (with --listen ...:0).
  std::cout << "duban " << DUBAN_VERSION << " serving http://" << host << ":" << server.port()
            << "/ (" << (config.db_url.empty() ? "data: " + config.data_dir : "PostgreSQL") << ")"
            << std::endl;
  // SPEC §5: the sweep runs in the server on a schedule (and on demand, POST /api/v1/sweep).
  duban::BulletinSchedule schedule{config.bulletin_schedule, config.bulletin_delay_days,
                                   config.bulletin_scheme};
  // With --no-background nothing but requests changes the data (hermetic end-to-end tests).
  std::optional<duban::PeriodicTask> sweeper, issuer;
  if (config.background_tasks) {
    sweeper.emplace(std::chrono::minutes(config.sweep_minutes), [&items] {
      auto r = items.Sweep(duban::Caller::Operator());
      if (!r.ok()) {
        spdlog::warn("sweep failed: {}", r.status().message());
      } else if (r->issued + r->escalated > 0) {
        spdlog::info("sweep: {} checked, {} notices issued, {} escalated", r->checked, r->issued,
                     r->escalated);
      }
    });
    // SPEC §7: bulletins due by the schedule are issued into the register, once each.
    issuer.emplace(std::chrono::hours(1), [&bulletins, &schedule] {
      if (schedule.kinds.empty()) return;
      auto r = bulletins.IssueDue(schedule);
      if (!r.ok()) {
        spdlog::warn("scheduled bulletins failed: {}", r.status().message());
        return;
      }
      for (const auto& b : *r) {
        spdlog::info("bulletin issued: {} {} ({})", b.doc_number, b.title, b.scope_name);
      }
    });
  }
  server.Run(/*handle_signals=*/true);
  if (issuer) issuer->Stop();
  if (sweeper) sweeper->Stop();
  spdlog::info("stopped: requests in flight finished");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Logs go to stderr; stdout carries only what a command prints for its user. A closed pipe
  // on either must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  // Nothing Duban writes (database, evidence, backups, logs) is for other users (review L13).
  umask(027);
  spdlog::set_default_logger(spdlog::stderr_color_mt("duban"));
  if (auto s = duban::InitCrypto(); !s.ok()) {
    std::cerr << s.message() << "\n";
    return 10;
  }
  SystemClock clock;
  duban::Argon2idHasher hasher;
  duban::cli::CliEnvironment env;
  env.clock = &clock;
  env.hasher = &hasher;
  env.version = DUBAN_VERSION;
  env.open_store = [](const std::string& data_dir, const std::string& db_url, bool create) {
    return OpenStore(data_dir, db_url, create, 2);
  };
  env.schema_versions = [](const std::string& data_dir,
                           const std::string& db_url) -> duban::Result<std::pair<int, int>> {
    if (!db_url.empty()) {
      DUBAN_ASSIGN_OR_RETURN(int at, duban::postgres::PostgresSchemaVersion(db_url));
      return std::pair{at, duban::postgres::PostgresNewestSchemaVersion()};
    }
    auto db = std::filesystem::path(data_dir) / "duban.db";
    if (!std::filesystem::exists(db))
      return duban::NotFound("数据目录里没有数据库: " + db.string());
    DUBAN_ASSIGN_OR_RETURN(int at, duban::sqlite::SqliteSchemaVersion(db.string()));
    return std::pair{at, duban::sqlite::SqliteNewestSchemaVersion()};
  };
  env.shipped_calendar = [] { return duban::ShippedCalendar(); };
  env.restore_database = [](const std::string& copy_path, const std::string& data_dir,
                            const std::string& db_url, bool replace) {
    if (!db_url.empty()) return duban::postgres::RestorePostgresDump(copy_path, db_url, replace);
    return duban::sqlite::RestoreSqliteFile(
        copy_path, (std::filesystem::path(data_dir) / "duban.db").string(), replace);
  };
  duban::cli::ArchiveCodec archive = ArchiveCodecFromIo();
  env.archive = &archive;
  duban::TableCodec codec = TableCodecFromIo();
  env.codec = &codec;
  env.serve = [&](const duban::cli::ServeConfig& config) { return Serve(config, clock, hasher); };
  return duban::cli::RunCli(argc, argv, env);
}
