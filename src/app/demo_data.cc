#include "app/demo_data.h"

#include <atomic>
#include <cstdio>
#include <map>

#include "app/assessment_json.h"
#include "app/services.h"
#include "core/deadline.h"

namespace duban {
namespace {

using nlohmann::json;

// 作风建设考核: the loop's figures, the evaluators' review and 加减分, with the 重大 hazard bar.
constexpr const char* kStyleScheme = R"({
  "name": "2026年度作风建设考核",
  "indicators": [
    {"key": "loop", "name": "整改落实", "formula": "sum", "max_points": 60, "children": [
      {"key": "closure", "name": "销号率", "formula": "linear", "metric": "closure_rate",
       "max_points": 25, "zero_at": 60, "full_at": 100},
      {"key": "on_time", "name": "按期办结率", "formula": "linear", "metric": "on_time_rate",
       "max_points": 15, "zero_at": 50, "full_at": 100},
      {"key": "sign_for", "name": "及时签收率", "formula": "linear", "metric": "sign_for_rate",
       "max_points": 10, "zero_at": 50, "full_at": 100},
      {"key": "overdue", "name": "逾期扣分", "formula": "per_event_deduction",
       "metric": "overdue_count", "max_points": 10, "per_event_points": 1, "cap": 10}]},
    {"key": "satisfaction", "name": "群众满意率", "formula": "linear",
     "metric": "satisfaction_rate", "max_points": 10, "zero_at": 60, "full_at": 100},
    {"key": "review", "name": "综合评议", "formula": "manual_weighted", "max_points": 30,
     "evaluator_groups": [{"name": "督查打分", "weight": 0.4}, {"name": "第三方评估", "weight": 0.2},
                          {"name": "服务对象测评", "weight": 0.2}, {"name": "集中评议", "weight": 0.2}]},
    {"key": "bonus", "name": "加减分", "formula": "event_sum", "max_points": 0, "cap": 5}],
  "tier_bounds": [60, 80, 90],
  "bars": [
    {"key": "major_hazard", "name": "重大隐患逾期未整改", "metric": "major_hazard_overdue_count",
     "threshold": 0, "cap": "poor"},
    {"key": "unsatisfied", "name": "不满意率超过10%", "metric": "unsatisfied_rate",
     "threshold": 10, "cap": "average"},
    {"key": "accident", "name": "发生较大及以上安全生产事故", "cap": "poor"}],
  "child_weight": 0
})";

// 支部争星: every party branch of the county, stars by score band.
constexpr const char* kStarsScheme = R"({
  "name": "2026年度党支部争星定级",
  "peer_kind": "branch",
  "indicators": [
    {"key": "organisation", "name": "组织建设", "formula": "manual_weighted", "max_points": 40,
     "evaluator_groups": [{"name": "上级党组织评议", "weight": 0.6}, {"name": "党员群众测评", "weight": 0.4}]},
    {"key": "role", "name": "作用发挥", "formula": "manual_weighted", "max_points": 30,
     "evaluator_groups": [{"name": "上级党组织评议", "weight": 0.6}, {"name": "党员群众测评", "weight": 0.4}]},
    {"key": "closure", "name": "问题整改销号率", "formula": "linear", "metric": "closure_rate",
     "max_points": 30, "zero_at": 60, "full_at": 100},
    {"key": "bonus", "name": "加减分", "formula": "event_sum", "max_points": 0, "cap": 10}],
  "tier_bounds": [60, 80, 90],
  "star_bounds": [60, 70, 80, 90, 95]
})";

