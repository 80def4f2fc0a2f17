// The storage contract: every Store implementation must pass this suite. It runs against
// SQLite in memory and in a temporary file, and (as store_contract_pgtest) on PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_store.h"
#include "storage/sql/sql_item_rows.h"
#include "storage/sqlite/sqlite_store.h"
#include "testing/pg_database.h"
#include "testing/temp_dir.h"

namespace duban {
namespace {

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const std::filesystem::path& dir)> open;
};

void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam().name.starts_with("postgres")) {
      if (!testing::PgBaseUrl()) GTEST_SKIP() << "DUBAN_TEST_PG_URL is not set";
      pg_.emplace();
      postgres::PostgresOptions options;
      options.url = pg_->url();
      options.pool_size = 4;
      // The read-pool variant sends reads through the replica pool (here: the same server).
      if (GetParam().name == "postgres_read_pool") options.read_url = pg_->url();
      auto s = postgres::OpenPostgresStore(options);
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      store_ = std::move(s).value();
      return;
    }
    store_ = GetParam().open(dir_.path());
  }

  Unit MustInsertUnit(std::optional<UnitId> parent, const std::string& name,
                      const std::string& code = "") {
    Unit u;
    u.parent_id = parent;
    u.name = name;
    u.kind = "bureau";
    u.code = code;
    Status s = store_->Write([&](Tx& tx) { return tx.units().Insert(Scope::Everything(), u); });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return u;
  }

  testing::TempDir dir_;
  std::optional<testing::TempPgDatabase> pg_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, UnitTreePathsAndScopedReads) {
  Unit county = MustInsertUnit(std::nullopt, "青山县", "QS");
  Unit a = MustInsertUnit(county.id, "县交通运输局", "QS-JT");
  Unit a1 = MustInsertUnit(a.id, "安全监督股");
  Unit b = MustInsertUnit(county.id, "县市场监督管理局");
  EXPECT_EQ(county.path, "/" + std::to_string(county.id) + "/");
  EXPECT_EQ(a1.path, a.path + std::to_string(a1.id) + "/");

  Scope in_a = Scope::Subtree(a.path);
  Status s = store_->Read([&](Tx& tx) -> Status {
    auto got = tx.units().Get(in_a, a1.id);
    EXPECT_TRUE(got.ok());
    EXPECT_EQ(got->path_names, (std::vector<std::string>{"青山县", "县交通运输局", "安全监督股"}));
    EXPECT_EQ(tx.units().Get(in_a, b.id).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(tx.units().Get(in_a, county.id).status().code(), ErrorCode::kNotFound);
    auto children = tx.units().List(Scope::Everything(), {county.id, "", {1, 20}});
    EXPECT_TRUE(children.ok());
    EXPECT_EQ(children->total, 2);
    EXPECT_EQ(children->items[0].child_count, 1);
    auto scoped = tx.units().List(in_a, {std::nullopt, "", {1, 20}});
    EXPECT_EQ(scoped->total, 2);
    auto searched = tx.units().List(Scope::Everything(), {std::nullopt, "监督", {1, 20}});
    EXPECT_EQ(searched->total, 2);
    auto wildcard = tx.units().List(Scope::Everything(), {std::nullopt, "%", {1, 20}});
    EXPECT_EQ(wildcard->total, 0) << "LIKE wildcards in q must be literal";
    EXPECT_EQ(*tx.units().Count(in_a), 2);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(StoreContractTest, PagingReturnsTotalsAndSlices) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  for (int i = 0; i < 25; ++i) MustInsertUnit(county.id, "单位" + std::to_string(i));
  Status s = store_->Read([&](Tx& tx) -> Status {
    auto p3 = tx.units().List(Scope::Everything(), {county.id, "", {3, 10}});
    EXPECT_EQ(p3->total, 25);
    EXPECT_EQ(p3->items.size(), 5u);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_P(StoreContractTest, MoveRewritesTheWholeSubtree) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  Unit a = MustInsertUnit(county.id, "A");
  Unit a1 = MustInsertUnit(a.id, "A1");
  Unit a11 = MustInsertUnit(a1.id, "A11");
  Unit b = MustInsertUnit(county.id, "B");
  ASSERT_TRUE(
      store_->Write([&](Tx& tx) { return tx.units().Move(Scope::Everything(), a1.id, b.id); })
          .ok());
  Status into_own =
      store_->Write([&](Tx& tx) { return tx.units().Move(Scope::Everything(), a.id, a.id); });
  EXPECT_EQ(into_own.code(), ErrorCode::kFailedPrecondition);
  Status s = store_->Read([&](Tx& tx) -> Status {
    auto moved = tx.units().Get(Scope::Subtree(b.path), a11.id);
    EXPECT_TRUE(moved.ok());
    EXPECT_EQ(moved->path, b.path + std::to_string(a1.id) + "/" + std::to_string(a11.id) + "/");
    EXPECT_EQ(tx.units().Get(Scope::Subtree(a.path), a11.id).status().code(), ErrorCode::kNotFound);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_P(StoreContractTest, OutOfScopeWritesChangeNothing) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  Unit a = MustInsertUnit(county.id, "A");
  Unit b = MustInsertUnit(county.id, "B", "B-CODE");
  Scope in_a = Scope::Subtree(a.path);
  Unit renamed = b;
  renamed.name = "hacked";
  EXPECT_EQ(store_->Write([&](Tx& tx) { return tx.units().Update(in_a, renamed); }).code(),
            ErrorCode::kNotFound);
  Unit child;
  child.parent_id = b.id;
  child.name = "x";
  EXPECT_EQ(store_->Write([&](Tx& tx) { return tx.units().Insert(in_a, child); }).code(),
            ErrorCode::kNotFound);
  Person p{0, b.id, "张三", "", "", ""};
  EXPECT_EQ(store_->Write([&](Tx& tx) { return tx.people().Insert(in_a, p); }).code(),
            ErrorCode::kNotFound);
  Status s = store_->Read([&](Tx& tx) -> Status {
    EXPECT_EQ(tx.units().Get(Scope::Everything(), b.id)->name, "B");
    EXPECT_EQ(*tx.units().Count(Scope::Everything()), 3);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_P(StoreContractTest, UniqueKeysAreAlreadyExists) {
  Unit county = MustInsertUnit(std::nullopt, "县", "QS");
  Unit dup;
  dup.parent_id = county.id;
  dup.name = "dup";
  dup.code = "QS";
  Status s = store_->Write([&](Tx& tx) { return tx.units().Insert(Scope::Everything(), dup); });
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(s.field(), "code");
  Account a;
  a.username = "same";
  a.unit_id = county.id;
  a.roles = RoleSet{Role::kViewer};
  a.password_hash = "h";
  ASSERT_TRUE(
      store_->Write([&](Tx& tx) { return tx.accounts().Insert(Scope::Everything(), a); }).ok());
  Account b = a;
  EXPECT_EQ(
      store_->Write([&](Tx& tx) { return tx.accounts().Insert(Scope::Everything(), b); }).code(),
      ErrorCode::kAlreadyExists);
}

TEST_P(StoreContractTest, AccountsPeopleAndSessionsRoundTrip) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  Person p{0, county.id, "王磊", "股长", "13800000000", ""};
  ASSERT_TRUE(
      store_->Write([&](Tx& tx) { return tx.people().Insert(Scope::Everything(), p); }).ok());
  Account a;
  a.username = "wanglei";
  a.unit_id = county.id;
  a.person_id = p.id;
  a.roles = RoleSet{Role::kHandler, Role::kLeader};
  a.password_hash = "$argon2id$x";
  a.locked_until = *ParseRfc3339("2026-11-23T01:15:00Z");
  ASSERT_TRUE(
      store_->Write([&](Tx& tx) { return tx.accounts().Insert(Scope::Everything(), a); }).ok());
  Instant t0 = *ParseRfc3339("2026-11-23T01:00:00Z");
  SessionRecord session{std::string(64, 'a'), a.id, "csrf", t0, t0};
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.sessions().Insert(session); }).ok());
  Status s = store_->Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Account got, tx.accounts().FindByUsername("wanglei"));
    EXPECT_EQ(got.person_name, "王磊");
    EXPECT_EQ(got.unit_path, county.path);
    EXPECT_EQ(got.roles, a.roles);
    EXPECT_EQ(got.locked_until, a.locked_until);
    DUBAN_ASSIGN_OR_RETURN(SessionRecord found, tx.sessions().Find(session.token_hash));
    EXPECT_EQ(found.account_id, a.id);
    EXPECT_EQ(found.created_at, t0);
    auto people = tx.people().List(Scope::Everything(), {county.id, false, "王", {1, 20}});
    EXPECT_EQ(people->total, 1);
    auto accounts = tx.accounts().List(Scope::Everything(), {std::nullopt, "王磊", {1, 20}});
    EXPECT_EQ(accounts->total, 1) << "q matches the person's name too";
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.sessions().DeleteForAccount(a.id); }).ok());
  store_
      ->Read([&](Tx& tx) {
        EXPECT_EQ(tx.sessions().Find(session.token_hash).status().code(), ErrorCode::kNotFound);
        return Status::Ok();
      })
      .ok();
}

TEST_P(StoreContractTest, FailedWriteRollsBackEverythingItDid) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  Status s = store_->Write([&](Tx& tx) -> Status {
    Unit u;
    u.parent_id = county.id;
    u.name = "will vanish";
    DUBAN_RETURN_IF_ERROR(tx.units().Insert(Scope::Everything(), u));
    return Aborted("injected failure after a write");
  });
  EXPECT_EQ(s.code(), ErrorCode::kAborted);
  store_
      ->Read([&](Tx& tx) {
        EXPECT_EQ(*tx.units().Count(Scope::Everything()), 1);
        return Status::Ok();
      })
      .ok();
}

TEST_P(StoreContractTest, ExceptionInAWriteIsAnInternalErrorAndRollsBack) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  Status s = store_->Write([&](Tx& tx) -> Status {
    Unit u;
    u.parent_id = county.id;
    u.name = "x";
    (void)tx.units().Insert(Scope::Everything(), u);
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  store_
      ->Read([&](Tx& tx) {
        EXPECT_EQ(*tx.units().Count(Scope::Everything()), 1);
        return Status::Ok();
      })
      .ok();
}

// Group commit: many concurrent writers, some failing; each gets all or nothing of its own work.
TEST_P(StoreContractTest, ConcurrentWritersAreIsolatedAndAllAcknowledgedWritesStay) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  constexpr int kThreads = 8, kPerThread = 40;
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        bool fail = (i % 5) == 0;
        Status s = store_->Write([&](Tx& tx) -> Status {
          Person p{0, county.id, "p" + std::to_string(t) + "-" + std::to_string(i), "", "", ""};
          DUBAN_RETURN_IF_ERROR(tx.people().Insert(Scope::Everything(), p));
          if (fail) return Aborted("this writer gives up");
          return Status::Ok();
        });
        if (s.ok()) ++acknowledged;
        EXPECT_EQ(s.ok(), !fail) << s.ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(acknowledged.load(), kThreads * kPerThread * 4 / 5);
  store_
      ->Read([&](Tx& tx) {
        auto people = tx.people().List(Scope::Everything(), {std::nullopt, true, "", {1, 1}});
        EXPECT_EQ(people->total, acknowledged.load());
        return Status::Ok();
      })
      .ok();
  StoreStats stats = store_->Stats();
  EXPECT_GE(stats.writes, kThreads * kPerThread);
  EXPECT_LE(stats.commits, stats.writes);
}

TEST_P(StoreContractTest, AuditAppendIsOrderedAndScopedAndAppendOnly) {
  Unit county = MustInsertUnit(std::nullopt, "县");
  Unit a = MustInsertUnit(county.id, "A");
  for (int i = 1; i <= 3; ++i) {
    AuditEvent e;
    e.seq = i;
    e.at = *ParseRfc3339("2026-11-23T01:00:00Z");
    e.action = "unit.update";
    e.entity_type = "unit";
    e.entity_id = std::to_string(i == 2 ? a.id : county.id);
    e.unit_path = i == 2 ? a.path : county.path;
    e.prev_hash = kGenesisHash;
    e.hash = std::string(64, 'f');
    ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.audit().Append(e); }).ok());
  }
  AuditEvent dup;
  dup.seq = 2;
  dup.unit_path = "/";
  EXPECT_EQ(store_->Write([&](Tx& tx) { return tx.audit().Append(dup); }).code(),
            ErrorCode::kAlreadyExists);
  store_
      ->Read([&](Tx& tx) {
        EXPECT_EQ((*tx.audit().Last())->seq, 3);
        auto in_a = tx.audit().List(Scope::Subtree(a.path), {"", "", {1, 20}});
        EXPECT_EQ(in_a->total, 1);
        EXPECT_EQ(in_a->items[0].seq, 2);
        auto all = tx.audit().List(Scope::Everything(), {"", "", {1, 20}});
        EXPECT_EQ(all->items.front().seq, 3) << "newest first";
        auto scan = tx.audit().Scan(1, 10);
        EXPECT_EQ(scan->size(), 2u);
        return Status::Ok();
      })
      .ok();
}

