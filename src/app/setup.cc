#include "app/setup.h"

#include <map>

namespace duban {
namespace {

struct DemoUnit {
  const char* key;
  const char* parent_key;  // "" for the county
  const char* name;
  const char* kind;
  const char* code;
};

// A county written for the demo: its bureaus, their sections and party branches, townships.
constexpr DemoUnit kDemoUnits[] = {
    {"county", "", "青山县", "county", "QS"},
    {"office", "county", "县委办公室", "bureau", "QS-XWB"},
    {"office-general", "office", "综合股", "section", "QS-XWB-ZH"},
    {"office-inspect", "office", "督查室", "section", "QS-XWB-DC"},
    {"discipline", "county", "县纪委监委", "bureau", "QS-JW"},
    {"discipline-style", "discipline", "党风政风监督室", "section", "QS-JW-DF"},
    {"transport", "county", "县交通运输局", "bureau", "QS-JT"},
    {"transport-safety", "transport", "安全监督股", "section", "QS-JT-AQ"},
    {"transport-roads", "transport", "公路养护股", "section", "QS-JT-GL"},
    {"transport-party", "transport", "交通运输局机关党支部", "branch", "QS-JT-DZB"},
    {"market", "county", "县市场监督管理局", "bureau", "QS-SJ"},
    {"market-enforce", "market", "综合执法股", "section", "QS-SJ-ZF"},
    {"market-party", "market", "市场监管局机关党支部", "branch", "QS-SJ-DZB"},
    {"service", "county", "县政务服务中心", "bureau", "QS-ZW"},
    {"service-hotline", "service", "12345 热线工作股", "section", "QS-ZW-RX"},
    {"chengguan", "county", "城关镇", "township", "QS-CG"},
    {"chengguan-office", "chengguan", "党政综合办公室", "section", "QS-CG-DZB"},
    {"hekou", "county", "河口乡", "township", "QS-HK"},
    {"hekou-party", "hekou", "河口村党支部", "branch", "QS-HK-HKC"},
};

struct DemoPerson {
  const char* unit_key;
  const char* name;
  const char* title;
  const char* phone;
  const char* username;  // "" for people without an account
  Role role;             // the account's role, when there is an account
  // The unit whose subtree the account sees, when wider than the person's own unit: the county
  // supervision office's inspectors supervise the whole county.
  const char* scope_key = "";
};

const std::vector<DemoPerson>& DemoPeople() {
  static const std::vector<DemoPerson> people = {
      {"county", "周建国", "县委书记", "0871-6512001", "leader", Role::kLeader},
      {"county", "林晓梅", "县委常委、县委办主任", "0871-6512002", "", Role::kViewer},
      {"office-inspect", "赵立新", "督查室主任", "13887110001", "supervisor", Role::kSupervisor,
       "county"},
      {"office-inspect", "孙婷", "督查专员", "13887110002", "", Role::kViewer},
      {"office-general", "钱海波", "综合股股长", "13887110003", "", Role::kViewer},
      {"discipline-style", "吴振华", "监督室主任", "13887110004", "evaluator", Role::kEvaluator},
      {"transport", "郑国强", "局长", "13887110005", "leader_jt", Role::kLeader},
      {"transport-safety", "王磊", "安全监督股股长", "13887110006", "handler_jt", Role::kHandler},
      {"transport-roads", "陈静", "公路养护股股长", "13887110007", "", Role::kViewer},
      {"transport-party", "黄志明", "支部书记", "13887110008", "", Role::kViewer},
      {"market", "刘芳", "局长", "13887110009", "", Role::kViewer},
      {"market-enforce", "杨帆", "综合执法股股长", "13887110010", "handler_sj", Role::kHandler},
      {"service-hotline", "何丽", "热线工作股股长", "13887110011", "handler_rx", Role::kHandler},
      {"chengguan-office", "马骏", "党政办主任", "13887110012", "handler_cg", Role::kHandler},
      {"hekou-party", "罗春燕", "村党支部书记", "13887110013", "", Role::kViewer},
      {"county", "许文", "县政府办科员", "13887110014", "viewer", Role::kViewer},
  };
  return people;
}

}  // namespace

Result<SetupResult> InitializeDatabase(Store& store, OrgService& org,
                                       const std::string& admin_password, bool demo) {
  int64_t accounts = 0;
  DUBAN_RETURN_IF_ERROR(store.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(accounts, tx.accounts().Count());
    return Status::Ok();
  }));
  if (accounts > 0) return FailedPrecondition("数据库已初始化（已有账号），不会重复初始化");
  DUBAN_RETURN_IF_ERROR(ValidatePassword(admin_password).WithContext("admin 密码"));

  Caller op = Caller::Operator();
  SetupResult result;
  std::map<std::string, UnitId> unit_ids;
  if (demo) {
    for (const DemoUnit& d : kDemoUnits) {
      UnitInput in;
      if (*d.parent_key) in.parent_id = unit_ids.at(d.parent_key);
      in.name = d.name;
      in.kind = d.kind;
      in.code = d.code;
      DUBAN_ASSIGN_OR_RETURN(Unit u, org.CreateUnit(op, in));
      unit_ids[d.key] = u.id;
    }
  } else {
    DUBAN_ASSIGN_OR_RETURN(Unit u, org.CreateUnit(op, {std::nullopt, "本级单位", "county", ""}));
    unit_ids["county"] = u.id;
  }
  result.root_unit_id = unit_ids.at("county");
  DUBAN_ASSIGN_OR_RETURN(
      Account admin,
      org.CreateAccount(op,
                        {"admin", admin_password, result.root_unit_id, std::nullopt, {"admin"}}));
  result.admin_account_id = admin.id;
  if (demo) {
    for (const DemoPerson& d : DemoPeople()) {
      DUBAN_ASSIGN_OR_RETURN(
          Person p, org.CreatePerson(op, {unit_ids.at(d.unit_key), d.name, d.title, d.phone}));
      if (*d.username) {
        UnitId scope = *d.scope_key ? unit_ids.at(d.scope_key) : p.unit_id;
        AccountInput in{d.username, admin_password, scope, p.id, {std::string(RoleName(d.role))}};
        DUBAN_ASSIGN_OR_RETURN(Account a, org.CreateAccount(op, in));
        result.demo_usernames.push_back(a.username);
      }
    }
  }
  return result;
}

}  // namespace duban