// 党员积分: a per-person ledger of point events by category.
constexpr const char* kPointsScheme = R"({
  "name": "2026年度党员积分管理",
  "subject_type": "person",
  "indicators": [
    {"key": "belief", "name": "理想信念", "formula": "event_sum", "max_points": 0, "cap": 20},
    {"key": "study", "name": "学习态度", "formula": "event_sum", "max_points": 0, "cap": 20},
    {"key": "participation", "name": "参与热情", "formula": "event_sum", "max_points": 0, "cap": 20},
    {"key": "competence", "name": "业务能力", "formula": "event_sum", "max_points": 0, "cap": 20},
    {"key": "responsibility", "name": "担当履责", "formula": "event_sum", "max_points": 0, "cap": 20}],
  "tier_bounds": [10, 20, 30]
})";

// A clock the seeding walks forward through the demo's days (09:00 Shanghai, plus minutes).
class WalkingClock final : public Clock {
 public:
  Instant Now() const override { return FromUnixMicros(micros_.load()); }
  void SetDay(Date d, int minutes) {
    // 09:00 Shanghai is 01:00 UTC.
    micros_ = ToUnixMicros(std::chrono::sys_days(d)) +
              (int64_t{3600} + minutes * int64_t{60}) * int64_t{1000000};
  }

 private:
  std::atomic<int64_t> micros_{0};
};

Date Plus(Date d, int days) { return Date(std::chrono::sys_days(d) + std::chrono::days(days)); }

// One demo item's story: found `found_ago` days before today, due after `due_in` days, and
// how far it got.
struct Story {
  const char* unit;  // unit code
  ItemKind kind;
  const char* title;
  const char* source;
  int found_ago;
  int due_in;
  enum Outcome { kOpen, kInProgress, kClosedOnTime, kClosedLate } outcome;
  const char* satisfaction = "";  // complaints: the citizen's rating once closed
  bool major = false;             // hazards: level 重大
};