// Review M6: ListAfter walks a list by key in exactly the order List pages it, for every sort,
// with ties on the sort column and items without a deadline.
TEST_P(StoreContractTest, ListAfterWalksEveryOrderByKeyExactlyOnce) {
  Unit unit = MustInsertUnit(std::nullopt, "县交通运输局");
  Unit other = MustInsertUnit(std::nullopt, "县市场监管局");
  std::vector<Item> items;
  for (int i = 1; i <= 23; ++i) {
    Item item;
    item.id = i;
    item.code = FormatItemCode(2026, (i * 7) % 23 + 1);
    item.title = "路灯不亮" + std::to_string(i);
    const Unit& u = i % 5 == 0 ? other : unit;
    item.unit_id = u.id;
    item.unit_path = u.path;
    item.found_on = *ParseDate("2026-11-0" + std::to_string(1 + i % 4));
    if (i % 3 != 0) item.deadline = *ParseDate("2026-12-1" + std::to_string(i % 4));
    item.status = ItemStatus::kInProgress;
    item.created_at = *ParseRfc3339("2026-11-01T00:00:00Z");
    item.updated_at = item.created_at + std::chrono::minutes(i % 6);
    items.push_back(item);
  }
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.bulk().WriteItems(items); }).ok());
  for (const char* sort :
       {"deadline", "-deadline", "found_on", "-found_on", "code", "-updated_at"}) {
    for (const std::string& q : {std::string(), std::string("路灯")}) {
      SCOPED_TRACE(std::string(sort) + " q=" + q);
      ItemQuery query;
      query.sort = sort;
      query.q = q;
      query.page = {1, 200};
      Scope scope = Scope::Subtree(unit.path);
      std::vector<ItemId> paged, walked;
      ASSERT_TRUE(store_
                      ->Read([&](Tx& tx) -> Status {
                        DUBAN_ASSIGN_OR_RETURN(auto page, tx.items().List(scope, query, {}));
                        for (const Item& i : page.items) paged.push_back(i.id);
                        return Status::Ok();
                      })
                      .ok());
      std::optional<ItemListKey> after;
      for (int round = 0; round < 50; ++round) {
        std::vector<Item> batch;
        ASSERT_TRUE(store_
                        ->Read([&](Tx& tx) -> Status {
                          DUBAN_ASSIGN_OR_RETURN(batch,
                                                 tx.items().ListAfter(scope, query, {}, after, 4));
                          return Status::Ok();
                        })
                        .ok());
        for (const Item& i : batch) walked.push_back(i.id);
        if (batch.size() < 4) break;
        after = ItemListKey::Of(batch.back());
      }
      EXPECT_EQ(paged.size(), 19u) << "the items of the other unit are out of scope";
      EXPECT_EQ(walked, paged);
    }
  }
}

