#include "cli/config.h"

#include <toml++/toml.h>

#include <cctype>
#include <charconv>
#include <fstream>
#include <functional>
#include <sstream>

namespace duban::cli {
namespace {

template <typename T>
Status Read(const toml::table& table, const char* section, const char* key, T& out,
            const std::string& file) {
  auto node = table[section][key];
  if (!node) return Status::Ok();
  if (auto v = node.template value<T>()) {
    out = *v;
    return Status::Ok();
  }
  return InvalidArgument(file + ": [" + section + "] " + key + " 的类型不对");
}

// An array of strings; each must pass `valid` (else the message names the entry).
Status ReadStrings(const toml::table& table, const char* section, const char* key,
                   std::vector<std::string>& out, const std::string& file,
                   const std::function<bool(const std::string&)>& valid, const char* what) {
  auto node = table[section][key];
  if (!node) return Status::Ok();
  const toml::array* items = node.as_array();
  if (!items) {
    return InvalidArgument(file + ": [" + section + "] " + key + " 须为字符串数组，如 " + what);
  }
  std::vector<std::string> values;
  for (const auto& item : *items) {
    auto v = item.value<std::string>();
    if (!v || !valid(*v)) {
      return InvalidArgument(file + ": [" + section + "] " + key + " 含无效的一项" +
                             (v ? " \"" + *v + "\"" : std::string()) + "，应如 " + what);
    }
    values.push_back(*v);
  }
  out = std::move(values);
  return Status::Ok();
}

bool IsHostName(const std::string& s) {
  if (s.empty() || s.size() > 253) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  return true;
}

bool IsCidrShaped(const std::string& s) {
  // The address itself is checked when the server starts (http::ParseCidr).
  if (s.empty() || s.size() > 49) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '.' && c != ':' && c != '/') {
      return false;
    }
  }
  return true;
}

}  // namespace

Status LoadConfigFile(const std::string& path, ServeConfig& c) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument("无法读取配置文件 " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return LoadConfigText(text.str(), path, c);
}

