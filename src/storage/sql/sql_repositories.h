// The repositories of store.h written once in SQL over a sql::Connection, shared by every
// SQL backend. Threading: a SqlTx is used by the one thread that holds its connection.
#pragma once

#include "storage/sql/connection.h"
#include "storage/store.h"

namespace duban::sql {

class SqlUnits final : public UnitRepository {
 public:
  explicit SqlUnits(Connection& c) : c_(c) {}
  Result<Unit> Get(const Scope& scope, UnitId id) override;
  Result<Page<Unit>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Unit& unit) override;
  Status Update(const Scope& scope, const Unit& unit) override;
  Status Move(const Scope& scope, UnitId id, UnitId new_parent_id) override;
  Result<int64_t> Count(const Scope& scope) override;
  Result<std::vector<Unit>> Subtree(const Scope& scope, const std::string& path) override;
  Result<std::vector<Unit>> FindByNames(const Scope& scope,
                                        const std::vector<std::string>& names) override;

 private:
  Status FillPathNames(Unit& unit);
  Connection& c_;
};

class SqlPeople final : public PersonRepository {
 public:
  SqlPeople(Connection& c, SqlUnits& units) : c_(c), units_(units) {}
  Result<Person> Get(const Scope& scope, PersonId id) override;
  Result<Page<Person>> List(const Scope& scope, const Query& query) override;
  Result<std::vector<std::pair<Person, std::string>>> FindByNames(
      const Scope& scope, const std::vector<std::string>& names) override;
  Status Insert(const Scope& scope, Person& person) override;
  Status Update(const Scope& scope, const Person& person) override;

 private:
  Connection& c_;
  SqlUnits& units_;
};

class SqlAccounts final : public AccountRepository {
 public:
  SqlAccounts(Connection& c, SqlUnits& units, SqlPeople& people)
      : c_(c), units_(units), people_(people) {}
  Result<Account> Get(const Scope& scope, AccountId id) override;
  Result<Account> FindByUsername(std::string_view username) override;
  Result<Page<Account>> List(const Scope& scope, const Query& query) override;
  Status Insert(const Scope& scope, Account& account) override;
  Status Update(const Scope& scope, const Account& account) override;
  Result<int64_t> Count() override;

 private:
  Status CheckReferences(const Scope& scope, const Account& account);
  Connection& c_;
  SqlUnits& units_;
  SqlPeople& people_;
};

class SqlSessions final : public SessionRepository {
 public:
  explicit SqlSessions(Connection& c) : c_(c) {}
  Status Insert(const SessionRecord& session) override;
  Result<SessionRecord> Find(std::string_view token_hash) override;
  Status Touch(std::string_view token_hash, Instant last_seen_at) override;
  Status Delete(std::string_view token_hash) override;
  Status DeleteForAccount(AccountId account_id) override;

 private:
  Connection& c_;
};

class SqlAudit final : public AuditRepository {
 public:
  explicit SqlAudit(Connection& c) : c_(c) {}
  Status Append(const AuditEvent& event) override;
  Result<std::optional<AuditEvent>> Last() override;
  Result<Page<AuditEvent>> List(const Scope& scope, const Query& query) override;
  Result<std::vector<AuditEvent>> Scan(int64_t after_seq, int limit) override;

 private:
  Connection& c_;
};

class SqlBulk final : public BulkRepository {
 public:
  explicit SqlBulk(Connection& c) : c_(c) {}
  std::vector<std::string> Tables() const override;
  Result<int64_t> Count(const std::string& table) override;
  Result<TableChunk> Read(const std::string& table, int64_t offset, int limit) override;
  Status Write(const TableChunk& chunk) override;
  Status WriteItems(const std::vector<Item>& items) override;
  Status WriteItemEvents(const std::vector<ItemEvent>& events) override;
  Status WriteNotices(const std::vector<Notice>& notices) override;

 private:
  Connection& c_;
};