// Review M6: the ledger import looks up only the names in its file — by unit name or code, and
// person name — in scope, in batches, whatever their number.
TEST_P(StoreContractTest, FindByNamesFindsOnlyTheNamedInScope) {
  Unit root = MustInsertUnit(std::nullopt, "县政府");
  Unit outside = MustInsertUnit(std::nullopt, "邻县政府", "LX");
  std::vector<Unit> units;
  for (int i = 0; i < 120; ++i) {
    units.push_back(MustInsertUnit(root.id, "单位" + std::to_string(i), "C" + std::to_string(i)));
  }
  auto person = [](UnitId unit, const std::string& name) {
    Person p;
    p.unit_id = unit;
    p.name = name;
    return p;
  };
  Person p1 = person(units[3].id, "马骏"), p2 = person(units[70].id, "马骏"),
         p3 = person(outside.id, "马骏"), p4 = person(units[5].id, "王磊");
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    for (Person* p : {&p1, &p2, &p3, &p4})
                      DUBAN_RETURN_IF_ERROR(tx.people().Insert(Scope::Everything(), *p));
                    return Status::Ok();
                  })
                  .ok());
  Scope scope = Scope::Subtree(root.path);
  std::vector<std::string> names = {"单位1", "C2", "LX", "邻县政府", "无此单位"};
  for (int i = 60; i < 119; ++i) names.push_back("单位" + std::to_string(i));  // past one batch
  ASSERT_TRUE(
      store_
          ->Read([&](Tx& tx) -> Status {
            DUBAN_ASSIGN_OR_RETURN(auto found, tx.units().FindByNames(scope, names));
            std::set<UnitId> ids;
            for (const Unit& u : found) ids.insert(u.id);
            std::set<UnitId> expected = {units[1].id, units[2].id};
            for (int i = 60; i < 119; ++i) expected.insert(units[i].id);
            EXPECT_EQ(ids, expected);
            EXPECT_EQ(found.size(), expected.size()) << "each unit once";
            DUBAN_ASSIGN_OR_RETURN(auto none, tx.units().FindByNames(scope, {}));
            EXPECT_TRUE(none.empty());
            DUBAN_ASSIGN_OR_RETURN(auto people, tx.people().FindByNames(scope, {"马骏", "张三"}));
            EXPECT_EQ(people.size(), 2u) << "not the one outside the scope";
            for (const auto& [p, path] : people) {
              EXPECT_EQ(p.name, "马骏");
              EXPECT_EQ(path, p.id == p1.id ? units[3].path : units[70].path);
            }
            return Status::Ok();
          })
          .ok());
}