const std::vector<Story>& Stories() {
  using K = ItemKind;
  static const std::vector<Story> stories = {
      // 县交通运输局: almost everything closed on time, one 重大 hazard overdue — since 55 days
      // ago, so it is overdue at the end of last month whatever today is (the 一票否决 example of
      // last month's 考核 and 通报).
      {"QS-JT-AQ", K::kHazard, "G320国道K12处桥梁护栏缺失", "明察暗访", 70, 15, Story::kInProgress,
       "", true},
      {"QS-JT-AQ", K::kHazard, "县道X031线急弯处警示标志缺失", "明察暗访", 110, 10,
       Story::kClosedOnTime},
      {"QS-JT-AQ", K::kHazard, "客运站安检设备未定期校验", "自查", 100, 10, Story::kClosedOnTime},
      {"QS-JT-AQ", K::kHazard, "渡口救生设备不足", "督导组", 95, 10, Story::kClosedOnTime},
      {"QS-JT-GL", K::kHazard, "乡道边坡落石隐患", "群众提", 90, 15, Story::kClosedOnTime},
      {"QS-JT-GL", K::kHazard, "公路养护站消防通道堵塞", "自查", 80, 5, Story::kClosedOnTime},
      {"QS-JT-GL", K::kProblem, "路政许可办理超时", "12345", 70, 10, Story::kClosedOnTime},
      {"QS-JT", K::kProblem, "工程款支付台账不规范", "巡察", 65, 15, Story::kClosedOnTime},
      {"QS-JT", K::kProblem, "执法记录仪使用不规范", "明察暗访", 50, 10, Story::kClosedOnTime},
      {"QS-JT", K::kTask, "农村公路“路长制”全覆盖", "上级交办", 45, 20, Story::kClosedOnTime},
      {"QS-JT-AQ", K::kHazard, "危险货物运输车辆动态监控掉线", "自查", 45, 10,
       Story::kClosedOnTime},
      {"QS-JT-GL", K::kHazard, "桥梁伸缩缝破损", "自查", 20, 15, Story::kInProgress},
      // 县市场监督管理局: middling.
      {"QS-SJ-ZF", K::kProblem, "食品抽检结果公示不及时", "明察暗访", 100, 10, Story::kClosedLate},
      {"QS-SJ-ZF", K::kProblem, "农贸市场电子秤未检定", "群众提", 90, 10, Story::kClosedOnTime},
      {"QS-SJ-ZF", K::kHazard, "液化气经营点储存超量", "督导组", 80, 5, Story::kClosedLate},
      {"QS-SJ", K::kProblem, "企业开办“一窗通办”未落实", "组织点", 70, 15, Story::kClosedOnTime},
      {"QS-SJ", K::kProblem, "行政处罚案卷归档不全", "巡察", 60, 15, Story::kOpen},
      {"QS-SJ-ZF", K::kProblem, "校园周边食品摊点无证经营", "12345", 40, 10, Story::kOpen},
      {"QS-SJ", K::kCommitment, "承诺：投诉举报 7 日内答复", "自查", 35, 30, Story::kClosedOnTime},
      // 县政务服务中心: the hotline's complaints, rated.
      {"QS-ZW-RX", K::kComplaint, "小区停水三天无人处理", "12345", 85, 5, Story::kClosedOnTime,
       "satisfied"},
      {"QS-ZW-RX", K::kComplaint, "夜间施工噪音扰民", "12345", 75, 5, Story::kClosedOnTime,
       "basically_satisfied"},
      {"QS-ZW-RX", K::kComplaint, "医保报销窗口排队时间长", "12345", 60, 5, Story::kClosedOnTime,
       "satisfied"},
      {"QS-ZW-RX", K::kComplaint, "路灯损坏未修复", "12345", 50, 5, Story::kClosedLate,
       "satisfied"},
      {"QS-ZW-RX", K::kComplaint, "不动产登记预约难", "12345", 30, 5, Story::kClosedOnTime,
       "basically_satisfied"},
      {"QS-ZW", K::kProblem, "“好差评”差评未回访", "问卷", 25, 10, Story::kInProgress},
      // 城关镇: behind.
      {"QS-CG-DZB", K::kProblem, "村级“三务”公开不及时", "群众提", 100, 10, Story::kOpen},
      {"QS-CG-DZB", K::kProblem, "惠民资金发放台账缺失", "巡察", 90, 10, Story::kOpen},
      {"QS-CG", K::kHazard, "老旧房屋结构安全隐患", "自查", 80, 15, Story::kClosedLate},
      {"QS-CG", K::kProblem, "集贸市场占道经营", "12345", 60, 10, Story::kOpen},
      {"QS-CG-DZB", K::kProblem, "便民服务站值班缺岗", "明察暗访", 45, 5, Story::kClosedOnTime},
      // 县委办公室, 县纪委监委, 河口乡: a few each.
      {"QS-XWB-ZH", K::kProblem, "文件运转超时", "自查", 70, 10, Story::kClosedOnTime},
      {"QS-XWB-DC", K::kTask, "重点工作月调度", "上级交办", 40, 20, Story::kClosedOnTime},
      {"QS-JW-DF", K::kProblem, "“四风”问题线索处置超期", "自查", 60, 20, Story::kClosedOnTime},
      {"QS-HK", K::kHazard, "河道汛期警示牌缺失", "督导组", 55, 10, Story::kClosedOnTime},
      {"QS-HK-HKC", K::kProblem, "村集体经济账目未公开", "群众提", 35, 15, Story::kInProgress},
  };
  return stories;
}

}  // namespace

