#include "storage/postgres/pg_store.h"

#include <condition_variable>
#include <mutex>
#include <set>
#include <vector>

#include "storage/migrations.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_tools.h"
#include "storage/sql/sql_repositories.h"
#include "storage/sql/store_counters.h"

namespace duban::postgres {
namespace {

// Any constant: the key of the advisory lock that serialises writers and migrations.
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(4242001)";

struct Slot {
  std::string url;  // the primary's, or the read replica's
  std::unique_ptr<PgConnection> conn;
  std::unique_ptr<sql::SqlTx> tx;
};

// A fixed set of slots handed out one at a time; a slot connects on first use.
struct Pool {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::unique_ptr<Slot>> slots;
  std::vector<Slot*> idle;

  void Add(std::unique_ptr<Slot> slot) {
    idle.push_back(slot.get());
    slots.push_back(std::move(slot));
  }
};

Status Migrate(PgConnection& c, int& version_out) {
  DUBAN_RETURN_IF_ERROR(c.Exec("BEGIN"));
  Status s = [&]() -> Status {
    DUBAN_RETURN_IF_ERROR(c.Exec(kWriterLock));
    DUBAN_RETURN_IF_ERROR(
        c.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
               "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"));
    DUBAN_ASSIGN_OR_RETURN(sql::Rows rows, c.Query("SELECT version FROM schema_migrations", {}));
    std::set<int> applied;
    for (size_t i = 0; i < rows.size(); ++i) applied.insert(static_cast<int>(rows[i].Int(0)));
    int version = applied.empty() ? 0 : *applied.rbegin();
    const auto& migrations = PostgresMigrations();
    int newest = migrations.empty() ? 0 : migrations.back().version;
    if (version > newest) {
      return FailedPrecondition("数据库结构版本 " + std::to_string(version) +
                                " 比本程序支持的版本 " + std::to_string(newest) +
                                " 新：请使用更新版本的 duban");
    }
    // All pending migrations in one transaction: PostgreSQL's DDL is transactional. Every
    // version not applied yet, in order — also one older than the newest applied.
    for (const Migration& m : migrations) {
      if (applied.count(m.version)) continue;
      Status ran = c.Exec(std::string(m.sql));
      if (!ran.ok()) return ran.WithContext("migration " + std::string(m.name));
      DUBAN_RETURN_IF_ERROR(
          c.Execute("INSERT INTO schema_migrations(version, name) VALUES (?1, ?2)",
                    {int64_t{m.version}, std::string(m.name)})
              .status());
      version = std::max(version, m.version);
    }
    version_out = version;
    return Status::Ok();
  }();
  if (!s.ok()) {
    (void)c.Exec("ROLLBACK");
    return s;
  }
  return c.Exec("COMMIT");
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(PostgresOptions options) : options_(std::move(options)) {}

  Status Open() {
    DUBAN_ASSIGN_OR_RETURN(auto first,
                           PgConnection::Connect(options_.url, options_.statement_timeout_ms));
    DUBAN_RETURN_IF_ERROR(Migrate(*first, version_));
    auto slot = std::make_unique<Slot>();
    slot->url = options_.url;
    slot->conn = std::move(first);
    slot->tx = std::make_unique<sql::SqlTx>(*slot->conn);
    primary_.Add(std::move(slot));
    for (int i = 1; i < options_.pool_size; ++i) {
      primary_.Add(std::make_unique<Slot>(Slot{options_.url, nullptr, nullptr}));
    }
    if (!options_.read_url.empty()) {
      for (int i = 0; i < options_.pool_size; ++i) {
        replica_.Add(std::make_unique<Slot>(Slot{options_.read_url, nullptr, nullptr}));
      }
    }
    return Status::Ok();
  }

