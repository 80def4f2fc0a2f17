#include "bench/gen/generator.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/string_list.h"

namespace duban::bench {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// splitmix64: tiny, fast, and the same stream on every platform and standard library (the
// std distributions are not), which keeps a seed's database the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  int64_t Below(int64_t n) {
    return static_cast<int64_t>(Next() % static_cast<uint64_t>(n));  // bias < n / 2^64
  }
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <typename T, size_t N>
  const T& Pick(const T (&list)[N]) {
    return list[Below(N)];
  }

 private:
  uint64_t state_;
};

Date AddDays(Date d, int64_t n) { return sys_days(d) + days(n); }
int64_t DaysBetween(Date a, Date b) { return (sys_days(b) - sys_days(a)).count(); }
// An instant on Shanghai date `d` at `minutes` past midnight.
Instant At(Date d, int64_t minutes) {
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      sys_days(d) - std::chrono::hours(8) + std::chrono::minutes(minutes));
}
Instant WorkTime(Rng& rng, Date d) { return At(d, rng.Between(8 * 60 + 30, 17 * 60 + 30)); }

constexpr const char* kCities[] = {"江州", "云阳", "青川", "南平", "东临", "西林", "安澜", "北辰",
                                   "丰泽", "临江", "长宁", "明溪", "清河", "石门", "天柱", "永和"};
constexpr const char* kPlaceSyllables[] = {"青", "石", "河", "山", "平", "安", "新", "东",
                                           "南", "西", "北", "川", "阳", "泉", "溪", "林",
                                           "龙", "凤", "桥", "湾", "宁", "丰", "和", "兴"};
constexpr const char* kBureaus[] = {"交通运输局",
                                    "生态环境局",
                                    "应急管理局",
                                    "住房和城乡建设局",
                                    "自然资源局",
                                    "农业农村局",
                                    "水利局",
                                    "教育局",
                                    "卫生健康局",
                                    "市场监督管理局",
                                    "民政局",
                                    "财政局",
                                    "人力资源和社会保障局",
                                    "商务局",
                                    "文化和旅游局",
                                    "林业和草原局",
                                    "医疗保障局",
                                    "城市管理综合执法局",
                                    "信访局",
                                    "政务服务中心",
                                    "审计局",
                                    "统计局",
                                    "司法局",
                                    "退役军人事务局",
                                    "乡村振兴局",
                                    "发展和改革局"};
constexpr const char* kSections[] = {"办公室",     "综合股", "业务股",    "执法大队",
                                     "安全监督股", "规划股", "机关党支部"};
constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
constexpr const char* kGiven[] = {"伟", "芳", "娜",   "敏",   "静",   "丽",   "强",   "磊",  "军",
                                  "洋", "勇", "艳",   "杰",   "娟",   "涛",   "明",   "超",  "秀英",
                                  "华", "平", "建国", "海燕", "志强", "晓东", "春梅", "国庆"};
constexpr const char* kStaffTitles[] = {"副局长",       "股长",   "科员", "一级科员",
                                        "四级主任科员", "办事员", "专干"};

constexpr const char* kProblemSubjects[] = {"窗口工作人员", "项目审批", "执法检查", "信访接待",
                                            "政务公开",     "会议文件", "资金拨付", "基层走访",
                                            "督查检查",     "干部考勤"};
constexpr const char* kProblemIssues[] = {
    "服务态度生硬",   "办事推诿拖沓",   "程序不规范",     "落实不到位",   "形式主义突出",
    "回应诉求不及时", "台账资料不完整", "整改措施不具体", "责任压得不实", "作风不够扎实"};
constexpr const char* kComplaintPlaces[] = {"小区",   "道路",     "菜市场",   "学校周边",
                                            "公交站", "老旧小区", "农贸市场", "工地",
                                            "河道",   "背街小巷"};
constexpr const char* kComplaintIssues[] = {"噪音扰民", "积水严重", "占道经营", "垃圾清运不及时",
                                            "路灯不亮", "停车难",   "供暖不热", "违规施工",
                                            "油烟污染", "井盖缺失"};
constexpr const char* kHazardIssues[] = {
    "护栏损坏", "边坡落石",     "标志标线缺失",   "桥梁伸缩缝破损", "排水不畅",
    "路面坑槽", "隧道照明不足", "临水临崖无防护", "危化品违规存放", "消防通道堵塞"};
