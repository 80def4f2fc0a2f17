#include "app/campaign_service.h"

#include "core/permission.h"
#include "core/text.h"

namespace duban {
namespace {

Status RequireManager(const Caller& caller) {
  if (May(caller.roles, Capability::kCampaignManage)) return Status::Ok();
  return PermissionDenied("只有系统管理员或督查员可以配置专项活动");
}

}  // namespace

Result<Page<Campaign>> CampaignService::List(const Caller& caller, PageRequest page) {
  Page<Campaign> out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.campaigns().List(caller.scope(), page));
    return Status::Ok();
  }));
  return out;
}

Result<Campaign> CampaignService::Get(const Caller& caller, int64_t id) {
  Campaign out;
  DUBAN_RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(out, tx.campaigns().Get(caller.scope(), id));
    return Status::Ok();
  }));
  return out;
}

Status CampaignService::Apply(Tx& tx, const Caller& caller, const CampaignInput& in, Campaign& c) {
  if (in.name) c.name = TrimSpace(*in.name);
  if (in.description) c.description = *in.description;
  if (in.phases_json) c.phases_json = *in.phases_json;
  if (in.starts_on) c.starts_on = *in.starts_on;
  if (in.ends_on) c.ends_on = *in.ends_on;
  if (c.name.empty() || Utf8Length(c.name) > 100 || !IsValidUtf8(c.name)) {
    return InvalidArgument("活动名称须为 1 到 100 个字", "name");
  }
  if (!IsValidUtf8(c.description) || Utf8Length(c.description) > 5000) {
    return InvalidArgument("活动说明不能超过 5000 个字", "description");
  }
  if (c.phases_json.size() > kMaxDetailsBytes) {
    return InvalidArgument("phases 不能超过 " + std::to_string(kMaxDetailsBytes / 1024) + " KiB",
                           "phases");
  }
  if (c.starts_on && c.ends_on && *c.ends_on < *c.starts_on) {
    return InvalidArgument("结束日期不能早于开始日期", "ends_on");
  }
  if (in.unit_id) {
    auto unit = tx.units().Get(caller.scope(), *in.unit_id);
    if (!unit.ok()) return unit.status().WithField("unit_id");
    c.unit_id = unit->id;
    c.unit_path = unit->path;
  }
  if (in.categories) {
    std::vector<Category> next;
    for (const auto& cat : *in.categories) {
      std::string name = TrimSpace(cat.name);
      if (name.empty() || Utf8Length(name) > 50)
        return InvalidArgument("问题类别名称须为 1 到 50 个字", "categories");
      if (cat.id != 0 && std::none_of(c.categories.begin(), c.categories.end(),
                                      [&](const Category& old) { return old.id == cat.id; })) {
        return InvalidArgument("问题类别 " + std::to_string(cat.id) + " 不属于该活动",
                               "categories");
      }
      next.push_back({cat.id, cat.parent_id, name});
    }
    c.categories = std::move(next);
  }
  return Status::Ok();
}

Result<Campaign> CampaignService::Create(const Caller& caller, const CampaignInput& input) {
  DUBAN_RETURN_IF_ERROR(RequireManager(caller));
  Campaign out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    Campaign c;
    CampaignInput in = input;
    if (!in.unit_id) in.unit_id = caller.unit_id;
    DUBAN_RETURN_IF_ERROR(Apply(tx, caller, in, c));
    DUBAN_RETURN_IF_ERROR(tx.campaigns().Insert(c));
    DUBAN_ASSIGN_OR_RETURN(out, tx.campaigns().Get(caller.scope(), c.id));
    return audit_.Append(tx, caller,
                         {"campaign.create",
                          "campaign",
                          std::to_string(c.id),
                          c.unit_id,
                          c.unit_path,
                          {},
                          CampaignSnapshot::Of(out)});
  }));
  return out;
}

Result<Campaign> CampaignService::Update(const Caller& caller, int64_t id,
                                         const CampaignInput& input) {
  DUBAN_RETURN_IF_ERROR(RequireManager(caller));
  Campaign out;
  DUBAN_RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> Status {
    DUBAN_ASSIGN_OR_RETURN(Campaign before, tx.campaigns().Get(caller.scope(), id));
    if (!caller.scope().Contains(before.unit_path))
      return PermissionDenied("只能修改本级及下级单位的专项活动");
    Campaign c = before;
    DUBAN_RETURN_IF_ERROR(Apply(tx, caller, input, c));
    DUBAN_RETURN_IF_ERROR(tx.campaigns().Update(c));
    DUBAN_ASSIGN_OR_RETURN(out, tx.campaigns().Get(caller.scope(), id));
    return audit_.Append(tx, caller,
                         {"campaign.update", "campaign", std::to_string(id), c.unit_id, c.unit_path,
                          CampaignSnapshot::Of(before), CampaignSnapshot::Of(out)});
  }));
  return out;
}

}  // namespace duban