// The PostgreSQL build of this file (store_contract_pgtest) runs the same suite there.
std::vector<Backend> Backends() {
#ifdef DUBAN_POSTGRES_SUITE
  return {{"postgres", nullptr}, {"postgres_read_pool", nullptr}};
#endif
  return {
      {"sqlite_memory",
       [](const std::filesystem::path&) {
         auto s = sqlite::OpenSqliteStore({":memory:", true, 0});
         EXPECT_TRUE(s.ok()) << s.status().ToString();
         return std::move(s).value();
       }},
      {"sqlite_file",
       [](const std::filesystem::path& dir) {
         auto s = sqlite::OpenSqliteStore({(dir / "t.db").string(), true, 3});
         EXPECT_TRUE(s.ok()) << s.status().ToString();
         return std::move(s).value();
       }},
  };
}

// The bulk path writes items as given and indexes their text; an edit through Update drops the
// grams of the stored text and adds the new ones; DueForCheck pages through the due items in
// (next_check_on, id) order and never returns one not yet due.
// Issue 20: the warning filter is one deadline range per run of neighbouring colours and a list
// with both a status and a warning filter counts each table by its own query. Every
// combination must still give what the definitions say, recounted here item by item.
// Issue 20 item 2: Update writes the columns that differ from the item as read, and only
// those; every field written reads back, and a column it did not change keeps what is stored.
TEST_P(StoreContractTest, ItemUpdateWritesOnlyTheChangedColumns) {
  Unit unit = MustInsertUnit(std::nullopt, "县水利局");
  Item item;
  item.id = 1;
  item.code = FormatItemCode(2026, 1);
  item.title = "堤防渗水";
  item.unit_id = unit.id;
  item.unit_path = unit.path;
  item.found_on = *ParseDate("2026-12-01");
  item.found_by = "admin";
  item.status = ItemStatus::kInProgress;
  item.progress = 10;
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.bulk().WriteItems({item}); }).ok());
  Item read_first;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) -> Status {
                    DUBAN_ASSIGN_OR_RETURN(read_first, tx.items().Get(Scope::Everything(), 1));
                    return Status::Ok();
                  })
                  .ok());
  // Someone else moves the progress to 40 after `read_first` was taken.
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    DUBAN_ASSIGN_OR_RETURN(Item stored, tx.items().Get(Scope::Everything(), 1));
                    Item edited = stored;
                    edited.progress = 40;
                    edited.deadline = ParseDate("2026-12-20");
                    return tx.items().Update(stored, edited);
                  })
                  .ok());
  // An update from the older read that changes only the title leaves the progress alone.
  Item retitled = read_first;
  retitled.title = "堤防渗水（复核）";
  retitled.next_check_on = ParseDate("2026-12-08");
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.items().Update(read_first, retitled); }).ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) -> Status {
                    DUBAN_ASSIGN_OR_RETURN(Item got, tx.items().Get(Scope::Everything(), 1));
                    EXPECT_EQ(got.title, "堤防渗水（复核）");
                    EXPECT_EQ(got.next_check_on, ParseDate("2026-12-08"));
                    EXPECT_EQ(got.progress, 40) << "a column the update did not change was written";
                    EXPECT_EQ(got.deadline, ParseDate("2026-12-20"));
                    return Status::Ok();
                  })
                  .ok());
  // Nothing changed: nothing to write, and no error.
  EXPECT_TRUE(
      store_->Write([&](Tx& tx) { return tx.items().Update(read_first, read_first); }).ok());
}

