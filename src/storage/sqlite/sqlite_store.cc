#include "storage/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "storage/migrations.h"
#include "storage/sql/sql_repositories.h"
#include "storage/sql/store_counters.h"
#include "storage/sqlite/db.h"
#include "storage/sqlite/sqlite_connection.h"

namespace duban::sqlite {
namespace {

struct Connection {
  std::unique_ptr<Db> db;
  std::unique_ptr<SqliteConnection> sql;
  std::unique_ptr<sql::Connection> wrapped;  // SqliteOptions::wrap_writer's, or none
  std::unique_ptr<sql::SqlTx> tx;

  void Attach(const decltype(SqliteOptions::wrap_writer)& wrap = {}) {
    sql = std::make_unique<SqliteConnection>(*db);
    if (wrap) wrapped = wrap(*sql);
    tx = std::make_unique<sql::SqlTx>(wrapped ? *wrapped : static_cast<sql::Connection&>(*sql));
  }
};

Status Configure(Db& db, int busy_timeout_ms, bool reader, bool memory, int64_t mmap_mib) {
  sqlite3_busy_timeout(db.raw(), busy_timeout_ms);
  // SPEC §10: an acknowledged write survives power loss. WAL + synchronous=FULL syncs the WAL
  // on every commit; group commit makes that one fsync for many writers.
  // Statement and savepoint journals (every write runs in a savepoint, see RunBatch) and the
  // sorter's temporary b-trees in memory: on disk each page they record is a pwrite, about a
  // million of them for 10,000 generated items.
  std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
  if (!memory) pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
  if (reader) pragmas += "PRAGMA query_only = ON;";
  if (!memory) pragmas += "PRAGMA mmap_size = " + std::to_string(mmap_mib * 1024 * 1024) + ";";
  return db.Exec(pragmas);
}

// The versions applied so far.
Result<std::set<int>> AppliedVersions(Db& db) {
  DUBAN_RETURN_IF_ERROR(
      db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
              "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"));
  DUBAN_ASSIGN_OR_RETURN(Statement st, db.PrepareOnce("SELECT version FROM schema_migrations"));
  std::set<int> out;
  while (true) {
    DUBAN_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.insert(static_cast<int>(st.Int(0)));
  }
  return out;
}

// Applies every migration not applied yet, in version order — also one older than the newest
// applied (a branch's migration merged after a later one ran).
Status Migrate(Db& db, int& version_out) {
  DUBAN_ASSIGN_OR_RETURN(std::set<int> applied, AppliedVersions(db));
  const auto& migrations = SqliteMigrations();
  int newest = migrations.empty() ? 0 : migrations.back().version;
  int version = applied.empty() ? 0 : *applied.rbegin();
  if (version > newest) {
    return FailedPrecondition("数据库结构版本 " + std::to_string(version) + " 比本程序支持的版本 " +
                              std::to_string(newest) + " 新：请使用更新版本的 duban");
  }
  for (const Migration& m : migrations) {
    if (applied.count(m.version)) continue;
    DUBAN_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status s = db.Exec(m.sql);
    if (s.ok()) {
      DUBAN_ASSIGN_OR_RETURN(
          Statement st,
          db.PrepareOnce("INSERT INTO schema_migrations(version, name) VALUES (?, ?)"));
      st.Bind(1, int64_t{m.version}).Bind(2, m.name);
      s = st.Run();
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return s.WithContext("migration " + std::string(m.name));
    }
    DUBAN_RETURN_IF_ERROR(db.Exec("COMMIT"));
    version = std::max(version, m.version);
  }
  version_out = version;
  return Status::Ok();
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(SqliteOptions options) : options_(std::move(options)) {}
  ~SqliteStore() override {
    {
      std::lock_guard lock(queue_mu_);
      stopping_ = true;
    }
    queue_cv_.notify_all();
    if (writer_thread_.joinable()) writer_thread_.join();
  }

  Status Open() {
    memory_ = options_.path == ":memory:";
    DUBAN_ASSIGN_OR_RETURN(auto db, Db::Open(options_.path, options_.create));
    writer_.db = std::move(db);
    DUBAN_RETURN_IF_ERROR(
        Configure(*writer_.db, options_.busy_timeout_ms, false, memory_, options_.mmap_mib));
    DUBAN_RETURN_IF_ERROR(writer_.db->Exec("PRAGMA cache_size = -" +
                                           std::to_string(options_.writer_cache_mib * 1024)));
    DUBAN_RETURN_IF_ERROR(Migrate(*writer_.db, version_));
    writer_.Attach(options_.wrap_writer);
    if (!memory_) {
      for (int i = 0; i < options_.reader_connections; ++i) {
        DUBAN_ASSIGN_OR_RETURN(auto rdb, Db::Open(options_.path, false));
        DUBAN_RETURN_IF_ERROR(
            Configure(*rdb, options_.busy_timeout_ms, true, false, options_.mmap_mib));
        rdb->SetStatementTimeLimit(std::chrono::milliseconds(options_.read_timeout_ms));
        auto conn = std::make_unique<Connection>();
        conn->db = std::move(rdb);
        conn->Attach();
        idle_readers_.push_back(conn.get());
        readers_.push_back(std::move(conn));
      }
    }
    writer_thread_ = std::thread([this] { WriterLoop(); });
    return Status::Ok();
  }

  Status Read(const std::function<Status(Tx&)>& fn) override {
    counters_.AddRead();
    if (memory_) {
      // One private in-memory database has one connection: share the writer's, in turn.
      std::lock_guard lock(writer_conn_mu_);
      return RunRead(writer_, fn);
    }
    Connection* conn = TakeReader();
    Status s = RunRead(*conn, fn);
    ReturnReader(conn);
    return s;
  }

  Status Write(const std::function<Status(Tx&)>& fn) override {
    PendingWrite pending{&fn, {}};
    std::future<Status> done = pending.result.get_future();
    {
      std::lock_guard lock(queue_mu_);
      if (stopping_) return Unavailable("存储已关闭");
      queue_.push_back(&pending);
    }
    queue_cv_.notify_one();
    return done.get();
  }

  StoreStats Stats() const override {
    StoreStats s;
    counters_.CopyTo(s);
    s.reader_connections = static_cast<int>(readers_.size());
    {
      std::lock_guard lock(readers_mu_);
      s.readers_in_use = static_cast<int>(readers_.size() - idle_readers_.size());
    }
    {
      std::lock_guard lock(queue_mu_);
      s.write_queue_depth = static_cast<int64_t>(queue_.size());
    }
    return s;
  }

  int SchemaVersion() const override { return version_; }

  Result<BackupCopy> Backup(const std::string& path) override {
    if (memory_) return FailedPrecondition("内存数据库不能备份");
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return FailedPrecondition("备份文件已存在: " + path);
    DUBAN_ASSIGN_OR_RETURN(auto dest, Db::Open(path, true));
    // One step copies every page inside one read transaction of a reader connection: a
    // consistent snapshot, while the writer goes on (WAL lets readers and the writer overlap).
    Connection* conn = TakeReader();
    Status copied = [&]() -> Status {
      sqlite3_backup* b = sqlite3_backup_init(dest->raw(), "main", conn->db->raw(), "main");
      if (!b) return SqliteStatus(dest->raw(), sqlite3_errcode(dest->raw()), "backup");
      int rc = SQLITE_BUSY;
      for (int attempt = 0; attempt < 100 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
           ++attempt) {
        rc = sqlite3_backup_step(b, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
      }
      int finish = sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE) return SqliteStatus(dest->raw(), rc, "backup");
      return SqliteStatus(dest->raw(), finish, "backup");
    }();
    ReturnReader(conn);
    if (!copied.ok()) return copied;
    // A self-contained file: no -wal beside it. The server turns WAL back on when it opens it.
    DUBAN_RETURN_IF_ERROR(dest->Exec("PRAGMA journal_mode = DELETE"));
    BackupCopy out;
    SqliteConnection sql_conn(*dest);
    sql::SqlTx tx(sql_conn);
    for (const std::string& table : tx.bulk().Tables()) {
      DUBAN_ASSIGN_OR_RETURN(out.rows[table], tx.bulk().Count(table));
    }
    return out;
  }

 private:
  struct PendingWrite {
    const std::function<Status(Tx&)>* fn;
    std::promise<Status> result;
  };

  Connection* TakeReader() {
    std::unique_lock lock(readers_mu_);
    readers_cv_.wait(lock, [&] { return !idle_readers_.empty(); });
    Connection* conn = idle_readers_.back();
    idle_readers_.pop_back();
    return conn;
  }
  void ReturnReader(Connection* conn) {
    {
      std::lock_guard lock(readers_mu_);
      idle_readers_.push_back(conn);
    }
    readers_cv_.notify_one();
  }

  static Status RunRead(Connection& conn, const std::function<Status(Tx&)>& fn) {
    // A read transaction makes every statement of fn see the same snapshot.
    DUBAN_RETURN_IF_ERROR(conn.db->Exec("BEGIN"));
    Status s = RunGuarded(*conn.tx, fn);
    Status end = conn.db->Exec(s.ok() ? "COMMIT" : "ROLLBACK");
    return s.ok() ? end : s;
  }

  static Status RunGuarded(Tx& tx, const std::function<Status(Tx&)>& fn) {
    try {
      return fn(tx);
    } catch (const std::exception& e) {
      return Internal(std::string("unexpected exception in a transaction: ") + e.what());
    }
  }

  void WriterLoop() {
    std::vector<PendingWrite*> batch;
    while (true) {
      {
        std::unique_lock lock(queue_mu_);
        queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_group) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      RunBatch(batch);
      batch.clear();
    }
  }

  void RunBatch(std::vector<PendingWrite*>& batch) {
    std::lock_guard conn_lock(writer_conn_mu_);
    Db& db = *writer_.db;
    std::vector<Status> results(batch.size());
    Status begin = db.Exec("BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (auto* p : batch) p->result.set_value(begin);
      counters_.AddWriteErrors(static_cast<int64_t>(batch.size()));
      return;
    }
    bool any_ok = false;
    for (size_t i = 0; i < batch.size(); ++i) {
      // Each writer in its own savepoint: its failure undoes only its own work.
      Status sp = db.Exec("SAVEPOINT w");
      if (!sp.ok()) {
        results[i] = sp;
        continue;
      }
      results[i] = RunGuarded(*writer_.tx, *batch[i]->fn);
      if (!results[i].ok()) (void)db.Exec("ROLLBACK TO w");
      Status rel = db.Exec("RELEASE w");
      if (!rel.ok() && results[i].ok()) results[i] = rel;
      any_ok = any_ok || results[i].ok();
    }
    Status commit = any_ok ? db.Exec("COMMIT") : db.Exec("ROLLBACK");
    if (!commit.ok()) {
      (void)db.Exec("ROLLBACK");
      for (auto& r : results) {
        if (r.ok()) r = Unavailable("提交失败，未保存: " + commit.message());
      }
    } else if (any_ok) {
      counters_.AddCommit();
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      counters_.AddWrite(results[i].ok());
      batch[i]->result.set_value(results[i]);
    }
  }

  SqliteOptions options_;
  bool memory_ = false;
  int version_ = 0;

  Connection writer_;
  std::mutex writer_conn_mu_;
  std::thread writer_thread_;
  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<PendingWrite*> queue_;
  bool stopping_ = false;

  std::vector<std::unique_ptr<Connection>> readers_;
  mutable std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<Connection*> idle_readers_;

  sql::StoreCounters counters_;
};

}  // namespace

