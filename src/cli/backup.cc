#include "cli/backup.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "app/crypto.h"

namespace duban::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kFormat[] = "duban-backup";
constexpr int kFormatVersion = 1;
constexpr char kManifest[] = "manifest.json";

int Fail(const Status& s) {
  std::cerr << "错误: " << s.message() << "\n";
  return ExitCodeFor(s.code());
}

// Removes a folder however the command ends, unless kept (an empty path removes nothing).
class StagingDir {
 public:
  explicit StagingDir(fs::path path) : path_(std::move(path)) {}
  ~StagingDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  void Keep() { path_.clear(); }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Evidence files are stored once under their hash: files/<first 2 hex>/<64 hex>.
bool IsEvidenceName(const std::string& relative) {
  static const std::regex kName("files/([0-9a-f]{2})/([0-9a-f]{64})");
  std::smatch m;
  return std::regex_match(relative, m, kName) && m[2].str().compare(0, 2, m[1].str()) == 0;
}

Result<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Unavailable("无法读取 " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every table's rows as the manifest recorded them, and an intact audit chain.
Status VerifyRestored(Services& services, const json& manifest) {
  std::map<std::string, int64_t> rows;
  for (const auto& [table, expected] : manifest["rows"].items()) {
    rows[table] = expected.get<int64_t>();
  }
  return services.backup.VerifyRestored(rows);
}

}  // namespace

int RunBackup(CliEnvironment& env, const std::string& data_dir, const std::string& db_url,
              const std::string& to) {
  std::error_code ec;
  if (fs::exists(to, ec)) return Fail(AlreadyExists("备份文件已存在: " + to, "to"));
  auto opened = OpenServices(env, data_dir, db_url, false);
  if (!opened.ok()) return Fail(opened.status());
  Services& services = *opened->services;
  bool postgres = !db_url.empty();
  fs::path out_dir = fs::absolute(fs::path(to)).parent_path();
  StagingDir staging(out_dir / (".duban-backup-" + RandomHex(6)));
  fs::create_directories(staging.path(), ec);
  if (ec) return Fail(Unavailable("无法在 " + out_dir.string() + " 建立临时目录: " + ec.message()));

  // The database first: every file its rows name was written before the row was committed,
  // and files are never removed, so all of them are on disk by the time we list them below.
  std::string db_member = postgres ? "duban.pgdump" : "duban.db";
  auto copy = services.backup.CopyDatabase((staging.path() / db_member).string());
  if (!copy.ok()) return Fail(copy.status());

  std::vector<ArchiveMember> members;
  fs::path files_dir = fs::path(data_dir) / "files";
  int64_t file_bytes = 0;
  if (fs::is_directory(files_dir, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(files_dir, ec)) {
      if (!entry.is_regular_file()) continue;
      std::string relative = "files/" + fs::relative(entry.path(), files_dir).generic_string();
      if (!IsEvidenceName(relative)) continue;  // e.g. a .tmp left by a crash mid-upload
      // Evidence is mostly PDF and JPEG, already compressed: stored as is.
      members.push_back({relative, entry.path().string(), false});
      file_bytes += static_cast<int64_t>(entry.file_size());
    }
    if (ec) return Fail(Unavailable("无法列出 " + files_dir.string() + ": " + ec.message()));
  }
  json manifest = {{"format", kFormat},
                   {"format_version", kFormatVersion},
                   {"store", postgres ? "postgresql" : "sqlite"},
                   {"schema_version", services.health.SchemaVersion()},
                   {"created_at", FormatRfc3339(env.clock->Now())},
                   {"duban_version", env.version},
                   {"rows", copy->rows},
                   {"files", members.size()}};
  fs::path manifest_path = staging.path() / kManifest;
  {
    std::ofstream out(manifest_path, std::ios::binary);
    out << manifest.dump(2) << "\n";
    if (!out) return Fail(Unavailable("无法写入 " + manifest_path.string()));
  }
  members.insert(members.begin(), {{kManifest, manifest_path.string(), true},
                                   {db_member, (staging.path() / db_member).string(), true}});
  if (Status s = env.archive->write(to, members); !s.ok()) return Fail(s);
  // A backup is the whole database and evidence: the owner's alone (review L13).
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                  ec);
  auto rows = [&](const char* table) {
    auto it = copy->rows.find(table);
    return it == copy->rows.end() ? int64_t{0} : it->second;
  };
  std::cout << fmt::format(
      "备份完成: {}（{}，结构版本 {}；事项 {} 项，审计事件 {} 条，佐证文件 {} 个 {:.1f} MB）\n", to,
      postgres ? "PostgreSQL" : "SQLite", services.health.SchemaVersion(), rows("items"),
      rows("audit_events"), members.size() - 2, static_cast<double>(file_bytes) / 1048576.0);
  return 0;
}