TEST_P(StoreContractTest, ListCountsAndWarningBandsAgreeWithARecount) {
  Unit unit = MustInsertUnit(std::nullopt, "县应急管理局");
  const WarningCutoffs cut{*ParseDate("2026-12-07"), *ParseDate("2026-12-10"),
                           *ParseDate("2026-11-07")};
  const char* deadlines[] = {nullptr,      "2026-10-01", "2026-11-06", "2026-11-07",
                             "2026-12-06", "2026-12-07", "2026-12-10", "2026-12-11"};
  const ItemStatus statuses[] = {ItemStatus::kAssigned, ItemStatus::kInProgress,
                                 ItemStatus::kPendingReview, ItemStatus::kClosed,
                                 ItemStatus::kCancelled};
  std::vector<Item> items;
  for (const char* d : deadlines) {
    for (ItemStatus st : statuses) {
      Item item;
      item.id = static_cast<ItemId>(items.size() + 1);
      item.code = FormatItemCode(2026, static_cast<int>(item.id));
      item.title = "期限" + std::to_string(item.id);
      item.unit_id = unit.id;
      item.unit_path = unit.path;
      item.found_on = cut.today;
      item.found_by = "admin";
      item.status = st;
      if (d) item.deadline = ParseDate(d);
      items.push_back(item);
    }
  }
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.bulk().WriteItems(items); }).ok());
  auto colour = [&](const Item& i) -> std::string {
    if (i.status == ItemStatus::kClosed || i.status == ItemStatus::kCancelled || !i.deadline)
      return "none";
    if (*i.deadline < cut.severe_before) return "severe";
    if (*i.deadline < cut.today) return "red";
    if (*i.deadline <= cut.yellow_until) return "yellow";
    return "green";
  };
  const std::vector<std::vector<ItemStatus>> status_filters = {
      {}, {ItemStatus::kAssigned, ItemStatus::kInProgress}, {ItemStatus::kClosed}};
  const std::vector<std::vector<std::string>> warning_filters = {
      {},
      {"red"},
      {"red", "severe"},
      {"yellow", "green"},
      {"severe", "yellow"},
      {"green", "red", "severe", "yellow"},
      {"severe", "green"}};
  for (const auto& sf : status_filters) {
    for (const auto& wf : warning_filters) {
      ItemQuery q;
      q.statuses = sf;
      q.warnings = wf;
      q.page = {1, 200};
      auto pass_status = [&](const Item& i) {
        return sf.empty() || std::find(sf.begin(), sf.end(), i.status) != sf.end();
      };
      auto pass_warning = [&](const Item& i) {
        return wf.empty() || std::find(wf.begin(), wf.end(), colour(i)) != wf.end();
      };
      std::map<std::string, int64_t> want_status, want_warning;
      int64_t want_total = 0;
      for (const Item& i : items) {
        if (pass_warning(i)) ++want_status[std::string(ItemStatusName(i.status))];
        if (pass_status(i)) ++want_warning[colour(i)];
        if (pass_status(i) && pass_warning(i)) ++want_total;
      }
      SCOPED_TRACE(::testing::PrintToString(wf) + " statuses " + std::to_string(sf.size()));
      ASSERT_TRUE(store_
                      ->Read([&](Tx& tx) -> Status {
                        DUBAN_ASSIGN_OR_RETURN(auto page,
                                               tx.items().List(Scope::Everything(), q, cut));
                        EXPECT_EQ(page.total, want_total);
                        for (const Item& i : page.items) {
                          EXPECT_TRUE(pass_status(i) && pass_warning(i)) << i.id;
                        }
                        DUBAN_ASSIGN_OR_RETURN(ItemCounts counts,
                                               tx.items().Count(Scope::Everything(), q, cut));
                        for (const auto& [name, n] : counts.status) {
                          EXPECT_EQ(n, want_status[name]) << "status " << name;
                        }
                        for (const auto& [name, n] : counts.warning) {
                          EXPECT_EQ(n, want_warning[name]) << "warning " << name;
                        }
                        return Status::Ok();
                      })
                      .ok());
    }
  }
}

