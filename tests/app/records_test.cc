// The record codecs of app/records: old records (the literal text earlier builds wrote) still
// decode, encode∘decode gives the same text back, and an unknown version is refused.
#include <gtest/gtest.h>

#include "app/bulletin_service.h"
#include "app/records/audit_snapshot.h"
#include "app/records/bulletin_record.h"

namespace duban {
namespace {

template <typename T>
void ExpectRoundTrip(const T& snapshot) {
  SCOPED_TRACE(typeid(T).name());
  std::string text = EncodeAuditSnapshot(snapshot);
  auto decoded = DecodeAuditSnapshot<T>(text);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(EncodeAuditSnapshot(*decoded), text);
}

// Written by item.assign before the record codecs (views.cc ItemAuditView, dumped).
constexpr const char* kOldItemRecord =
    R"({"code":"DB-2026-000001","deadline":"2026-12-15","lead_leader_id":null,)"
    R"("measures":["更换灯具","建立巡查制度"],"progress":0,"reopen_count":0,)"
    R"("responsible_person_id":3,"responsible_unit_id":7,"satisfaction":null,)"
    R"("status":"assigned","title":"路灯损坏","unit_id":5})";

TEST(AuditSnapshotTest, AnOldItemRecordDecodesAndEncodesToTheSameText) {
  auto s = DecodeAuditSnapshot<ItemSnapshot>(kOldItemRecord);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->code, "DB-2026-000001");
  EXPECT_EQ(s->status, "assigned");
  EXPECT_EQ(s->deadline, "2026-12-15");
  EXPECT_EQ(s->lead_leader_id, std::nullopt);
  EXPECT_EQ(s->responsible_person_id, 3);
  EXPECT_EQ(s->measures, (std::vector<std::string>{"更换灯具", "建立巡查制度"}));
  EXPECT_EQ(s->satisfaction, std::nullopt);
  EXPECT_EQ(EncodeAuditSnapshot(*s), kOldItemRecord);
}

TEST(AuditSnapshotTest, OldRecordsOfEachKindDecodeToTheSameText) {
  // Literal text as the services wrote it before the record codecs, one per kind.
  struct Case {
    const char* text;
    std::function<Result<std::string>(std::string_view)> reencode;
  };
  auto via = [](auto tag) {
    using T = decltype(tag);
    return [](std::string_view text) -> Result<std::string> {
      DUBAN_ASSIGN_OR_RETURN(T s, DecodeAuditSnapshot<T>(text));
      return EncodeAuditSnapshot(s);
    };
  };
  const std::vector<Case> cases = {
      {R"({"child_count":2,"code":"QS-CG","disabled":false,"id":7,"kind":"town","name":"城关镇","parent_id":1,"path_names":["青山县","城关镇"]})",
       via(UnitSnapshot{})},
      {R"({"child_count":0,"code":"","disabled":false,"id":1,"kind":"county","name":"青山县","parent_id":null,"path_names":["青山县"]})",
       via(UnitSnapshot{})},
      {R"({"id":3,"name":"马骏","phone":"","title":"主任","unit_id":7,"unit_name":"城关镇"})",
       via(PersonSnapshot{})},
      {R"({"disabled":false,"id":4,"locked_until":null,"person_id":null,"person_name":null,"roles":["supervisor"],"unit_id":1,"unit_name":"青山县","username":"sup"})",
       via(AccountSnapshot{})},
      {R"({"disabled":true,"id":4,"locked_until":"2026-11-02T08:00:00Z","password_reset":true,"person_id":3,"person_name":"马骏","roles":["handler","leader"],"unit_id":7,"unit_name":"城关镇","username":"ma"})",
       via(AccountSnapshot{})},
      {R"({"failed_logins":5,"locked_until":"2026-11-02T08:15:00Z"})", via(LockSnapshot{})},
      {R"({"categories":[{"id":1,"name":"道路","parent_id":null},{"id":2,"name":"路灯","parent_id":1}],"description":"","ends_on":null,"id":2,"name":"冬季专项","phases":[{"ends_on":"2026-12-01","name":"排查","starts_on":"2026-11-01"}],"starts_on":"2026-11-01","unit_id":1})",
       via(CampaignSnapshot{})},
      {R"({"locked":false,"reason":"unknown_user","remote_address":"127.0.0.1","username":"nobody"})",
       via(SignInFailureSnapshot{})},
      {R"({"locked":true,"locked_until":"2026-11-02T08:15:00Z","reason":"wrong_password","remote_address":"10.0.0.2"})",
       via(SignInFailureSnapshot{})},
      {R"({"remote_address":"127.0.0.1"})", via(SessionSnapshot{})},
      {R"({"changed_by":"self"})", via(PasswordChangeSnapshot{})},
      {R"({"days_per_year":{"2026":365,"2027":365}})", via(CalendarSnapshot{})},
      {R"({"file_id":9,"name":"照片.jpg","sha256":"ab12","size":20480})", via(FileSnapshot{})},
      {R"({"account_id":6,"scheme_key":"county-units","unit_id":7})", via(GrantSnapshot{})},
      {R"({"account_id":6,"scheme_key":"county-units"})", via(GrantSnapshot{})},
      {R"({"indicator_key":"bonus","kind":"points","period":"2026","points":1.5,"reason":"表彰","scheme_key":"people","status":"pending","subject_id":3,"subject_type":"person"})",
       via(AssessmentEventSnapshot{})},
      {R"({"indicator_key":"quality","kind":"score","reason":"","scheme_key":"units","score":87.25,"status":"approved","subject_id":7,"subject_type":"unit"})",
       via(AssessmentEventSnapshot{})},
      {R"({"status":"pending"})", via(DecisionSnapshot{})},
      {R"({"reason":"材料不全","status":"rejected"})", via(DecisionSnapshot{})},
      {R"({"period":"2026-Q3","subjects":12,"version":2})", via(ComputationSnapshot{})},
      {R"({"bars":[],"child_weight":0.3,"indicators":[{"key":"closure","max_points":40.0}],"key":"units","name":"单位考核","peer_kind":"","star_bounds":[],"subject_type":"unit","tier_bounds":[90.0,80.0,60.0],"version":3})",
       via(SchemeSnapshot{})},
      {R"({"id":1,"issued_at":"2026-11-01T02:00:00Z","issued_by":"sup","kind":null,"number":"督通〔2026〕1号","origin":"manual","period":"2026-10","period_kind":"month","scheme_key":null,"scope":{"unit_id":1,"unit_name":"青山县"},"title":"关于2026年10月问题整改情况的通报","totals":{"closed":3,"closed_in_period":2,"closed_on_time":2,"closure_rate":"30.00%","new":4,"on_time_rate":"66.67%","overdue":1,"rank":null,"rated":0,"satisfaction_rate":"—","satisfied":0,"total":10,"unit_id":1,"unit_name":"青山县"}})",
       via(BulletinIssueSnapshot{})},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto text = c.reencode(c.text);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    EXPECT_EQ(*text, c.text);
  }
}

TEST(AuditSnapshotTest, EncodeThenDecodeRoundTrips) {
  Unit unit;
  unit.id = 7;
  unit.parent_id = 1;
  unit.name = "城关镇";
  unit.path_names = {"青山县", "城关镇"};
  ExpectRoundTrip(UnitSnapshot::Of(unit));
  Item item;
  item.code = "DB-2026-000002";
  item.title = "井盖缺失";
  item.unit_id = 5;
  item.deadline = ParseDate("2026-12-01");
  item.measures = {"补设井盖"};
  item.satisfaction = Satisfaction::kSatisfied;
  ExpectRoundTrip(ItemSnapshot::Of(item));
  Account account;
  account.id = 2;
  account.username = "admin";
  account.roles = RoleSet{Role::kAdmin};
  ExpectRoundTrip(AccountSnapshot::Of(account));
  Campaign campaign;
  campaign.name = "专项";
  campaign.phases_json = R"([{"name":"排查"}])";
  campaign.categories = {{1, std::nullopt, "道路"}};
  ExpectRoundTrip(CampaignSnapshot::Of(campaign));
  ExpectRoundTrip(
      SignInFailureSnapshot{"::1", "locked", std::nullopt, true, "2026-11-02T08:00:00Z"});
  ExpectRoundTrip(CalendarSnapshot{{{"2026", 365}}});
  ExpectRoundTrip(AssessmentEventSnapshot{"s", "score", "unit", 7, "q", "approved", "", 87.5,
                                          std::nullopt, "2026"});
  ExpectRoundTrip(SchemeSnapshot{R"({"key":"units","name":"x"})", 2, "unit"});
  EXPECT_EQ(EncodeAuditSnapshot(std::monostate{}), "");
}

TEST(AuditSnapshotTest, AMemberAnOlderRecordLacksDecodesAsItsDefault) {
  auto s = DecodeAuditSnapshot<ItemSnapshot>(R"({"code":"DB-2026-000003","status":"draft"})");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->code, "DB-2026-000003");
  EXPECT_EQ(s->progress, 0);
  EXPECT_EQ(s->satisfaction, std::nullopt);
}

