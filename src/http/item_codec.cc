#include "http/item_codec.h"

#include <algorithm>
#include <sstream>

#include "core/text.h"
#include "http/handler_util.h"
#include "http/item_json.h"
#include "http/json_codec.h"

namespace duban::http {
namespace {

using nlohmann::json;

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

Result<ItemQuery> DecodeItemQueryFields(const Request& r) {
  ItemQuery q;
  DUBAN_ASSIGN_OR_RETURN(q.page, PageFromQuery(r));
  if (auto kinds = r.Query("kind")) {
    for (const auto& k : SplitComma(*kinds)) {
      auto kind = ParseItemKind(k);
      if (!kind) return InvalidArgument("参数 kind 无效: " + k, "kind");
      q.kinds.push_back(*kind);
    }
  }
  if (auto statuses = r.Query("status")) {
    for (const auto& st : SplitComma(*statuses)) {
      auto status = ParseItemStatus(st);
      if (!status) return InvalidArgument("参数 status 无效: " + st, "status");
      q.statuses.push_back(*status);
    }
  }
  if (auto warnings = r.Query("warning")) {
    for (const auto& w : SplitComma(*warnings)) {
      if (w != "green" && w != "yellow" && w != "red" && w != "severe") {
        return InvalidArgument("参数 warning 须为 green、yellow、red 或 severe", "warning");
      }
      q.warnings.push_back(w);
    }
  }
  DUBAN_ASSIGN_OR_RETURN(q.responsible_person_id, QueryInt(r, "responsible"));
  DUBAN_ASSIGN_OR_RETURN(q.campaign_id, QueryInt(r, "campaign"));
  DUBAN_ASSIGN_OR_RETURN(q.category_id, QueryInt(r, "category"));
  q.source = r.Query("source").value_or("");
  q.q = r.Query("q").value_or("");
  if (!IsValidUtf8(q.q)) return InvalidArgument("参数 q 不是有效的 UTF-8", "q");
  if (Utf8Length(q.q) > kMaxSearchChars) {
    return InvalidArgument("搜索词不能超过 " + std::to_string(kMaxSearchChars) + " 个字", "q");
  }
  if (auto due = r.Query("due_before"); due && !due->empty()) {
    auto d = ParseDate(*due);
    if (!d) return InvalidArgument("参数 due_before 应为 YYYY-MM-DD", "due_before");
    q.due_before = *d;
  }
  if (auto sort = r.Query("sort")) {
    static const std::vector<std::string> kSorts = {"deadline",  "-deadline", "found_on",
                                                    "-found_on", "code",      "-updated_at"};
    if (std::find(kSorts.begin(), kSorts.end(), *sort) == kSorts.end()) {
      return InvalidArgument("参数 sort 无效: " + *sort, "sort");
    }
    q.sort = *sort;
  }
  return q;
}

}  // namespace

json DetailJson(const ItemDetail& d) {
  json j = ItemJson(d.item, d.warning, d.allowed_actions);
  json events = json::array(), children = json::array(), notices = json::array(),
       files = json::array();
  for (const auto& e : d.events) events.push_back(ItemEventJson(e));
  for (const auto& c : d.children) children.push_back(ItemJson(c, std::nullopt, {}));
  for (const auto& n : d.notices) {
    json nj = NoticeJson(n);
    nj["item_code"] = d.item.code;
    nj["item_title"] = d.item.title;
    notices.push_back(nj);
  }
  for (const auto& f : d.files) files.push_back(FileJson(f));
  j["events"] = events;
  j["children"] = children;
  j["notices"] = notices;
  j["files"] = files;
  return j;
}

Result<ItemInput> DecodeItemInput(const json& body, bool create) {
  DUBAN_RETURN_IF_ERROR(
      RejectUnknownFields(body, {"kind", "title", "description", "campaign_id", "category_id",
                                 "source", "severity", "unit_id", "found_on", "found_by",
                                 "measures", "public", "parent_id", "recurrence_of", "details"}));
  ItemInput in;
  DUBAN_ASSIGN_OR_RETURN(auto kind, OptString(body, "kind"));
  if (kind) {
    in.kind = ParseItemKind(*kind);
    if (!in.kind)
      return InvalidArgument("kind 须为 problem、task、commitment、hazard 或 complaint", "kind");
  } else if (create) {
    in.kind = ItemKind::kProblem;
  }
  DUBAN_ASSIGN_OR_RETURN(in.title, OptString(body, "title"));
  DUBAN_ASSIGN_OR_RETURN(in.description, OptString(body, "description"));
  DUBAN_ASSIGN_OR_RETURN(in.source, OptString(body, "source"));
  DUBAN_ASSIGN_OR_RETURN(in.severity, OptString(body, "severity"));
  DUBAN_ASSIGN_OR_RETURN(in.found_by, OptString(body, "found_by"));
  DUBAN_ASSIGN_OR_RETURN(in.unit_id, OptInt(body, "unit_id"));
  DUBAN_ASSIGN_OR_RETURN(auto found_on, OptDate(body, "found_on"));
  if (found_on) in.found_on = *found_on;
  DUBAN_ASSIGN_OR_RETURN(in.measures, OptStringList(body, "measures"));
  DUBAN_ASSIGN_OR_RETURN(in.is_public, OptBool(body, "public"));
  DUBAN_ASSIGN_OR_RETURN(in.campaign_id, OptNullableInt(body, "campaign_id"));
  DUBAN_ASSIGN_OR_RETURN(in.category_id, OptNullableInt(body, "category_id"));
  DUBAN_ASSIGN_OR_RETURN(in.parent_id, OptNullableInt(body, "parent_id"));
  DUBAN_ASSIGN_OR_RETURN(in.recurrence_of, OptNullableInt(body, "recurrence_of"));
  if (auto it = body.find("details"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return InvalidArgument("details 应为对象", "details");
    in.details_json = it->dump();
  }
  return in;
}

Result<ActionInput> DecodeAction(ItemAction action, const json& body) {
  ActionInput in;
  switch (action) {
    case ItemAction::kAssign: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(
          body,
          {"responsible_unit_id", "responsible_person_id", "lead_leader_id", "assisting_unit_ids",
           "deadline", "deadline_working_days", "measures", "report_every", "rectify_mode"}));
      DUBAN_ASSIGN_OR_RETURN(in.responsible_unit_id, OptInt(body, "responsible_unit_id"));
      DUBAN_ASSIGN_OR_RETURN(in.responsible_person_id, OptInt(body, "responsible_person_id"));
      DUBAN_ASSIGN_OR_RETURN(in.lead_leader_id, OptInt(body, "lead_leader_id"));
      DUBAN_ASSIGN_OR_RETURN(in.assisting_unit_ids, OptIntList(body, "assisting_unit_ids"));
      DUBAN_ASSIGN_OR_RETURN(in.deadline, OptDate(body, "deadline"));
      DUBAN_ASSIGN_OR_RETURN(in.deadline_working_days, OptInt(body, "deadline_working_days"));
      DUBAN_ASSIGN_OR_RETURN(in.measures, OptStringList(body, "measures"));
      DUBAN_ASSIGN_OR_RETURN(in.report_every, OptString(body, "report_every"));
      DUBAN_ASSIGN_OR_RETURN(in.rectify_mode, OptString(body, "rectify_mode"));
      return in;
    }
    case ItemAction::kAccept:
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {}));
      return in;
    case ItemAction::kReturn:
    case ItemAction::kReopen:
    case ItemAction::kCancel: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"reason"}));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "reason"));
      return in;
    }
    case ItemAction::kReport:
    case ItemAction::kSubmit: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"text", "progress", "checks", "file_ids"}));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "text"));
      DUBAN_ASSIGN_OR_RETURN(in.progress, OptInt(body, "progress"));
      DUBAN_ASSIGN_OR_RETURN(auto files, OptIntList(body, "file_ids"));
      if (files) in.file_ids = *files;
      if (auto it = body.find("checks"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) return InvalidArgument("checks 应为对象", "checks");
        DUBAN_RETURN_IF_ERROR(RejectUnknownFields(*it, {"cause_found", "measures_done", "rectified",
                                                        "accountability", "public_satisfied"}));
        CloseOutChecks c;
        auto flag = [&](const char* name, bool& out) -> Status {
          DUBAN_ASSIGN_OR_RETURN(auto v, OptBool(*it, name));
          out = v.value_or(false);
          return Status::Ok();
        };
        DUBAN_RETURN_IF_ERROR(flag("cause_found", c.cause_found));
        DUBAN_RETURN_IF_ERROR(flag("measures_done", c.measures_done));
        DUBAN_RETURN_IF_ERROR(flag("rectified", c.rectified));
        DUBAN_RETURN_IF_ERROR(flag("accountability", c.accountability));
        DUBAN_RETURN_IF_ERROR(flag("public_satisfied", c.public_satisfied));
        in.checks = c;
      }
      return in;
    }
    case ItemAction::kApprove:
    case ItemAction::kReject: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"opinion"}));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "opinion"));
      return in;
    }
    case ItemAction::kExtend: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"new_deadline", "reason"}));
      DUBAN_ASSIGN_OR_RETURN(in.new_deadline, OptDate(body, "new_deadline"));
      DUBAN_ASSIGN_OR_RETURN(in.text, ReqString(body, "reason"));
      return in;
    }
    case ItemAction::kDecideExtension: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"approve", "opinion"}));
      DUBAN_ASSIGN_OR_RETURN(in.approve, OptBool(body, "approve"));
      DUBAN_ASSIGN_OR_RETURN(auto opinion, OptString(body, "opinion"));
      in.text = opinion.value_or("");
      return in;
    }
    case ItemAction::kRate: {
      DUBAN_RETURN_IF_ERROR(RejectUnknownFields(body, {"satisfaction", "comment"}));
      DUBAN_ASSIGN_OR_RETURN(in.satisfaction, ReqString(body, "satisfaction"));
      DUBAN_ASSIGN_OR_RETURN(auto comment, OptString(body, "comment"));
      in.text = comment.value_or("");
      return in;
    }
  }
  return InvalidArgument("未知操作");
}

Result<ItemQuery> DecodeItemQuery(const Request& r, ItemService& items, const Caller& caller) {
  DUBAN_ASSIGN_OR_RETURN(ItemQuery q, DecodeItemQueryFields(r));
  for (const char* name : {"unit", "responsible_unit"}) {
    DUBAN_ASSIGN_OR_RETURN(auto id, QueryInt(r, name));
    if (!id) continue;
    DUBAN_ASSIGN_OR_RETURN(Unit u, items.UnitInScope(caller, *id));
    (std::string(name) == "unit" ? q.unit_path : q.responsible_unit_path) = u.path;
  }
  return q;
}

}  // namespace duban::http