constexpr const char* kTaskNames[] = {"农村公路改造", "农村饮水安全巩固", "高标准农田建设",
                                      "老旧小区改造", "营商环境优化",     "数字政府建设",
                                      "河湖长制落实", "城乡环境整治"};
constexpr const char* kCommitmentNames[] = {"为群众办实事：修缮村道", "领办实事：社区养老服务",
                                            "承诺事项：办事不出村", "领办实事：学校周边治堵",
                                            "承诺事项：企业开办一日办"};
constexpr const char* kDetails[] = {
    "群众反映强烈，需限期整改到位", "经现场核查情况属实",     "已列入问题清单跟踪督办",
    "多次整改后仍有反弹",           "涉及多个部门需协同办理", "影响群众正常生产生活",
    "上级督导组点名指出",           "暗访中发现，尚未整改",   "存在安全隐患，须立行立改"};
constexpr const char* kMeasures[] = {"制定整改方案，明确责任人和时限", "开展专项排查，建立台账",
                                     "约谈相关责任人", "完善制度，建立长效机制",
                                     "组织回头看，防止反弹"};
constexpr const char* kCategories[] = {"庸", "懒", "散", "推", "拖", "浮", "乱"};

struct UnitRec {
  UnitId id = 0;
  std::string path;
  int level = 0;  // 0 province, 1 city, 2 county, 3 bureau or township, 4 section
  size_t parent = 0;
  PersonId first_person = 0;
  std::optional<AccountId> account;
  std::string username;
  std::vector<size_t> children;
  int64_t campaign = 0;  // the city's campaign, for items in it
};

std::string PlaceName(Rng& rng) {
  return std::string(rng.Pick(kPlaceSyllables)) + rng.Pick(kPlaceSyllables);
}

std::string ItemStatusText(ItemStatus s) { return std::string(ItemStatusName(s)); }

