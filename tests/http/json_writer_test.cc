// The list's direct JSON writer (http/json_writer.h, WriteItemJson) prints exactly what the
// nlohmann document printed: every field of an item in every shape, hostile strings included,
// compared byte for byte with ItemJson's dump.
#include "http/json_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/item_json.h"

namespace duban::http {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Written(const Item& item, std::optional<Warning> warning,
                    const std::vector<ItemAction>& allowed) {
  std::string out;
  JsonWriter w(out);
  WriteItemJson(w, item, warning, allowed);
  return out;
}

Item Full() {
  Item i;
  i.id = 1234567890123;
  i.code = "DB-2026-000042";
  i.kind = ItemKind::kHazard;
  i.title = "G320线K12+300处护栏损坏";
  i.description = "现场：\"护栏\"\\断裂\n\t需限期整改";
  i.campaign_id = 3;
  i.campaign_name = "作风建设年";
  i.category_id = 9;
  i.category_name = "道路";
  i.source = "12345热线";
  i.severity = "较大";
  i.unit_id = 42;
  i.unit_name = "青石县交通运输局";
  i.found_on = *ParseDate("2026-09-01");
  i.found_by = "u14";
  i.responsible_unit_id = 43;
  i.responsible_unit_name = "安全监督股";
  i.responsible_person_id = 431;
  i.responsible_person_name = "王磊";
  i.lead_leader_id = 421;
  i.lead_leader_name = "郑国强";
  i.assisting_unit_ids = {44, 45};
  i.measures = {"制定整改方案", "组织回头看"};
  i.deadline = *ParseDate("2026-10-30");
  i.deadline_working_days = 20;
  i.report_every = ReportEvery::kWeek;
  i.rectify_mode = RectifyMode::kDeadline;
  i.is_public = true;
  i.parent_id = 7;
  i.status = ItemStatus::kInProgress;
  i.progress = 50;
  i.closed_on = *ParseDate("2026-10-29");
  i.recurrence_of = 5;
  i.reopen_count = 2;
  i.satisfaction = Satisfaction::kSatisfied;
  i.pending_extension = PendingExtension{*ParseDate("2026-11-30"), "雨季",
                                         FromUnixMicros(1'760'000'000'000'000), "wl"};
  i.details_json = R"({"road":"G320","km_marker":"K12+300","level":"一般","n":[1,2.5,null]})";
  i.created_at = FromUnixMicros(1'750'000'000'123'456);
  i.updated_at = FromUnixMicros(1'760'000'000'000'000);
  return i;
}

TEST(JsonWriterTest, AnItemIsWrittenAsItsDocumentPrints) {
  const std::vector<ItemAction> allowed = {ItemAction::kReport, ItemAction::kSubmit};
  Item full = Full();
  EXPECT_EQ(Written(full, Warning::kRed, allowed), Dump(ItemJson(full, Warning::kRed, allowed)));
  Item empty;  // every optional field absent, empty lists, no details
  EXPECT_EQ(Written(empty, std::nullopt, {}), Dump(ItemJson(empty, std::nullopt, {})));
  Item odd = full;
  odd.details_json = "not json";  // a stored value that does not parse prints as {}
  odd.title = std::string("控制\x01\x1f\x7f字符/\b\f\r");
  odd.description = "坏\xff\xfe的 UTF-8 \xe4\xb8";
  odd.code = "\xed\xa0\x80";  // a UTF-16 surrogate in UTF-8: invalid
  odd.measures = {"", "\"", "\\"};
  odd.progress = -1;
  EXPECT_EQ(Written(odd, Warning::kSevere, allowed),
            Dump(ItemJson(odd, Warning::kSevere, allowed)));
}

TEST(JsonWriterTest, NestingAndSeparators) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.Int(-9223372036854775807 - 1);
  w.Null();
  w.Bool(false);
  w.EndArray();
  w.Key("b");
  w.String("");
  w.EndObject();
  EXPECT_EQ(out, R"({"a":[{},[],-9223372036854775808,null,false],"b":""})");
  EXPECT_EQ(out, Dump(nlohmann::json::parse(out)));
}

}  // namespace
}  // namespace duban::http