TEST_P(StoreContractTest, BulkItemsTextIndexAndDueForCheckPaging) {
  Unit unit = MustInsertUnit(std::nullopt, "县交通运输局");
  Date today = *ParseDate("2026-11-23");
  std::vector<Item> items;
  for (int i = 1; i <= 7; ++i) {
    Item item;
    item.id = i;
    item.code = FormatItemCode(2026, i);
    item.title = i == 1 ? "护栏损坏" : "路灯不亮" + std::to_string(i);
    item.description = "现场核查";
    item.unit_id = unit.id;
    item.unit_path = unit.path;
    item.found_on = today;
    item.found_by = "admin";
    item.status = ItemStatus::kInProgress;
    // Due: items 2..6 (two on the 20th, three on the 23rd); item 7 only tomorrow.
    const char* check[] = {nullptr,      "2026-11-23", "2026-11-20", "2026-11-23",
                           "2026-11-20", "2026-11-23", "2026-11-24"};
    if (i > 1) item.next_check_on = ParseDate(check[i - 1]);
    items.push_back(item);
  }
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.bulk().WriteItems(items); }).ok());

  auto search = [&](const std::string& q) {
    ItemQuery query;
    query.q = q;
    std::vector<ItemId> ids;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) -> Status {
                      DUBAN_ASSIGN_OR_RETURN(auto page,
                                             tx.items().List(Scope::Everything(), query, {}));
                      for (const Item& i : page.items) ids.push_back(i.id);
                      return Status::Ok();
                    })
                    .ok());
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(search("护栏"), std::vector<ItemId>{1});
  EXPECT_EQ(search("路灯").size(), 6u);

  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    DUBAN_ASSIGN_OR_RETURN(Item stored, tx.items().Get(Scope::Everything(), 1));
                    Item edited = stored;
                    edited.title = "井盖缺失";
                    return tx.items().Update(stored, edited);
                  })
                  .ok());
  EXPECT_TRUE(search("护栏").empty());
  EXPECT_EQ(search("井盖"), std::vector<ItemId>{1});
  Status mismatched = store_->Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Item stored, tx.items().Get(Scope::Everything(), 1));
    Item other = stored;
    other.id = 2;
    return tx.items().Update(stored, other);
  });
  EXPECT_EQ(mismatched.code(), ErrorCode::kInvalidArgument);

  std::vector<ItemId> seen;
  std::optional<ItemRepository::CheckCursor> after;
  for (int round = 0; round < 10; ++round) {
    std::vector<Item> batch;
    ASSERT_TRUE(store_
                    ->Read([&](Tx& tx) -> Status {
                      DUBAN_ASSIGN_OR_RETURN(
                          batch, tx.items().DueForCheck(Scope::Everything(), today, after, 2));
                      return Status::Ok();
                    })
                    .ok());
    if (batch.empty()) break;
    for (const Item& i : batch) seen.push_back(i.id);
    after = ItemRepository::CheckCursor{*batch.back().next_check_on, batch.back().id};
  }
  EXPECT_EQ(seen, (std::vector<ItemId>{3, 5, 2, 4, 6}));
  // A sweep over another unit's scope finds none of them (L7).
  Unit other = MustInsertUnit(std::nullopt, "县市场监督管理局");
  std::vector<Item> outside;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) -> Status {
                    DUBAN_ASSIGN_OR_RETURN(
                        outside, tx.items().DueForCheck(Scope::Subtree(other.path), today, {}, 10));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(outside.empty());
}