Status SeedDemoSchemes(Store& store, AssessmentService& assessment, Date today) {
  Caller op = Caller::Operator();
  for (auto [key, text] :
       {std::pair{"zuofeng-2026", kStyleScheme}, std::pair{"zhengxing-2026", kStarsScheme},
        std::pair{"jifen-2026", kPointsScheme}}) {
    // The demo's schemes are written in the stored definition's JSON (app/assessment_json.h).
    json body = json::parse(text);
    DUBAN_ASSIGN_OR_RETURN(Scheme scheme, SchemeFromJson(body));
    SchemeInput input{std::move(scheme), body.value("subject_type", std::string("unit"))};
    DUBAN_RETURN_IF_ERROR(
        assessment.SaveScheme(op, key, std::move(input)).status().WithContext(key));
  }
  // Last month's review scores, a deduction, and some members' points.
  std::map<std::string, UnitId> units;
  std::map<std::string, PersonId> people;
  DUBAN_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto all, tx.units().Subtree(Scope::Everything(), "/"));
    for (const Unit& u : all) units[u.code] = u.id;
    PersonRepository::Query q;
    q.page.page_size = kMaxPageSize;
    DUBAN_ASSIGN_OR_RETURN(auto page, tx.people().List(Scope::Everything(), q));
    for (const Person& p : page.items) people[p.name] = p.id;
    return Status::Ok();
  }));
  Date last = Plus(Date(today.year(), today.month(), std::chrono::day(1)), -1);
  char period[16];
  std::snprintf(period, sizeof period, "%04d-%02u", int(last.year()), unsigned(last.month()));
  auto add = [&](const AssessmentEventInput& in) -> Status {
    return assessment.AddEvent(op, in).status();
  };
  const std::pair<const char*, double> reviews[] = {{"QS-XWB", 92}, {"QS-JW", 95}, {"QS-JT", 93},
                                                    {"QS-SJ", 84},  {"QS-ZW", 90}, {"QS-CG", 72},
                                                    {"QS-HK", 86}};
  for (auto [code, score] : reviews) {
    for (const char* group : {"督查打分", "集中评议"}) {
      AssessmentEventInput in;
      in.scheme_key = "zuofeng-2026";
      in.kind = "manual";
      in.subject_id = units.at(code);
      in.indicator_key = "review";
      in.period = period;
      in.evaluator_group = group;
      in.score = std::string(group) == "督查打分" ? score : score - 2;
      DUBAN_RETURN_IF_ERROR(add(in));
    }
  }
  AssessmentEventInput late;
  late.scheme_key = "zuofeng-2026";
  late.kind = "points";
  late.subject_id = units.at("QS-SJ");
  late.indicator_key = "bonus";
  late.points = -0.5;
  late.occurred_on = Plus(last, -10);
  late.reason = "督办件逾期报送";
  late.evidence = "督〔" + std::to_string(int(last.year())) + "〕12号";
  DUBAN_RETURN_IF_ERROR(add(late));
  const std::tuple<const char*, const char*, double, const char*> points[] = {
      {"黄志明", "study", 2, "参加县委党校专题轮训"},
      {"黄志明", "responsibility", 3, "带头参加防汛值守"},
      {"王磊", "competence", 2, "排查整改道路安全隐患 12 处"},
      {"罗春燕", "participation", 2, "组织村民议事会 3 次"},
      {"罗春燕", "belief", -1, "无故缺席组织生活会"},
  };
  for (auto [name, category, value, reason] : points) {
    AssessmentEventInput in;
    in.scheme_key = "jifen-2026";
    in.kind = "points";
    in.subject_type = "person";
    in.subject_id = people.at(name);
    in.indicator_key = category;
    in.points = value;
    in.occurred_on = Plus(last, -5);
    in.reason = reason;
    DUBAN_RETURN_IF_ERROR(add(in));
  }
  // A member's own 自报 with its sign-in sheet, waiting for the branch (党员积分 · 待审核).
  Account member;
  DUBAN_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(member, tx.accounts().FindByUsername("handler_jt"));
    return Status::Ok();
  }));
  AssessmentEventInput report;
  report.scheme_key = "jifen-2026";
  report.kind = "points";
  report.subject_type = "person";
  report.subject_id = people.at("王磊");
  report.indicator_key = "study";
  report.points = 1;
  report.occurred_on = Plus(last, -3);
  report.reason = "参加主题党日集中学习";
  report.evidence = "签到表附后";
  Caller self = Caller::ForAccount(member);
  DUBAN_ASSIGN_OR_RETURN(AssessmentEvent reported, assessment.AddEvent(self, report));
  return assessment
      .AttachFile(self, reported.id, "主题党日签到表.txt",
                  "主题党日集中学习签到表\n交通运输局机关党支部\n王磊、陈静、黄志明\n")
      .status();
}