TEST(AuditSnapshotTest, AnUnknownVersionIsRefusedByName) {
  auto s = DecodeAuditSnapshot<UnitSnapshot>(R"({"id":7,"name":"城关镇","record_version":2})");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("格式版本 2 未知"), std::string::npos)
      << s.status().message();
  EXPECT_EQ(s.status().field(), "record_version");
  EXPECT_FALSE(DecodeAuditSnapshot<UnitSnapshot>(R"({"record_version":"two"})").ok());
}

TEST(AuditSnapshotTest, TextThatIsNotASnapshotIsRefused) {
  EXPECT_FALSE(DecodeAuditSnapshot<UnitSnapshot>("").ok());
  EXPECT_FALSE(DecodeAuditSnapshot<UnitSnapshot>("[1,2]").ok());
  auto bad = DecodeAuditSnapshot<UnitSnapshot>(R"({"id":"seven"})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "id");
  auto nested = DecodeAuditSnapshot<CampaignSnapshot>(R"({"categories":[{"id":1,"name":2}]})");
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.status().field(), "categories[0].name");
}

// Stored in bulletins.content by BulletinService::Issue before the record codecs.
constexpr const char* kOldBulletinContent =
    R"({"commended":["城关镇"],"criticised":[],"generated_on":"2026-11-01","kind":null,)"
    R"("listed_items":[],"number":"督通〔2026〕1号","overdue_items":[{"code":"DB-2026-000004",)"
    R"("deadline":"2026-10-20","id":4,"responsible_unit_name":"党政综合办公室","status":"in_progress",)"
    R"("title":"排水不畅","unit_name":"城关镇"}],"period":{"from":"2026-10-01","kind":"month",)"
    R"("label":"2026年10月","spec":"2026-10","to":"2026-10-31"},"scheme_name":null,)"
    R"("scope":{"unit_id":1,"unit_name":"青山县"},"title":"关于2026年10月问题整改情况的通报",)"
    R"("totals":{"closed":3,"closed_in_period":2,"closed_on_time":2,"closure_rate":"30.00%",)"
    R"("new":4,"on_time_rate":"66.67%","overdue":1,"rank":null,"rated":0,"satisfaction_rate":"—",)"
    R"("satisfied":0,"total":10,"unit_id":1,"unit_name":"青山县"},"units":[{"capped_by":[],)"
    R"("closed":3,"closed_in_period":2,"closed_on_time":2,"closure_rate":"30.00%","new":4,)"
    R"("on_time_rate":"66.67%","overdue":1,"rank":1,"rated":0,"satisfaction_rate":"—",)"
    R"("satisfied":0,"score":88.5,"tier":"good","tier_label":"好","total":10,"unit_id":7,)"
    R"("unit_name":"城关镇"}]})";