int RunRestore(CliEnvironment& env, const std::string& from, const std::string& data_dir,
               const std::string& db_url, bool force) {
  auto manifest_text = env.archive->read(from, kManifest, 1 << 20);
  if (!manifest_text.ok()) return Fail(manifest_text.status());
  json manifest = json::parse(*manifest_text, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", "") != kFormat ||
      !manifest["format_version"].is_number_integer() || !manifest["rows"].is_object() ||
      !manifest["schema_version"].is_number_integer() || !manifest["files"].is_number_integer()) {
    return Fail(InvalidArgument("不是 duban 备份文件（manifest.json 不对）: " + from, "from"));
  }
  if (manifest["format_version"].get<int>() != kFormatVersion) {
    return Fail(InvalidArgument(fmt::format("备份格式版本 {} 不受支持（本程序为 {}）",
                                            manifest["format_version"].get<int>(), kFormatVersion),
                                "from"));
  }
  bool postgres = !db_url.empty();
  std::string kind = manifest.value("store", "");
  if (kind != "sqlite" && kind != "postgresql") {
    return Fail(InvalidArgument("备份的 store 字段无效: " + kind, "from"));
  }
  if (postgres != (kind == "postgresql")) {
    return Fail(InvalidArgument(
        kind == "sqlite" ? "这是 SQLite 的备份：请不带 --db 恢复到数据目录，之后可用 duban "
                           "migrate-store 迁到 PostgreSQL"
                         : "这是 PostgreSQL 的备份：请用 --db 指定要恢复到的 PostgreSQL 数据库",
        "db"));
  }
  int expected_version = manifest["schema_version"].get<int>();

  // The target must be empty unless --force.
  bool occupied = false;
  std::error_code ec;
  if (postgres) {
    auto versions = env.schema_versions(data_dir, db_url);
    if (!versions.ok()) return Fail(versions.status());
    occupied = versions->first > 0;
    if (expected_version > versions->second) {
      return Fail(FailedPrecondition(
          fmt::format("备份的数据库结构版本 {} 比本程序支持的 {} 新：请使用更新版本的 duban",
                      expected_version, versions->second)));
    }
  } else {
    occupied = fs::exists(fs::path(data_dir) / "duban.db", ec);
  }
  if (occupied && !force) {
    return Fail(FailedPrecondition(
        "目标已有数据库，未做任何改动；确要用备份覆盖它，请先停止服务，再加 --force"));
  }

  // Check every member name before writing anything.
  auto listing = env.archive->list(from);
  if (!listing.ok()) return Fail(listing.status());
  std::string db_member = postgres ? "duban.pgdump" : "duban.db";
  bool has_db = false;
  std::vector<std::string> evidence;
  for (const auto& [name, size] : *listing) {
    if (name == kManifest) continue;
    if (name == db_member) {
      has_db = true;
    } else if (IsEvidenceName(name)) {
      evidence.push_back(name);
    } else {
      return Fail(InvalidArgument("备份中有不认识的条目，未做任何改动: " + name, "from"));
    }
  }
  if (!has_db) return Fail(InvalidArgument("备份中缺少数据库 " + db_member, "from"));
  if (static_cast<int64_t>(evidence.size()) != manifest["files"].get<int64_t>()) {
    return Fail(InvalidArgument(fmt::format("备份中有 {} 个佐证文件，清单记的是 {} 个",
                                            evidence.size(), manifest["files"].get<int64_t>()),
                                "from"));
  }

  // A data directory made here is removed again if the restore fails: a refusal leaves no trace.
  StagingDir made_data_dir(fs::create_directories(data_dir, ec) ? fs::path(data_dir) : fs::path());
  StagingDir staging(fs::path(data_dir) / (".restore-" + RandomHex(6)));
  std::vector<std::pair<std::string, std::string>> extract = {
      {db_member, (staging.path() / db_member).string()}};
  for (const auto& name : evidence) extract.emplace_back(name, (staging.path() / name).string());
  std::cerr << "解出 " << extract.size() << " 个条目…\n";
  if (Status s = env.archive->extract(from, extract); !s.ok()) return Fail(s);
  for (const auto& name : evidence) {
    auto bytes = ReadWhole(staging.path() / name);
    if (!bytes.ok()) return Fail(bytes.status());
    if ("files/" + Sha256Hex(*bytes).substr(0, 2) + "/" + Sha256Hex(*bytes) != name) {
      return Fail(InvalidArgument("备份中的文件内容与其哈希不符，未做任何改动: " + name, "from"));
    }
  }

  if (!postgres) {
    // SQLite: check the copy in the staging folder before it replaces anything.
    auto versions = env.schema_versions(staging.path().string(), "");
    if (!versions.ok()) return Fail(versions.status());
    if (versions->first != expected_version) {
      return Fail(InvalidArgument(fmt::format("备份中数据库的结构版本是 {}，清单记的是 {}",
                                              versions->first, expected_version),
                                  "from"));
    }
    if (versions->first > versions->second) {
      return Fail(FailedPrecondition(
          fmt::format("备份的数据库结构版本 {} 比本程序支持的 {} 新：请使用更新版本的 duban",
                      versions->first, versions->second)));
    }
    {
      auto opened = OpenServices(env, staging.path().string(), "", false);
      if (!opened.ok()) return Fail(opened.status());
      if (Status s = VerifyRestored(*opened->services, manifest); !s.ok()) {
        return Fail(s.WithContext("未做任何改动"));
      }
    }
    if (Status s = env.restore_database((staging.path() / db_member).string(), data_dir, "", force);
        !s.ok()) {
      return Fail(s);
    }
  } else {
    if (Status s =
            env.restore_database((staging.path() / db_member).string(), data_dir, db_url, force);
        !s.ok()) {
      return Fail(s);
    }
    auto versions = env.schema_versions(data_dir, db_url);
    if (!versions.ok()) return Fail(versions.status());
    if (versions->first != expected_version) {
      return Fail(FailedPrecondition(
          fmt::format("恢复后的结构版本是 {}，清单记的是 {}", versions->first, expected_version)));
    }
    auto opened = OpenServices(env, data_dir, db_url, false);
    if (!opened.ok()) return Fail(opened.status());
    if (Status s = VerifyRestored(*opened->services, manifest); !s.ok()) return Fail(s);
  }

  // Evidence files last: named by their content, so one already there is the same file.
  for (const auto& name : evidence) {
    fs::path dest = fs::path(data_dir) / name;
    if (fs::exists(dest, ec)) continue;
    fs::create_directories(dest.parent_path(), ec);
    fs::rename(staging.path() / name, dest, ec);
    if (ec) return Fail(Unavailable("无法放置佐证文件 " + dest.string() + ": " + ec.message()));
  }
  made_data_dir.Keep();
  auto rows = [&](const char* table) { return manifest["rows"].value(table, int64_t{0}); };
  std::cout << fmt::format(
      "恢复完成: {}（结构版本 {}；事项 {} 项，审计链 {} 条校验通过，佐证文件 {} 个）\n",
      postgres ? "PostgreSQL" : data_dir, expected_version, rows("items"), rows("audit_events"),
      evidence.size());
  return 0;
}

}  // namespace duban::cli