// The text index keeps posting lists per block of 256 ids (migration 0010). Whatever the ids,
// blocks, batches and edits, a search finds exactly the items whose code, title or description
// holds the text, as a plain substring scan of every item finds them — at the root (the posting
// lists intersected) and below it (each item of the subtree probed). Ids 63, 64, 127, 128, 255
// and 256 put items on bit 63 (the sign of a word), on both sides of word and block edges; the bulk
// write comes in two batches that split a block, and edits add and drop grams in shared blocks.
TEST_P(StoreContractTest, TextSearchAgreesWithASubstringScanAcrossBlocks) {
  Unit county = MustInsertUnit(std::nullopt, "青山县");
  Unit bureau = MustInsertUnit(county.id, "县水利局");
  const std::vector<std::string> alphabet = {"路", "灯", "积", "水", "护", "栏",
                                             "井", "盖", "A",  "b",  " "};
  std::mt19937 rng(20261208);
  auto text = [&](int max_len) {
    std::string out;
    int n = static_cast<int>(rng() % static_cast<unsigned>(max_len + 1));
    for (int k = 0; k < n; ++k) out += alphabet[rng() % alphabet.size()];
    return out;
  };
  std::map<ItemId, Item> all;
  std::vector<Item> batch1, batch2;
  for (ItemId id = 1; id <= 300; ++id) {
    Item item;
    item.id = id;
    item.code = FormatItemCode(2026, static_cast<int>(id));
    item.title = text(6);
    item.description = text(10);
    const Unit& u = id % 3 == 0 ? county : bureau;
    item.unit_id = u.id;
    item.unit_path = u.path;
    item.found_on = *ParseDate("2026-12-01");
    item.found_by = "admin";
    item.status = ItemStatus::kInProgress;
    all[id] = item;
    (id <= 100 ? batch1 : batch2).push_back(item);
  }
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.bulk().WriteItems(batch1); }).ok());
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.bulk().WriteItems(batch2); }).ok());
  // Edits: every fifth item, and the ones on the edges of blocks, get new texts.
  for (ItemId id : {ItemId{1}, ItemId{63}, ItemId{64}, ItemId{127}, ItemId{128}, ItemId{5},
                    ItemId{65}, ItemId{150}, ItemId{255}, ItemId{256}, ItemId{290}}) {
    Item edited = all[id];
    edited.title = text(6);
    edited.description = id == 63 ? "" : text(10);
    Status s = store_->Write([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(Item stored, tx.items().Get(Scope::Everything(), id));
      return tx.items().Update(stored, edited);
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    all[id] = edited;
  }

  auto lower = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  auto expected = [&](const std::string& q, const Scope& scope) {
    std::vector<ItemId> ids;
    for (const auto& [id, item] : all) {
      bool holds = lower(item.code).find(lower(q)) != std::string::npos ||
                   lower(item.title).find(lower(q)) != std::string::npos ||
                   lower(item.description).find(lower(q)) != std::string::npos;
      if (holds && scope.Contains(item.unit_path)) ids.push_back(id);
    }
    return ids;
  };
  auto found = [&](const std::string& q, const Scope& scope) {
    ItemQuery query;
    query.q = q;
    query.page.page_size = 500;
    std::vector<ItemId> ids;
    int64_t total = -1;
    Status s = store_->Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(auto page, tx.items().List(scope, query, {}));
      for (const Item& i : page.items) ids.push_back(i.id);
      total = page.total;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(total, static_cast<int64_t>(ids.size())) << q;
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  std::vector<std::string> queries = {
      "路",   "水", "A",   "a",      "B",        "积水",         "护栏",       "井盖", "路灯",
      "灯灯", "aB", "水A", "积水护", "路灯积水", "DB-2026-0000", "2026-00006", "没有"};
  for (int k = 0; k < 12; ++k) queries.push_back(text(3));
  int nonempty = 0;
  for (const std::string& q : queries) {
    if (q.empty() || q.find(' ') != std::string::npos) continue;
    for (const Scope& scope : {Scope::Everything(), Scope::Subtree(bureau.path)}) {
      std::vector<ItemId> want = expected(q, scope);
      nonempty += want.empty() ? 0 : 1;
      EXPECT_EQ(found(q, scope), want) << "q=" << q << " scope=" << scope.lower();
    }
  }
  EXPECT_GT(nonempty, 20);  // the texts overlap enough for the check to mean something

  // The LIKE decides a search, so a stale bit would only widen the candidates: the index itself
  // must equal a recount, row for row, with no row left at zero bits.
  using Words = std::array<int64_t, 4>;
  std::map<std::pair<std::string, int64_t>, Words> recount;
  for (const auto& [id, item] : all) {
    const sql::TextBits b = sql::TextBitsOf(id);
    for (const std::string& g : sql::ItemGrams(item)) {
      Words& w = recount[{g, b.block}];
      for (size_t k = 0; k < w.size(); ++k) w[k] |= b.words[k];
    }
  }
  std::map<std::pair<std::string, int64_t>, Words> stored;
  Status read = store_->Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(int64_t rows, tx.bulk().Count("item_text"));
    DUBAN_ASSIGN_OR_RETURN(TableChunk chunk,
                           tx.bulk().Read("item_text", 0, static_cast<int>(rows)));
    for (const auto& row : chunk.rows) {
      stored[{*row[0], std::stoll(*row[1])}] = {std::stoll(*row[2]), std::stoll(*row[3]),
                                                std::stoll(*row[4]), std::stoll(*row[5])};
    }
    return Status::Ok();
  });
  ASSERT_TRUE(read.ok()) << read.ToString();
  EXPECT_EQ(stored.size(), recount.size());
  EXPECT_TRUE(stored == recount);
}

