// Server configuration: defaults, then the TOML file, then command-line flags (flags win).
// Plain values; thread-safe to copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace duban::cli {

struct ServeConfig {
  std::string data_dir = "./data";
  std::string listen = "127.0.0.1:8080";
  std::string web_root;    // empty: found next to the binary or in ./web/dist
  int io_threads = 0;      // 0: one per core
  int worker_threads = 0;  // 0: four per core
  bool secure_cookies = false;
  int max_body_mb = 16;
  int read_timeout_seconds = 30;  // a request must arrive whole within this (cuts off slowloris)
  int max_connections = 512;      // open connections; more are answered 503 and closed
  // Reverse proxies (IPv4/IPv6 CIDRs) whose X-Forwarded-For gives the client address; empty:
  // the TCP peer is the client. Checked when the server starts.
  std::vector<std::string> trusted_proxies;
  // Host names the server answers to besides IP literals and localhost (DNS rebinding): a
  // deployment behind a proxy lists its domain, e.g. ["duban.example.gov.cn"].
  std::vector<std::string> allowed_hosts;
  int session_idle_hours = 8;
  int reader_connections = 4;
  // [database] mmap_mib (SQLite): how much of the database file every connection reads through a
  // shared memory map instead of copying pages with a pread each; 0 turns the map off (VmRSS then
  // stays near the private memory, reads cost a copy). SQLite caps the map at its build limit
  // (2 GiB in Debian's build).
  int64_t mmap_mib = 16 * 1024;
  // [database] query_timeout_seconds: a database statement running longer is stopped with 503
  // "查询超时" (SQLite: reads; PostgreSQL: statement_timeout).
  int query_timeout_seconds = 10;
  std::string db_url;       // postgresql://...; empty: SQLite in data_dir
  std::string db_read_url;  // optional PostgreSQL streaming replica for reads
  std::string log_level = "info";
  int sweep_minutes = 10;  // how often the supervision sweep runs in the server
  // `serve --no-background`: no scheduled sweep and no scheduled bulletins, only what requests
  // do (hermetic end-to-end tests; POST /api/v1/sweep still sweeps).
  bool background_tasks = true;
  // Bulletins the server issues by itself (docs/BULLETINS.md): period kinds of week, month,
  // quarter, year (empty: none), days to wait after a period ends, the scheme to score with.
  std::vector<std::string> bulletin_schedule = {"month", "quarter"};
  int bulletin_delay_days = 1;
  std::string bulletin_scheme;
};

// Reads `path` over `config`. kInvalidArgument names the file, line and key that is wrong.
Status LoadConfigFile(const std::string& path, ServeConfig& config);
// The same for the file's text; `name` is the file named in errors. `config` is changed only
// when the whole text is valid.
Status LoadConfigText(std::string_view text, const std::string& name, ServeConfig& config);
// Splits "HOST:PORT"; kInvalidArgument when malformed.
Status ParseListen(const std::string& listen, std::string& host, unsigned short& port);

}  // namespace duban::cli