Status SeedDemoItems(Store& store, const PasswordHasher& hasher,
                     const std::filesystem::path& files_dir, Date today) {
  WalkingClock clock;
  ServicesOptions options;
  options.files_dir = files_dir;
  DUBAN_ASSIGN_OR_RETURN(auto services, Services::Build(store, clock, hasher, options));
  ItemService& items = services->items;
  Caller op = Caller::Operator();
  std::map<std::string, UnitId> units;
  DUBAN_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(auto all, tx.units().Subtree(Scope::Everything(), "/"));
    for (const Unit& u : all) units[u.code] = u.id;
    return Status::Ok();
  }));
  int minute = 0;
  auto act = [&](ItemId id, ItemAction action, const ActionInput& in, Date day) -> Status {
    clock.SetDay(day, ++minute % 400);
    return items.Act(op, id, action, in).status();
  };
  for (const Story& s : Stories()) {
    auto unit = units.find(s.unit);
    if (unit == units.end()) return NotFound(std::string("演示单位 ") + s.unit + " 不存在");
    Date found = Plus(today, -s.found_ago);
    clock.SetDay(found, ++minute % 400);
    ItemInput in;
    in.kind = s.kind;
    in.title = s.title;
    in.description = std::string(s.title) + "，需限期整改到位。";
    in.source = s.source;
    in.severity = s.major ? "严重" : "一般";
    in.unit_id = unit->second;
    in.found_on = found;
    in.found_by = "督查室";
    if (s.kind == ItemKind::kHazard) {
      in.details_json = json{{"location", "青山县"}, {"level", s.major ? "重大" : "一般"}}.dump();
    }
    DUBAN_ASSIGN_OR_RETURN(ItemDetail created, items.Create(op, in));
    ItemId id = created.item.id;
    Date deadline = Plus(found, s.due_in);
    ActionInput assign;
    assign.responsible_unit_id = unit->second;
    assign.deadline = deadline;
    assign.measures = std::vector<std::string>{"查明原因", "制定整改措施", "整改到位后申请销号"};
    DUBAN_RETURN_IF_ERROR(act(id, ItemAction::kAssign, assign, found));
    if (s.outcome == Story::kOpen) continue;
    DUBAN_RETURN_IF_ERROR(act(id, ItemAction::kAccept, {}, found));  // signed for the same day
    ActionInput report;
    report.text = "已制定整改方案，正在推进。";
    report.progress = 50;
    DUBAN_RETURN_IF_ERROR(act(id, ItemAction::kReport, report, Plus(found, 2)));
    if (s.outcome == Story::kInProgress) continue;
    Date done = s.outcome == Story::kClosedOnTime ? Plus(deadline, -2) : Plus(deadline, 6);
    if (done > today) done = today;
    ActionInput submit;
    submit.text = "已整改到位，申请销号。";
    submit.checks = CloseOutChecks{true, true, true, true, true};
    DUBAN_RETURN_IF_ERROR(act(id, ItemAction::kSubmit, submit, Plus(done, -1)));
    ActionInput approve;
    approve.text = "经现场核验，整改到位，同意销号。";
    DUBAN_RETURN_IF_ERROR(act(id, ItemAction::kApprove, approve, done));
    if (*s.satisfaction) {
      ActionInput rate;
      rate.satisfaction = s.satisfaction;
      DUBAN_RETURN_IF_ERROR(act(id, ItemAction::kRate, rate, done));
    }
  }
  return Status::Ok();
}

}  // namespace duban