// The organisation: fan-outs chosen so the tree has about `target` units.
struct Shape {
  int cities, counties, bureaus, sections;
};
Shape ShapeFor(int64_t target) {
  Shape s{2, 2, 0, 3};
  if (target >= 500) s = {12, 8, 0, 3};
  if (target >= 50'000) s = {16, 12, 0, 8};
  int64_t top = 1 + s.cities + int64_t{s.cities} * s.counties;
  int64_t per_bureau = int64_t{s.cities} * s.counties * (1 + s.sections);
  s.bureaus = static_cast<int>(std::max<int64_t>(2, (target - top + per_bureau / 2) / per_bureau));
  return s;
}

class Generator {
 public:
  Generator(Store& store, const GenOptions& options)
      : store_(store), o_(options), rng_(options.seed) {}

  Result<GenSummary> Run() {
    auto started = std::chrono::steady_clock::now();
    DUBAN_RETURN_IF_ERROR(CheckEmpty());
    DUBAN_RETURN_IF_ERROR(WriteOrganisation());
    for (int64_t done = 0; done < o_.items;) {
      int64_t n = std::min(o_.chunk_items, o_.items - done);
      DUBAN_RETURN_IF_ERROR(WriteItems(done, n));
      done += n;
      if (o_.progress) o_.progress(done);
    }
    DUBAN_RETURN_IF_ERROR(WriteCounters());
    summary_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary_;
  }

 private:
  Status CheckEmpty() {
    return store_.Read([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(int64_t units, tx.bulk().Count("units"));
      DUBAN_ASSIGN_OR_RETURN(int64_t accounts, tx.bulk().Count("accounts"));
      DUBAN_ASSIGN_OR_RETURN(int64_t items, tx.bulk().Count("items"));
      DUBAN_ASSIGN_OR_RETURN(int64_t people, tx.bulk().Count("people"));
      if (units != 1 || accounts != 1 || items != 0 || people != 0) {
        return FailedPrecondition(
            "生成器需要一个刚由 duban init（不带 --demo）创建的数据库：只有根单位和 admin");
      }
      DUBAN_ASSIGN_OR_RETURN(Account admin, tx.accounts().FindByUsername("admin"));
      password_hash_ = admin.password_hash;
      next_account_ = admin.id + 1;
      DUBAN_ASSIGN_OR_RETURN(Unit root, tx.units().Get(Scope::Everything(), admin.unit_id));
      units_.push_back({root.id, root.path, 0, 0, 0, std::nullopt, "", {}, 0});
      next_unit_ = root.id + 1;
      return Status::Ok();
    });
  }

  size_t AddUnit(size_t parent, int level) {
    UnitRec u;
    u.id = next_unit_++;
    u.path = units_[parent].path + std::to_string(u.id) + "/";
    u.level = level;
    u.parent = parent;
    u.campaign = units_[parent].campaign;
    units_.push_back(u);
    units_[parent].children.push_back(units_.size() - 1);
    return units_.size() - 1;
  }

  Status WriteOrganisation() {
    Shape shape = ShapeFor(o_.units > 0 ? o_.units : std::max<int64_t>(o_.items / 100, 50));
    TableChunk units{"units", {}}, people{"people", {}}, accounts{"accounts", {}},
        campaigns{"campaigns", {}}, categories{"categories", {}};
    auto unit_row = [&](const UnitRec& u, const std::string& name, const char* kind) {
      units.rows.push_back(
          {std::to_string(u.id), std::to_string(units_[u.parent].id), name, kind, "", "0", u.path});
    };
    int64_t next_campaign = 1, next_category = 1;
    auto campaign = [&](size_t unit, const std::string& name) {
      int64_t id = next_campaign++;
      Date starts = AddDays(o_.today, -5 * 365);
      campaigns.rows.push_back({std::to_string(id), name, "作风建设专项活动：学、查、改、建",
                                FormatDate(starts), std::nullopt, std::to_string(units_[unit].id),
                                units_[unit].path,
                                R"([{"name":"学"},{"name":"查"},{"name":"改"},{"name":"建"}])"});
      for (const char* c : kCategories) {
        categories.rows.push_back(
            {std::to_string(next_category++), std::to_string(id), std::nullopt, c});
      }
      return id;
    };
    units_[0].campaign = campaign(0, "“转作风、抓落实”主题教育");
    for (int c = 0; c < shape.cities; ++c) {
      size_t city = AddUnit(0, 1);
      std::string city_name = std::string(kCities[c % std::size(kCities)]) +
                              (c >= static_cast<int>(std::size(kCities)) ? std::to_string(c) : "") +
                              "市";
      unit_row(units_[city], city_name, "other");
      units_[city].campaign = campaign(city, city_name + "作风大查摆大整治");
      for (int k = 0; k < shape.counties; ++k) {
        size_t county = AddUnit(city, 2);
        std::string county_name = PlaceName(rng_) + "县";
        unit_row(units_[county], county_name, "county");
        for (int b = 0; b < shape.bureaus; ++b) {
          size_t bureau = AddUnit(county, 3);
          bool township = b >= shape.bureaus * 7 / 10;
          std::string bureau_name =
              township ? PlaceName(rng_) + "镇" : county_name + kBureaus[b % std::size(kBureaus)];
          unit_row(units_[bureau], bureau_name, township ? "township" : "bureau");
          for (int s = 0; s < shape.sections; ++s) {
            size_t section = AddUnit(bureau, 4);
            if (township) {
              unit_row(units_[section], PlaceName(rng_) + "村党支部", "branch");
            } else {
              unit_row(units_[section], kSections[s % std::size(kSections)], "section");
            }
          }
        }
      }
    }
    // People: the first of each unit leads it; accounts for every unit down to the bureaus,
    // and for one section in three.
    PersonId next_person = 1;
    for (auto& u : units_) {
      u.first_person = next_person;
      for (int p = 0; p < o_.people_per_unit; ++p) {
        std::string name = std::string(rng_.Pick(kSurnames)) + rng_.Pick(kGiven);
        const char* title =
            p == 0 ? (u.level == 4 ? "股长" : "主要负责人") : rng_.Pick(kStaffTitles);
        people.rows.push_back({std::to_string(next_person), std::to_string(u.id), name, title,
                               "138" + std::to_string(10'000'000 + next_person % 90'000'000)});
        ++next_person;
      }
      if (u.level <= 3 || u.id % 3 == 0) {
        u.account = next_account_++;
        u.username = "u" + std::to_string(u.id);
        const char* roles = u.level <= 2 ? "supervisor,leader" : "handler,leader";
        accounts.rows.push_back({std::to_string(*u.account), u.username,
                                 std::to_string(u.first_person), std::to_string(u.id), roles, "0",
                                 password_hash_, "0", std::nullopt});
      }
    }
    // Named accounts for the benchmarks, one per level, each supervisor and handler.
    size_t city = units_[0].children[0], county = units_[city].children[0],
           bureau = units_[county].children[0];
    const std::pair<const char*, size_t> named[] = {{"bench_province", 0},
                                                    {"bench_city", city},
                                                    {"bench_county", county},
                                                    {"bench_bureau", bureau}};
    for (const auto& [name, u] : named) {
      accounts.rows.push_back({std::to_string(next_account_++), name,
                               std::to_string(units_[u].first_person), std::to_string(units_[u].id),
                               "supervisor,handler,leader", "0", password_hash_, "0",
                               std::nullopt});
    }
    summary_.province_id = units_[0].id;
    summary_.city_id = units_[city].id;
    summary_.county_id = units_[county].id;
    summary_.bureau_id = units_[bureau].id;
    summary_.province_user = "bench_province";
    summary_.city_user = "bench_city";
    summary_.county_user = "bench_county";
    summary_.bureau_user = "bench_bureau";
    bureau_path_ = units_[bureau].path;
    for (size_t i = 0; i < units_.size(); ++i) {
      if (units_[i].level >= 2) placeable_.push_back(i);
    }
    summary_.units = static_cast<int64_t>(units_.size());
    summary_.people = static_cast<int64_t>(people.rows.size());
    summary_.accounts = static_cast<int64_t>(accounts.rows.size()) + 1;
    summary_.campaigns = static_cast<int64_t>(campaigns.rows.size());
    return store_.Write([&](Tx& tx) -> Status {
      DUBAN_ASSIGN_OR_RETURN(Unit root, tx.units().Get(Scope::Everything(), units_[0].id));
      root.name = "江南省";
      root.kind = "other";
      DUBAN_RETURN_IF_ERROR(tx.units().Update(Scope::Everything(), root));
      for (const TableChunk* t : {&units, &people, &accounts, &campaigns, &categories}) {
        DUBAN_RETURN_IF_ERROR(tx.bulk().Write(*t));
      }
      return Status::Ok();
    });
  }

  // The unit an item is about: a county (10%), a bureau or township (40%), a section (50%).
  size_t PickUnit() {
    int64_t r = rng_.Below(100);
    size_t u = placeable_[rng_.Below(static_cast<int64_t>(placeable_.size()))];
    int want = r < 10 ? 2 : r < 50 ? 3 : 4;
    while (units_[u].level > want) u = units_[u].parent;
    while (units_[u].level < want && !units_[u].children.empty()) {
      u = units_[u].children[rng_.Below(static_cast<int64_t>(units_[u].children.size()))];
    }
    return u;
  }

  // The unit that must fix it: a unit below a county, the item's own unit otherwise.
  size_t PickResponsible(size_t unit) {
    if (units_[unit].level == 2 && !units_[unit].children.empty()) {
      return units_[unit].children[rng_.Below(static_cast<int64_t>(units_[unit].children.size()))];
    }
    return unit;
  }

  PersonId PersonOf(size_t unit) {
    return units_[unit].first_person + rng_.Below(o_.people_per_unit);
  }

  // The nearest unit at or above `unit` with an account: who acts for it in the timeline.
  const UnitRec& Actor(size_t unit) {
    while (!units_[unit].account) unit = units_[unit].parent;
    return units_[unit];
  }

  void Event(ItemId item, Instant at, const UnitRec& actor, const char* action, ItemStatus from,
             ItemStatus to, std::string text, std::string data = "{}", bool from_none = false) {
    ItemEvent e;
    e.id = next_event_++;
    e.item_id = item;
    e.at = at;
    e.actor_account_id = actor.account;
    e.actor_username = actor.username;
    e.action = action;
    e.from_status = from_none ? "" : ItemStatusText(from);
    e.to_status = ItemStatusText(to);
    e.text = std::move(text);
    e.data_json = std::move(data);
    events_.push_back(std::move(e));
  }

  void AddNotice(const Item& item, const UnitRec& issuer, Date issued_on, const char* level,
                 const char* condition, const std::string& key, const std::string& reason,
                 bool answered) {
    Notice n;
    n.id = next_notice_++;
    n.year = static_cast<int>(issued_on.year());
    n.number = ++notice_counters_[n.year];
    n.item_id = item.id;
    n.unit_id = item.responsible_unit_id.value_or(item.unit_id);
    n.unit_path = item.responsible_unit_path.empty() ? item.unit_path : item.responsible_unit_path;
    n.level = level;
    n.condition = condition;
    n.condition_key = key;
    n.reason = reason;
    n.issued_at = At(issued_on, 2 * 60);  // the sweep runs at night
    n.issued_by = "system";
    n.respond_by = AddDays(issued_on, 3);
    n.status = answered ? "answered" : "open";
    if (answered) {
      n.response_text = "已收悉，正在抓紧整改，将按期报送整改情况";
      n.responded_at = WorkTime(rng_, std::min(AddDays(issued_on, rng_.Between(0, 3)), o_.today));
      n.responded_by = issuer.username;
    }
    Event(item.id, n.issued_at, issuer, "notice", item.status, item.status,
          std::string(level) + "：" + reason, "{\"notice_id\":" + std::to_string(n.id) + "}");
    notices_.push_back(std::move(n));
  }

  // Text of an item of `kind` (title, description, details JSON).
  void Describe(Item& item, const std::string& place) {
    switch (item.kind) {
      case ItemKind::kProblem:
        item.title = std::string(rng_.Pick(kProblemSubjects)) + rng_.Pick(kProblemIssues);
        break;
      case ItemKind::kComplaint:
        item.title = place + rng_.Pick(kComplaintPlaces) + rng_.Pick(kComplaintIssues);
        item.details_json =
            nlohmann::json{
                {"channel", item.source},
                {"citizen_name", std::string(rng_.Pick(kSurnames)) + "先生"},
                {"citizen_phone", "139" + std::to_string(rng_.Between(10'000'000, 99'999'999))}}
                .dump();
        break;
      case ItemKind::kHazard: {
        std::string road = "G" + std::to_string(rng_.Between(101, 360));
        std::string km =
            "K" + std::to_string(rng_.Between(1, 400)) + "+" + std::to_string(rng_.Below(10) * 100);
        item.title = road + "线" + km + "处" + rng_.Pick(kHazardIssues);
        item.details_json = nlohmann::json{{"location", place},
                                           {"road", road},
                                           {"km_marker", km},
                                           {"level", rng_.Chance(10) ? "重大" : "一般"}}
                                .dump();
        break;
      }
      case ItemKind::kTask: {
        item.title = place + rng_.Pick(kTaskNames) + "项目";
        int64_t target = rng_.Between(10, 500);
        item.details_json = nlohmann::json{{"target_value", target},
                                           {"target_unit", "公里"},
                                           {"done_value", rng_.Below(target + 1)}}
                                .dump();
        break;
      }
      case ItemKind::kCommitment:
        item.title = rng_.Pick(kCommitmentNames);
        break;
    }
    item.description = place + "：" + item.title + "，" + rng_.Pick(kDetails) + "。";
  }

  Status WriteItems(int64_t first, int64_t count) {
    std::vector<Item> items;
    items.reserve(static_cast<size_t>(count));
    events_.clear();
    notices_.clear();
    const int64_t span = DaysBetween(AddDays(o_.today, -5 * 365), o_.today);
    const Date last_deadline = Date(o_.today.year(), std::chrono::December, std::chrono::day(31));
    for (int64_t n = first; n < first + count; ++n) {
      Item item;
      item.id = n + 1;
      // Spread evenly over five years, so ids and codes grow with time as they do in use.
      item.found_on = AddDays(o_.today, -span + n * span / o_.items);
      item.created_at = WorkTime(rng_, item.found_on);
      int year = static_cast<int>(item.found_on.year());
      item.code = FormatItemCode(year, ++item_counters_[year]);
      int64_t r = rng_.Below(100);
      item.kind = r < 45   ? ItemKind::kProblem
                  : r < 70 ? ItemKind::kComplaint
                  : r < 82 ? ItemKind::kHazard
                  : r < 92 ? ItemKind::kTask
                           : ItemKind::kCommitment;
      switch (item.kind) {
        case ItemKind::kComplaint:
          item.source = rng_.Chance(60) ? "12345" : rng_.Chance(50) ? "意见箱" : "群众提";
          break;
        case ItemKind::kHazard:
          item.source = rng_.Chance(50) ? "明察暗访" : "督导组";
          break;
        case ItemKind::kTask:
          item.source = "上级交办";
          break;
        default:
          item.source = std::string(rng_.Pick(kItemSources));
      }
      r = rng_.Below(100);
      item.severity = r < 70 ? "一般" : r < 92 ? "较重" : "严重";
      size_t unit = PickUnit();
      item.unit_id = units_[unit].id;
      item.unit_path = units_[unit].path;
      const UnitRec& finder = Actor(units_[unit].parent);
      item.found_by = finder.username;
      if (item.kind == ItemKind::kProblem && rng_.Chance(60)) {
        item.campaign_id = rng_.Chance(50) ? units_[0].campaign : units_[unit].campaign;
        item.category_id = (*item.campaign_id - 1) * 7 + 1 + rng_.Below(7);
      }
      Describe(item, PlaceName(rng_));
      item.is_public = item.kind == ItemKind::kCommitment || rng_.Chance(5);
      r = rng_.Below(100);
      item.rectify_mode = r < 10   ? RectifyMode::kImmediate
                          : r < 95 ? RectifyMode::kDeadline
                                   : RectifyMode::kLongTerm;
      r = rng_.Below(100);
      item.report_every = r < 70   ? ReportEvery::kNone
                          : r < 90 ? ReportEvery::kMonth
                                   : ReportEvery::kWeek;

      // The status its age makes likely: old items are nearly all closed.
      int64_t age = DaysBetween(item.found_on, o_.today);
      r = rng_.Below(100);
      ItemStatus target;
      if (age > 180) {
        target = r < 92   ? ItemStatus::kClosed
                 : r < 95 ? ItemStatus::kCancelled
                          : ItemStatus::kInProgress;
      } else if (age > 60) {
        target = r < 70   ? ItemStatus::kClosed
                 : r < 73 ? ItemStatus::kCancelled
                 : r < 90 ? ItemStatus::kInProgress
                 : r < 95 ? ItemStatus::kPendingReview
                          : ItemStatus::kAssigned;
      } else {
        target = r < 10   ? ItemStatus::kDraft
                 : r < 30 ? ItemStatus::kAssigned
                 : r < 70 ? ItemStatus::kInProgress
                 : r < 80 ? ItemStatus::kPendingReview
                 : r < 98 ? ItemStatus::kClosed
                          : ItemStatus::kCancelled;
      }
      if (target == ItemStatus::kDraft && age > 30) target = ItemStatus::kAssigned;

      const UnitRec& supervisor = Actor(units_[unit].parent);
      Event(item.id, item.created_at, finder, "create", ItemStatus::kDraft, ItemStatus::kDraft, "",
            "{}", true);
      item.status = ItemStatus::kDraft;
      Instant last = item.created_at;
      if (target == ItemStatus::kCancelled && rng_.Chance(50)) {
        item.status = ItemStatus::kCancelled;
        last = WorkTime(rng_, std::min(AddDays(item.found_on, rng_.Between(1, 10)), o_.today));
        Event(item.id, last, supervisor, "cancel", ItemStatus::kDraft, item.status,
              "经核实不属实，予以撤销");
      } else if (target != ItemStatus::kDraft) {
        size_t resp = PickResponsible(unit);
        item.responsible_unit_id = units_[resp].id;
        item.responsible_unit_path = units_[resp].path;
        item.responsible_person_id = PersonOf(resp);
        size_t leader_unit = units_[resp].level == 4 ? units_[resp].parent : resp;
        item.lead_leader_id = units_[leader_unit].first_person;
        item.measures = {rng_.Pick(kMeasures), rng_.Pick(kMeasures)};
        Date assigned = std::min(AddDays(item.found_on, rng_.Between(0, 3)), o_.today);
        item.assigned_at = WorkTime(rng_, assigned);
        if (item.rectify_mode != RectifyMode::kLongTerm) {
          int64_t limit = item.rectify_mode == RectifyMode::kImmediate ? rng_.Between(3, 10)
                                                                       : rng_.Between(10, 90);
          item.deadline = std::min(AddDays(assigned, limit), last_deadline);
        }
        item.status = ItemStatus::kAssigned;
        last = *item.assigned_at;
        Event(item.id, last, supervisor, "assign", ItemStatus::kDraft, item.status,
              "请按要求落实整改",
              nlohmann::json{{"responsible_unit_id", units_[resp].id},
                             {"deadline", item.deadline ? FormatDate(*item.deadline) : ""}}
                  .dump());
        if (target == ItemStatus::kCancelled) {
          item.status = ItemStatus::kCancelled;
          last = WorkTime(rng_, std::min(AddDays(assigned, rng_.Between(1, 20)), o_.today));
          Event(item.id, last, supervisor, "cancel", ItemStatus::kAssigned, item.status,
                "重复交办，予以撤销");
        } else if (target != ItemStatus::kAssigned) {
          const UnitRec& handler = Actor(resp);
          Date accepted = std::min(AddDays(assigned, rng_.Between(0, 1)), o_.today);
          item.accepted_at = WorkTime(rng_, accepted);
          item.status = ItemStatus::kInProgress;
          last = std::max(last, *item.accepted_at);
          Event(item.id, last, handler, "accept", ItemStatus::kAssigned, item.status, "");
          // When it closes (on time for most); an item whose close date has not come yet
          // stays in progress.
          Date end = item.deadline ? *item.deadline : AddDays(assigned, 120);
          Date closes =
              rng_.Chance(85)
                  ? AddDays(accepted,
                            rng_.Between(1, std::max<int64_t>(1, DaysBetween(accepted, end))))
                  : AddDays(end, rng_.Between(1, 60));
          if ((target == ItemStatus::kClosed || target == ItemStatus::kPendingReview) &&
              closes > o_.today) {
            target = ItemStatus::kInProgress;
          }
          Date report_until = target == ItemStatus::kInProgress ? o_.today : closes;
          int reports = static_cast<int>(rng_.Between(0, 2));
          for (int k = 1; k <= reports; ++k) {
            Date on = AddDays(accepted, DaysBetween(accepted, report_until) * k / (reports + 1));
            Instant at = std::max(last, WorkTime(rng_, on));
            item.progress = static_cast<int>(std::min<int64_t>(95, 100 * k / (reports + 1)));
            item.last_report_at = at;
            last = at;
            Event(item.id, at, handler, "report", ItemStatus::kInProgress, item.status,
                  "已完成整改进度的 " + std::to_string(item.progress) + "%，正在推进",
                  "{\"progress\":" + std::to_string(item.progress) + "}");
          }
          if (target == ItemStatus::kPendingReview || target == ItemStatus::kClosed) {
            last = std::max(last, WorkTime(rng_, closes));
            item.status = ItemStatus::kPendingReview;
            Event(item.id, last, handler, "submit", ItemStatus::kInProgress, item.status,
                  "整改已完成，申请销号",
                  R"({"checks":{"cause_found":true,"measures_done":true,"rectified":true,)"
                  R"("accountability":true,"public_satisfied":true}})");
          }
          if (target == ItemStatus::kClosed) {
            Date closed = std::min(AddDays(closes, rng_.Between(0, 2)), o_.today);
            last = std::max(last, WorkTime(rng_, closed));
            item.status = ItemStatus::kClosed;
            item.closed_on = ShanghaiDateOf(last);
            item.progress = 100;
            Event(item.id, last, supervisor, "approve", ItemStatus::kPendingReview, item.status,
                  "经核查整改到位，同意销号");
            if (item.kind == ItemKind::kComplaint) {
              r = rng_.Below(100);
              item.satisfaction = r < 80   ? Satisfaction::kSatisfied
                                  : r < 95 ? Satisfaction::kBasicallySatisfied
                                           : Satisfaction::kUnsatisfied;
              Event(item.id, last, supervisor, "rate", ItemStatus::kClosed, item.status, "回访评价",
                    "{\"satisfaction\":\"" + std::string(SatisfactionName(*item.satisfaction)) +
                        "\"}");
            }
          }
        }
        Notices(item, supervisor);
      }
      item.updated_at = last;
      if (IsOpen(item.status) && item.deadline &&
          (item.status == ItemStatus::kAssigned || item.status == ItemStatus::kInProgress)) {
        // The sweep ran last night: the next date it must look at the item is in the future.
        for (Date d : {AddDays(*item.deadline, -4), AddDays(*item.deadline, 1),
                       AddDays(*item.deadline, 15)}) {
          if (d > o_.today) {
            item.next_check_on = d;
            break;
          }
        }
      }
      Tally(item);
      items.push_back(std::move(item));
    }
    summary_.events += static_cast<int64_t>(events_.size());
    summary_.notices += static_cast<int64_t>(notices_.size());
    return store_.Write([&](Tx& tx) -> Status {
      DUBAN_RETURN_IF_ERROR(tx.bulk().WriteItems(items));
      DUBAN_RETURN_IF_ERROR(tx.bulk().WriteItemEvents(events_));
      return tx.bulk().WriteNotices(notices_);
    });
  }

  static Date ShanghaiDateOf(Instant t) {
    return Date(std::chrono::floor<days>(t + std::chrono::hours(8)));
  }

  // The supervision notices the item has had by now (SPEC §5): due soon, overdue, 挂牌督办.
  void Notices(Item& item, const UnitRec& supervisor) {
    if (!item.deadline) return;
    Date d = *item.deadline;
    std::string ds = FormatDate(d);
    Date done = item.closed_on.value_or(o_.today);
    bool working = item.status != ItemStatus::kCancelled;
    if (!working) return;
    Date soon = AddDays(d, -4);
    if (soon <= done && soon > AddDays(item.found_on, 1) && rng_.Chance(25)) {
      AddNotice(item, supervisor, soon, "reminder", "due_soon", "due_soon:" + ds,
                "整改时限 " + ds + " 即将到期，请抓紧办理", true);
    }
    if (done > d) {
      bool open = IsOpen(item.status);
      AddNotice(item, supervisor, AddDays(d, 1), "supervise", "overdue", "overdue:" + ds + ":1",
                "已超过整改时限 " + ds + "，请说明情况并限期办结", !open || rng_.Chance(60));
      if (DaysBetween(d, done) > 15) {
        AddNotice(item, supervisor, AddDays(d, 15), "listed", "overdue", "overdue:" + ds + ":2",
                  "超期未办结且督办未获答复，列为挂牌督办", !open || rng_.Chance(30));
      }
    }
  }

  void Tally(const Item& item) {
    ++summary_.items;
    ++summary_.by_status[ItemStatusText(item.status)];
    ++summary_.by_kind[std::string(ItemKindName(item.kind))];
    if (IsOpen(item.status) && item.deadline) {
      ++summary_.by_warning[*item.deadline < o_.today ? "overdue" : "not_overdue"];
    }
    bool in_bureau = item.unit_path.starts_with(bureau_path_) ||
                     item.responsible_unit_path.starts_with(bureau_path_);
    if (in_bureau && summary_.sample_items.size() < 1000) {
      summary_.sample_items.push_back(item.id);
    }
    if (item.status == ItemStatus::kInProgress &&
        item.responsible_unit_path.starts_with(bureau_path_) &&
        summary_.reportable_items.size() < 1000) {
      summary_.reportable_items.push_back(item.id);
    }
  }

  Status WriteCounters() {
    TableChunk counters{"counters", {}};
    for (const auto& [year, n] : item_counters_) {
      counters.rows.push_back({"item:" + std::to_string(year), std::to_string(n)});
    }
    for (const auto& [year, n] : notice_counters_) {
      counters.rows.push_back({"notice:" + std::to_string(year), std::to_string(n)});
    }
    return store_.Write([&](Tx& tx) { return tx.bulk().Write(counters); });
  }

  Store& store_;
  const GenOptions& o_;
  Rng rng_;
  GenSummary summary_;
  std::string password_hash_;
  std::vector<UnitRec> units_;
  std::vector<size_t> placeable_;  // units of level 2 and below
  std::string bureau_path_;
  UnitId next_unit_ = 0;
  AccountId next_account_ = 0;
  int64_t next_event_ = 1, next_notice_ = 1;
  std::map<int, int64_t> item_counters_, notice_counters_;
  std::vector<ItemEvent> events_;
  std::vector<Notice> notices_;
};

}  // namespace