Status LoadConfigText(std::string_view text, const std::string& path, ServeConfig& config) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(path + " 第 " + std::to_string(e.source().begin.line) +
                           " 行: " + std::string(e.description()));
  }
  ServeConfig c = config;
  for (const auto& [section, node] : table) {
    if (section != "server" && section != "security" && section != "database" && section != "log" &&
        section != "supervision" && section != "bulletins") {
      return InvalidArgument(path + ": 未知的配置节 [" + std::string(section.str()) + "]");
    }
    (void)node;
  }
  int64_t io = c.io_threads, workers = c.worker_threads, body = c.max_body_mb,
          read_timeout = c.read_timeout_seconds, idle = c.session_idle_hours,
          readers = c.reader_connections;
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "data", c.data_dir, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "listen", c.listen, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "web_root", c.web_root, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "io_threads", io, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "worker_threads", workers, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "max_body_mb", body, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "read_timeout_seconds", read_timeout, path));
  int64_t connections = c.max_connections;
  DUBAN_RETURN_IF_ERROR(Read(table, "server", "max_connections", connections, path));
  if (connections < 1 || connections > 1000000) {
    return InvalidArgument(path + ": [server] max_connections 须为 1 到 1000000");
  }
  c.max_connections = static_cast<int>(connections);
  DUBAN_RETURN_IF_ERROR(ReadStrings(table, "server", "trusted_proxies", c.trusted_proxies, path,
                                    IsCidrShaped, "[\"127.0.0.1\", \"10.0.0.0/8\", \"::1\"]"));
  DUBAN_RETURN_IF_ERROR(ReadStrings(table, "server", "allowed_hosts", c.allowed_hosts, path,
                                    IsHostName, "[\"duban.example.gov.cn\"]"));
  DUBAN_RETURN_IF_ERROR(Read(table, "security", "secure_cookies", c.secure_cookies, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "security", "session_idle_hours", idle, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "database", "reader_connections", readers, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "database", "url", c.db_url, path));
  DUBAN_RETURN_IF_ERROR(Read(table, "database", "read_url", c.db_read_url, path));
  int64_t query_timeout = c.query_timeout_seconds;
  DUBAN_RETURN_IF_ERROR(Read(table, "database", "query_timeout_seconds", query_timeout, path));
  if (query_timeout < 1 || query_timeout > 3600) {
    return InvalidArgument(path + ": [database] query_timeout_seconds 须为 1 到 3600");
  }
  c.query_timeout_seconds = static_cast<int>(query_timeout);
  DUBAN_RETURN_IF_ERROR(Read(table, "database", "mmap_mib", c.mmap_mib, path));
  if (c.mmap_mib < 0 || c.mmap_mib > int64_t{1} << 20) {
    return InvalidArgument(path + ": [database] mmap_mib 须为 0 到 1048576（0 为不映射）");
  }
  DUBAN_RETURN_IF_ERROR(Read(table, "log", "level", c.log_level, path));
  int64_t sweep = c.sweep_minutes;
  DUBAN_RETURN_IF_ERROR(Read(table, "supervision", "sweep_minutes", sweep, path));
  if (sweep < 1 || sweep > int64_t{24} * 60) {
    return InvalidArgument(path + ": [supervision] sweep_minutes 须为 1 到 1440");
  }
  c.sweep_minutes = static_cast<int>(sweep);
  if (auto node = table["bulletins"]["schedule"]) {
    const toml::array* kinds = node.as_array();
    if (!kinds)
      return InvalidArgument(path + ": [bulletins] schedule 须为数组，如 [\"month\", \"quarter\"]");
    c.bulletin_schedule.clear();
    for (const auto& k : *kinds) {
      auto kind = k.value<std::string>();
      if (!kind || (*kind != "week" && *kind != "month" && *kind != "quarter" && *kind != "year")) {
        return InvalidArgument(path + ": [bulletins] schedule 只能含 week、month、quarter、year");
      }
      c.bulletin_schedule.push_back(*kind);
    }
  }
  int64_t delay = c.bulletin_delay_days;
  DUBAN_RETURN_IF_ERROR(Read(table, "bulletins", "delay_days", delay, path));
  if (delay < 0 || delay > 31)
    return InvalidArgument(path + ": [bulletins] delay_days 须为 0 到 31");
  c.bulletin_delay_days = static_cast<int>(delay);
  DUBAN_RETURN_IF_ERROR(Read(table, "bulletins", "scheme", c.bulletin_scheme, path));
  if (io < 0 || io > 256 || workers < 0 || workers > 1024 || body < 1 || body > 1024 || idle < 1 ||
      idle > int64_t{24} * 30 || readers < 1 || readers > 64 || read_timeout < 1 ||
      read_timeout > 3600) {
    return InvalidArgument(path +
                           ": 数值超出范围（io_threads 0-256, worker_threads 0-1024, "
                           "max_body_mb 1-1024, read_timeout_seconds 1-3600, "
                           "session_idle_hours 1-720, reader_connections 1-64）");
  }
  c.io_threads = static_cast<int>(io);
  c.worker_threads = static_cast<int>(workers);
  c.max_body_mb = static_cast<int>(body);
  c.read_timeout_seconds = static_cast<int>(read_timeout);
  c.session_idle_hours = static_cast<int>(idle);
  c.reader_connections = static_cast<int>(readers);
  config = std::move(c);
  return Status::Ok();
}

Status ParseListen(const std::string& listen, std::string& host, unsigned short& port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return InvalidArgument("--listen 须为 HOST:PORT，例如 127.0.0.1:8080，收到 \"" + listen + "\"");
  }
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned value = 0;
  std::string p = listen.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
  if (ec != std::errc() || ptr != p.data() + p.size() || value > 65535) {
    return InvalidArgument("--listen 的端口无效: \"" + p + "\"");
  }
  port = static_cast<unsigned short>(value);
  return Status::Ok();
}

}  // namespace duban::cli