  Status Read(const std::function<Status(Tx&)>& fn) override {
    counters_.AddRead();
    // Reads go to the replica when one is configured (it may lag the primary slightly).
    Pool& pool = options_.read_url.empty() ? primary_ : replica_;
    return WithSlot(pool, [&](Slot& slot) {
      return RunTransaction(slot, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", false, fn);
    });
  }

  Status Write(const std::function<Status(Tx&)>& fn) override {
    Status s;
    for (int attempt = 0; attempt <= options_.write_retries; ++attempt) {
      s = WithSlot(primary_, [&](Slot& slot) { return RunTransaction(slot, "BEGIN", true, fn); });
      if (s.code() != ErrorCode::kAborted) break;
    }
    counters_.AddWrite(s.ok());
    if (s.ok()) counters_.AddCommit();
    return s;
  }

  StoreStats Stats() const override {
    StoreStats s;
    counters_.CopyTo(s);
    for (Pool* pool : {&primary_, &replica_}) {
      std::lock_guard lock(pool->mu);
      s.reader_connections += static_cast<int>(pool->slots.size());
      s.readers_in_use += static_cast<int>(pool->slots.size() - pool->idle.size());
    }
    return s;
  }

  int SchemaVersion() const override { return version_; }

  Result<BackupCopy> Backup(const std::string& path) override {
    BackupCopy out;
    Status s = WithSlot(primary_, [&](Slot& slot) -> Status {
      // Counts and pg_dump see one exported snapshot, so the counts describe the dump exactly.
      DUBAN_RETURN_IF_ERROR(slot.conn->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
      Status body = [&]() -> Status {
        DUBAN_ASSIGN_OR_RETURN(sql::Rows snapshot,
                               slot.conn->Query("SELECT pg_export_snapshot()", {}));
        for (const std::string& table : slot.tx->bulk().Tables()) {
          DUBAN_ASSIGN_OR_RETURN(out.rows[table], slot.tx->bulk().Count(table));
        }
        return RunTool({"pg_dump", "--format=custom", "--snapshot=" + snapshot[0].Text(0),
                        "--file=" + path, "--dbname=" + options_.url});
      }();
      (void)slot.conn->Exec(body.ok() ? "COMMIT" : "ROLLBACK");
      return body;
    });
    if (!s.ok()) return s;
    return out;
  }

 private:
  Status WithSlot(Pool& pool, const std::function<Status(Slot&)>& body) {
    Slot* slot;
    {
      std::unique_lock lock(pool.mu);
      pool.cv.wait(lock, [&] { return !pool.idle.empty(); });
      slot = pool.idle.back();
      pool.idle.pop_back();
    }
    Status s = EnsureConnected(*slot);
    if (s.ok()) s = body(*slot);
    {
      std::lock_guard lock(pool.mu);
      pool.idle.push_back(slot);
    }
    pool.cv.notify_one();
    return s;
  }

  // Replaces a lost connection: this is how the store recovers after the server restarts.
  Status EnsureConnected(Slot& slot) {
    if (slot.conn && slot.conn->healthy()) return Status::Ok();
    slot.tx.reset();
    slot.conn.reset();
    DUBAN_ASSIGN_OR_RETURN(slot.conn,
                           PgConnection::Connect(slot.url, options_.statement_timeout_ms));
    slot.tx = std::make_unique<sql::SqlTx>(*slot.conn);
    return Status::Ok();
  }

  static Status RunTransaction(Slot& slot, const char* begin, bool write,
                               const std::function<Status(Tx&)>& fn) {
    DUBAN_RETURN_IF_ERROR(slot.conn->Exec(begin));
    Status s = write ? slot.conn->Exec(kWriterLock) : Status::Ok();
    if (s.ok()) {
      try {
        s = fn(*slot.tx);
      } catch (const std::exception& e) {
        s = Internal(std::string("unexpected exception in a transaction: ") + e.what());
      }
    }
    if (!s.ok()) {
      (void)slot.conn->Exec("ROLLBACK");
      return s;
    }
    Status commit = slot.conn->Exec("COMMIT");
    if (!commit.ok() && commit.code() != ErrorCode::kAborted) {
      // The outcome of a COMMIT that failed in transit is unknown; say so plainly.
      return Unavailable("提交时数据库连接中断，结果未确认: " + commit.message());
    }
    return commit;
  }

  PostgresOptions options_;
  int version_ = 0;
  mutable Pool primary_;
  mutable Pool replica_;
  sql::StoreCounters counters_;
};

}  // namespace

Result<int> PostgresSchemaVersion(const std::string& url) {
  DUBAN_ASSIGN_OR_RETURN(auto c, PgConnection::Connect(url, 10000));
  DUBAN_ASSIGN_OR_RETURN(sql::Rows exists,
                         c->Query("SELECT count(*) FROM information_schema.tables "
                                  "WHERE table_name = 'schema_migrations'",
                                  {}));
  if (exists[0].Int(0) == 0) return 0;
  DUBAN_ASSIGN_OR_RETURN(sql::Rows rows, c->Query("SELECT version FROM schema_migrations", {}));
  std::set<int> applied;
  for (size_t i = 0; i < rows.size(); ++i) applied.insert(static_cast<int>(rows[i].Int(0)));
  return CompleteVersion(PostgresMigrations(), applied);
}

int PostgresNewestSchemaVersion() {
  const auto& m = PostgresMigrations();
  return m.empty() ? 0 : m.back().version;
}

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options) {
  auto store = std::make_unique<PostgresStore>(options);
  Status s = store->Open();
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace duban::postgres