#ifdef DUBAN_POSTGRES_SUITE
// Review L18: the prepared-statement cache of a connection stays at its cap, deallocating the
// least recently used on the server, and a statement evicted earlier is prepared again.
TEST(PgConnectionTest, PreparedStatementCacheIsBoundedAndEvictedStatementsStillWork) {
  if (!testing::PgBaseUrl()) GTEST_SKIP() << "DUBAN_TEST_PG_URL is not set";
  testing::TempPgDatabase db;
  auto conn = postgres::PgConnection::Connect(db.url(), 10000);
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto distinct = [](int i) { return "SELECT ?1::bigint + " + std::to_string(i); };
  for (int i = 0; i < 1000; ++i) {
    auto rows = (*conn)->Query(distinct(i), {int64_t{1}});
    ASSERT_TRUE(rows.ok()) << i << ": " << rows.status().ToString();
    ASSERT_EQ((*rows)[0].Int(0), i + 1);
    ASSERT_LE((*conn)->prepared_count(), postgres::PgConnection::kMaxPreparedStatements);
  }
  EXPECT_EQ((*conn)->prepared_count(), postgres::PgConnection::kMaxPreparedStatements);
  auto on_server = (*conn)->Query("SELECT count(*) FROM pg_prepared_statements", {});
  ASSERT_TRUE(on_server.ok());
  // The count query is itself one of the cached statements.
  EXPECT_EQ((*on_server)[0].Int(0),
            static_cast<int64_t>(postgres::PgConnection::kMaxPreparedStatements));
  auto again = (*conn)->Query(distinct(0), {int64_t{41}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)[0].Int(0), 41);
}

// Review M6: PostgreSQL stops a statement after statement_timeout, answered as kUnavailable
// "查询超时"; the store sets it on every connection it opens, for reads and writes.
TEST(PgConnectionTest, AStatementOverTheTimeoutIsStoppedAsUnavailable) {
  if (!testing::PgBaseUrl()) GTEST_SKIP() << "DUBAN_TEST_PG_URL is not set";
  testing::TempPgDatabase db;
  auto conn = postgres::PgConnection::Connect(db.url(), 100);
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto slow = (*conn)->Query("SELECT pg_sleep(5)", {});
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(slow.status().message().find("查询超时"), std::string::npos)
      << slow.status().ToString();
  EXPECT_EQ(slow.status().message().find("pg_sleep"), std::string::npos) << "no SQL in the error";
  EXPECT_TRUE((*conn)->Query("SELECT 1", {}).ok());
}
#endif

INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest, ::testing::ValuesIn(Backends()),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace duban