class SqlItems final : public ItemRepository {
 public:
  explicit SqlItems(Connection& c) : c_(c) {}
  Result<Item> Get(const Scope& scope, ItemId id) override;
  Result<Page<Item>> List(const Scope& scope, const ItemQuery& query,
                          const WarningCutoffs& cutoffs) override;
  Result<ItemCounts> Count(const Scope& scope, const ItemQuery& query,
                           const WarningCutoffs& cutoffs) override;
  Result<std::vector<Item>> ListAfter(const Scope& scope, const ItemQuery& query,
                                      const WarningCutoffs& cutoffs,
                                      const std::optional<ItemListKey>& after, int limit) override;
  Status Insert(Item& item) override;
  Status Update(const Item& stored, const Item& item) override;
  Status AppendEvent(ItemEvent& event) override;
  Result<std::vector<ItemEvent>> Events(ItemId id) override;
  Result<std::vector<Item>> DueForCheck(const Scope& scope, Date day,
                                        std::optional<CheckCursor> after, int limit) override;
  Result<std::map<UnitId, AssessmentCounts>> AssessmentCountsByUnit(const std::string& unit_path,
                                                                    Date from, Date to, Date today,
                                                                    bool with_events) override;
  Result<LedgerFigures> Figures(const std::string& unit_path, Date from, Date to, Date today,
                                std::optional<ItemKind> kind) override;

 private:
  // Indexes item's text; `stored` (the row as read before an edit) names the grams to drop.
  Status IndexText(const Item* stored, const Item& item);
  Connection& c_;
};

class SqlNotices final : public NoticeRepository {
 public:
  explicit SqlNotices(Connection& c) : c_(c) {}
  Status Insert(Notice& notice) override;
  Result<Notice> Get(const Scope& scope, int64_t id) override;
  Result<Page<Notice>> List(const Scope& scope, const Query& query) override;
  Status Update(const Notice& notice) override;
  Result<std::vector<Notice>> ForItem(ItemId item_id) override;

 private:
  Connection& c_;
};

class SqlFiles final : public FileRepository {
 public:
  explicit SqlFiles(Connection& c) : c_(c) {}
  Status Insert(StoredFile& file) override;
  Result<StoredFile> Get(int64_t id) override;
  Result<std::vector<StoredFile>> ForItem(ItemId item_id) override;

 private:
  Connection& c_;
};

class SqlCalendar final : public CalendarRepository {
 public:
  explicit SqlCalendar(Connection& c) : c_(c) {}
  Result<std::vector<int>> Years() override;
  Result<std::vector<CalendarDayRow>> Days(int year) override;
  Status ReplaceYear(int year, const std::vector<CalendarDayRow>& days) override;

 private:
  Connection& c_;
};

class SqlCampaigns final : public CampaignRepository {
 public:
  explicit SqlCampaigns(Connection& c) : c_(c) {}
  Result<Campaign> Get(const Scope& scope, int64_t id) override;
  Result<Page<Campaign>> List(const Scope& scope, PageRequest page) override;
  Status Insert(Campaign& campaign) override;
  Status Update(Campaign& campaign) override;

 private:
  Status LoadCategories(Campaign& campaign);
  Status SaveCategories(Campaign& campaign);
  Connection& c_;
};