Result<int> SqliteSchemaVersion(const std::string& path) {
  DUBAN_ASSIGN_OR_RETURN(auto db, Db::Open(path, false));
  DUBAN_ASSIGN_OR_RETURN(
      Statement st,
      db->PrepareOnce("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"));
  DUBAN_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.Int(0) == 0) return 0;
  DUBAN_ASSIGN_OR_RETURN(Statement v, db->PrepareOnce("SELECT version FROM schema_migrations"));
  std::set<int> applied;
  while (true) {
    DUBAN_ASSIGN_OR_RETURN(bool vrow, v.Step());
    if (!vrow) break;
    applied.insert(static_cast<int>(v.Int(0)));
  }
  return CompleteVersion(SqliteMigrations(), applied);
}

Status RestoreSqliteFile(const std::string& copy_path, const std::string& db_path, bool replace) {
  {
    DUBAN_ASSIGN_OR_RETURN(auto db, Db::Open(copy_path, false));
    DUBAN_ASSIGN_OR_RETURN(Statement st, db->PrepareOnce("PRAGMA integrity_check"));
    std::string report;
    while (true) {
      DUBAN_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      report += (report.empty() ? "" : "; ") + st.Text(0);
    }
    if (report != "ok") return FailedPrecondition("备份中的数据库已损坏: " + report);
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(db_path, ec) && !replace) {
    return FailedPrecondition("数据库已存在: " + db_path);
  }
  // The old database's WAL must not be replayed into the restored file.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(db_path + suffix, ec);
  fs::rename(copy_path, db_path, ec);
  if (ec) return Unavailable("无法把恢复的数据库放到 " + db_path + ": " + ec.message());
  int dir = ::open(fs::path(db_path).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::Ok();
}

int SqliteNewestSchemaVersion() {
  const auto& m = SqliteMigrations();
  return m.empty() ? 0 : m.back().version;
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  auto store = std::make_unique<SqliteStore>(options);
  Status s = store->Open();
  if (!s.ok()) return s.WithContext("打开数据库 " + options.path);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace duban::sqlite
