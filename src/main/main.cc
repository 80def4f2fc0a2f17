// Wiring only: picks the concrete store, the clock, the hasher and io/'s file formats, builds
// the services (Services::Build), the API and the HTTP server, and hands them to the CLI. No
// logic lives here.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/crypto.h"
#include "app/periodic_task.h"
#include "app/services.h"
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
                                                       int query_timeout_seconds = 10,
                                                       int64_t mmap_mib = 16 * 1024) {
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
  options.mmap_mib = mmap_mib;
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
    for (const auto& [name, t] : sheets) out.emplace_back(name, duban::io::Table{t.header, t.rows});
    return duban::io::WriteXlsx(out);
  };
  c.write_docx = [](const duban::OfficialDoc& d) { return duban::io::WriteDocx(ToIoDocument(d)); };
  c.write_pdf = [](const duban::OfficialDoc& d) {
    return duban::io::PrintPdf(duban::io::RenderHtml(ToIoDocument(d)));
  };
  c.read_calendar = [](std::string_view bytes, bool ics) {
    return ics ? duban::ParseCalendarIcs(bytes) : duban::ParseCalendarJson(bytes);
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

// The server's listener, limits and proxies from the configuration; `host` and `port` are the
// parsed --listen (checked by the CLI already).
duban::Result<duban::http::ServerOptions> ServerOptionsFor(const duban::cli::ServeConfig& config,
                                                           const duban::http::Api& api,
                                                           const std::string& host,
                                                           unsigned short port) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  duban::http::ServerOptions options;
  options.address = host;
  options.port = port;
  options.io_threads = config.io_threads > 0 ? config.io_threads : static_cast<int>(cores);
  options.worker_threads =
      config.worker_threads > 0 ? config.worker_threads : static_cast<int>(4 * cores);
  options.max_body_bytes = static_cast<size_t>(config.max_body_mb) * 1024 * 1024;
  options.body_limit = [&api](const std::string& method, const std::string& path) {
    return api.BodyLimit(method, path);
  };
  options.max_connections = config.max_connections;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  for (const auto& text : config.trusted_proxies) {
    auto cidr = duban::http::ParseCidr(text);
    if (!cidr.ok()) return cidr.status().WithContext("配置 [server] trusted_proxies");
    options.trusted_proxies.push_back(*cidr);
  }
  options.allowed_hosts = config.allowed_hosts;
  if (!duban::http::ParseAddress(host))
    options.allowed_hosts.push_back(host);  // --listen NAME:PORT
  return options;
}

// SPEC §5: the sweep runs in the server on a schedule (and on demand, POST /api/v1/sweep);
// SPEC §7: bulletins due by the schedule are issued into the register, once each. Both stop
// when this is destroyed.
class BackgroundTasks {
 public:
  BackgroundTasks(const duban::cli::ServeConfig& config, duban::Services& services)
      : schedule_{config.bulletin_schedule, config.bulletin_delay_days, config.bulletin_scheme},
        sweeper_(std::chrono::minutes(config.sweep_minutes), [&services] { Sweep(services); }),
        issuer_(std::chrono::hours(1), [this, &services] { IssueDue(services); }) {}
  ~BackgroundTasks() {
    issuer_.Stop();
    sweeper_.Stop();
  }

 private:
  static void Sweep(duban::Services& services) {
    auto r = services.items.Sweep(duban::Caller::Operator());
    if (!r.ok()) {
      spdlog::warn("sweep failed: {}", r.status().message());
    } else if (r->issued + r->escalated > 0) {
      spdlog::info("sweep: {} checked, {} notices issued, {} escalated", r->checked, r->issued,
                   r->escalated);
    }
  }
  void IssueDue(duban::Services& services) {
    if (schedule_.kinds.empty()) return;
    auto r = services.bulletins.IssueDue(schedule_);
    if (!r.ok()) {
      spdlog::warn("scheduled bulletins failed: {}", r.status().message());
      return;
    }
    for (const auto& b : *r) {
      spdlog::info("bulletin issued: {} {} ({})", b.doc_number, b.title, b.scope_name);
    }
  }

  duban::BulletinSchedule schedule_;
  duban::PeriodicTask sweeper_, issuer_;
};

int Fail(const duban::Status& s) {
  std::cerr << "错误: " << s.message() << "\n";
  return duban::cli::ExitCodeFor(s.code());
}

// config -> store -> services -> API -> server, until a signal stops it.
int Serve(const duban::cli::ServeConfig& config, const duban::Clock& clock,
          const duban::PasswordHasher& hasher, const duban::TableCodec& codec) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  auto store = OpenStore(config.data_dir, config.db_url, false, config.reader_connections,
                         config.db_read_url, config.query_timeout_seconds, config.mmap_mib);
  if (!store.ok()) return Fail(store.status());
  duban::ServicesOptions service_options;
  service_options.files_dir = std::filesystem::path(config.data_dir) / "files";
  service_options.sign_in.session_idle = std::chrono::hours(config.session_idle_hours);
  auto services = duban::Services::Build(**store, clock, hasher, service_options);
  if (!services.ok()) return Fail(services.status());

  auto web_root = FindWebRoot(config.web_root);
  if (web_root.empty()) spdlog::warn("web UI not found (web/dist): only the API is served");
  const size_t max_body_bytes = static_cast<size_t>(config.max_body_mb) * 1024 * 1024;
  duban::http::Api api(**services, codec,
                       {web_root, config.secure_cookies, DUBAN_VERSION, max_body_bytes});

  std::string host;
  unsigned short port = 0;
  (void)duban::cli::ParseListen(config.listen, host, port);
  auto options = ServerOptionsFor(config, api, host, port);
  if (!options.ok()) return Fail(options.status());
  duban::http::Server server(
      *options, [&api](duban::http::Request& r) { return api.Handle(r); },
      [&api](int status, const std::string& message) { return api.ServerError(status, message); });
  api.set_server_figures([&server] {
    return std::pair<int64_t, int64_t>{server.open_connections(), server.in_flight()};
  });
  if (auto s = server.Listen(); !s.ok()) return Fail(s);
  // The line tests and scripts wait for: the real port (with --listen ...:0).
  std::cout << "duban " << DUBAN_VERSION << " serving http://" << host << ":" << server.port()
            << "/ (" << (config.db_url.empty() ? "data: " + config.data_dir : "PostgreSQL") << ")"
            << "\n"
            << std::flush;  // read by a waiting script at once
  // With --no-background nothing but requests changes the data (hermetic end-to-end tests).
  std::optional<BackgroundTasks> background;
  if (config.background_tasks) background.emplace(config, **services);
  server.Run(/*handle_signals=*/true);
  background.reset();
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
  env.serve = [&](const duban::cli::ServeConfig& config) {
    return Serve(config, clock, hasher, codec);
  };
  return duban::cli::RunCli(argc, argv, env);
}