class SqlAssessment final : public AssessmentRepository {
 public:
  explicit SqlAssessment(Connection& c) : c_(c) {}
  Status InsertScheme(SchemeRecord& scheme) override;
  Result<SchemeRecord> Scheme(const std::string& key, std::optional<int> version) override;
  Result<std::vector<SchemeRecord>> LatestSchemes() override;
  Result<std::vector<int>> SchemeVersions(const std::string& key) override;
  Status InsertGrant(EvaluatorGrant& grant) override;
  Status DeleteGrant(int64_t id) override;
  Result<std::vector<EvaluatorGrant>> Grants(const std::string& scheme_key,
                                             std::optional<AccountId> account_id) override;
  Status InsertEvent(AssessmentEvent& event) override;
  Result<AssessmentEvent> Event(const Scope& scope, int64_t id) override;
  Status DecideEvent(const AssessmentEvent& event) override;
  Status InsertEventFile(EventFile& file) override;
  Result<EventFile> GetEventFile(int64_t id) override;
  Result<std::vector<EventFile>> EventFiles(const std::vector<int64_t>& event_ids) override;
  Result<Page<AssessmentEvent>> Events(const Scope& scope, const EventQuery& query) override;
  Result<std::vector<AssessmentEvent>> EventsForPeriod(const std::string& scheme_key,
                                                       const Scope& subject_scope,
                                                       const std::string& period, Date from,
                                                       Date to) override;
  Status UpsertResult(AssessmentResultRecord& result) override;
  Status SetFollowUp(int64_t result_id, ItemId item_id) override;
  Result<std::optional<AssessmentResultRecord>> FindResult(const std::string& scheme_key,
                                                           const std::string& period,
                                                           const std::string& subject_type,
                                                           int64_t subject_id,
                                                           UnitId scope_unit_id) override;
  Result<std::optional<ItemId>> FollowUpOf(const std::string& scheme_key, const std::string& period,
                                           const std::string& subject_type,
                                           int64_t subject_id) override;
  Result<std::vector<AssessmentResultRecord>> ResultHistory(const AssessmentResultRecord& result,
                                                            int limit) override;
  Result<AssessmentResultRecord> GetResult(const Scope& scope, int64_t id) override;
  Result<std::vector<AssessmentResultRecord>> Results(const Scope& scope,
                                                      const std::string& scheme_key,
                                                      const std::string& period,
                                                      UnitId scope_unit_id) override;

 private:
  Connection& c_;
};

class SqlBulletins final : public BulletinRepository {
 public:
  explicit SqlBulletins(Connection& c) : c_(c) {}
  Status Insert(BulletinRecord& bulletin,
                const std::function<void(BulletinRecord&)>& numbered) override;
  Result<BulletinRecord> Get(const Scope& scope, int64_t id) override;
  Result<std::optional<BulletinRecord>> Find(UnitId scope_unit_id, const std::string& period,
                                             const std::string& item_kind,
                                             const std::string& scheme_key) override;
  Result<Page<BulletinRecord>> List(const Scope& scope, const Query& query) override;

 private:
  Connection& c_;
};

class SqlTx final : public Tx {
 public:
  explicit SqlTx(Connection& c)
      : units_(c),
        people_(c, units_),
        accounts_(c, units_, people_),
        sessions_(c),
        audit_(c),
        bulk_(c),
        items_(c),
        notices_(c),
        files_(c),
        calendar_(c),
        campaigns_(c),
        assessment_(c),
        bulletins_(c) {}
  UnitRepository& units() override { return units_; }
  PersonRepository& people() override { return people_; }
  AccountRepository& accounts() override { return accounts_; }
  SessionRepository& sessions() override { return sessions_; }
  AuditRepository& audit() override { return audit_; }
  BulkRepository& bulk() override { return bulk_; }
  ItemRepository& items() override { return items_; }
  NoticeRepository& notices() override { return notices_; }
  FileRepository& files() override { return files_; }
  CalendarRepository& calendar() override { return calendar_; }
  CampaignRepository& campaigns() override { return campaigns_; }
  AssessmentRepository& assessment() override { return assessment_; }
  BulletinRepository& bulletins() override { return bulletins_; }

 private:
  SqlUnits units_;
  SqlPeople people_;
  SqlAccounts accounts_;
  SqlSessions sessions_;
  SqlAudit audit_;
  SqlBulk bulk_;
  SqlItems items_;
  SqlNotices notices_;
  SqlFiles files_;
  SqlCalendar calendar_;
  SqlCampaigns campaigns_;
  SqlAssessment assessment_;
  SqlBulletins bulletins_;
};

}  // namespace duban::sql