TEST(BulletinRecordTest, AnOldBulletinDecodesAndEncodesToTheSameText) {
  auto b = DecodeBulletinContent(kOldBulletinContent);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->number, "督通〔2026〕1号");
  EXPECT_EQ(b->period.spec, "2026-10");
  EXPECT_EQ(b->scope.name, "青山县");
  EXPECT_EQ(b->totals.total, 10);
  ASSERT_EQ(b->rows.size(), 1u);
  EXPECT_EQ(b->rows[0].rank, 1);
  EXPECT_EQ(b->rows[0].score, 88.5);
  ASSERT_EQ(b->overdue.size(), 1u);
  EXPECT_EQ(b->overdue[0].status, ItemStatus::kInProgress);
  EXPECT_EQ(b->commended, std::vector<std::string>{"城关镇"});
  EXPECT_EQ(EncodeBulletinContent(*b), kOldBulletinContent);
}

TEST(BulletinRecordTest, AnUnknownVersionOrABrokenRecordIsRefused) {
  std::string v9 = kOldBulletinContent;
  v9.insert(1, R"("record_version":9,)");
  auto b = DecodeBulletinContent(v9);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("格式版本 9 未知"), std::string::npos)
      << b.status().message();
  EXPECT_FALSE(DecodeBulletinContent("not json").ok());
  auto missing = DecodeBulletinContent(R"({"period":{}})");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "period.kind");
}

}  // namespace
}  // namespace duban