Result<int64_t> ItemsForSize(const std::string& size) {
  if (size == "S") return int64_t{10'000};
  if (size == "M") return int64_t{1'000'000};
  if (size == "L") return int64_t{10'000'000};
  return InvalidArgument("--size 须为 S、M 或 L，收到 \"" + size + "\"", "size");
}

Result<GenSummary> Generate(Store& store, const GenOptions& options) {
  if (options.items < 1) return InvalidArgument("items 须为正数", "items");
  if (options.chunk_items < 1) return InvalidArgument("chunk_items 须为正数", "chunk_items");
  if (options.people_per_unit < 1) {
    return InvalidArgument("people_per_unit 须为正数", "people_per_unit");
  }
  if (!options.today.ok()) return InvalidArgument("today 不是有效日期", "today");
  return Generator(store, options).Run();
}

std::string SummaryJson(const GenSummary& s) {
  nlohmann::json j = {{"units", s.units},
                      {"people", s.people},
                      {"accounts", s.accounts},
                      {"campaigns", s.campaigns},
                      {"items", s.items},
                      {"events", s.events},
                      {"notices", s.notices},
                      {"by_status", s.by_status},
                      {"by_kind", s.by_kind},
                      {"open_with_deadline", s.by_warning},
                      {"seconds", s.seconds},
                      {"province_id", s.province_id},
                      {"city_id", s.city_id},
                      {"county_id", s.county_id},
                      {"bureau_id", s.bureau_id},
                      {"province_user", s.province_user},
                      {"city_user", s.city_user},
                      {"county_user", s.county_user},
                      {"bureau_user", s.bureau_user},
                      {"reportable_items", s.reportable_items},
                      {"sample_items", s.sample_items}};
  return j.dump(2);
}

}  // namespace duban::bench
