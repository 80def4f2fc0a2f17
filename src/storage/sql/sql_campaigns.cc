// The campaign repository in SQL, with each campaign's categories.
#include <string>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kCampaignSelect =
    "SELECT id, name, description, starts_on, ends_on, unit_id, unit_path, phases_json FROM "
    "campaigns";
Campaign ReadCampaign(const Row& r) {
  Campaign c;
  Columns(r).Into(c.id, c.name, c.description, c.starts_on, c.ends_on, c.unit_id, c.unit_path,
                  c.phases_json);
  return c;
}

}  // namespace

Status SqlCampaigns::LoadCategories(Campaign& campaign) {
  DUBAN_ASSIGN_OR_RETURN(Rows rows, c_.Query("SELECT id, parent_id, name FROM categories "
                                             "WHERE campaign_id = ?1 ORDER BY id",
                                             {campaign.id}));
  campaign.categories.clear();
  for (size_t i = 0; i < rows.size(); ++i) {
    campaign.categories.push_back({rows[i].Int(0), rows[i].OptInt(1), rows[i].Text(2)});
  }
  return Status::Ok();
}

Result<Campaign> SqlCampaigns::Get(const Scope& scope, int64_t id) {
  DUBAN_ASSIGN_OR_RETURN(
      Campaign c, ReadOne<Campaign>(c_.Query(std::string(kCampaignSelect) + " WHERE id = ?1", {id}),
                                    ReadCampaign, [&] { return Missing("专项活动", id); }));
  // Visible within its unit's subtree, and from above it.
  if (!scope.Contains(c.unit_path) && !c.unit_path.empty() &&
      !Scope::Subtree(c.unit_path).Contains(scope.lower())) {
    return NotInScope("专项活动", id);
  }
  DUBAN_RETURN_IF_ERROR(LoadCategories(c));
  return c;
}

Result<Page<Campaign>> SqlCampaigns::List(const Scope& scope, PageRequest page_request) {
  // In scope, or an ancestor of the scope's root (a county campaign covers its bureaus).
  Where w;
  w.And("((unit_path >= " + w.Param(scope.lower()) + " AND unit_path < " + w.Param(scope.upper()) +
        ") OR " + w.Param(scope.lower()) + " LIKE unit_path || '%')");
  DUBAN_ASSIGN_OR_RETURN(
      Page<Campaign> page,
      QueryPage<Campaign>(c_, "SELECT count(*) FROM campaigns" + w.sql(),
                          std::string(kCampaignSelect) + w.sql() + " ORDER BY id DESC", w.params(),
                          page_request, ReadCampaign));
  for (Campaign& c : page.items) DUBAN_RETURN_IF_ERROR(LoadCategories(c));
  return page;
}

Status SqlCampaigns::SaveCategories(Campaign& campaign) {
  for (auto& cat : campaign.categories) {
    if (cat.id != 0) {
      DUBAN_RETURN_IF_ERROR(
          c_.Execute("UPDATE categories SET name = ?1 WHERE id = ?2 AND campaign_id = ?3",
                     {cat.name, cat.id, campaign.id})
              .status());
      continue;
    }
    DUBAN_ASSIGN_OR_RETURN(cat.id, NextId(c_, "categories"));
    DUBAN_RETURN_IF_ERROR(c_.Execute("INSERT INTO categories(id, campaign_id, parent_id, name) "
                                     "VALUES (?1, ?2, ?3, ?4)",
                                     {cat.id, campaign.id, Opt(cat.parent_id), cat.name})
                              .status());
  }
  return Status::Ok();
}

Status SqlCampaigns::Insert(Campaign& campaign) {
  DUBAN_ASSIGN_OR_RETURN(campaign.id, NextId(c_, "campaigns"));
  DUBAN_RETURN_IF_ERROR(
      c_.Execute("INSERT INTO campaigns(id, name, description, starts_on, ends_on, unit_id, "
                 "unit_path, phases_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                 {campaign.id, campaign.name, campaign.description, DateValue(campaign.starts_on),
                  DateValue(campaign.ends_on), campaign.unit_id, campaign.unit_path,
                  campaign.phases_json})
          .status());
  return SaveCategories(campaign);
}

Status SqlCampaigns::Update(Campaign& campaign) {
  DUBAN_RETURN_IF_ERROR(
      c_.Execute("UPDATE campaigns SET name = ?1, description = ?2, starts_on = ?3, ends_on = ?4, "
                 "unit_id = ?5, unit_path = ?6, phases_json = ?7 WHERE id = ?8",
                 {campaign.name, campaign.description, DateValue(campaign.starts_on),
                  DateValue(campaign.ends_on), campaign.unit_id, campaign.unit_path,
                  campaign.phases_json, campaign.id})
          .status());
  return SaveCategories(campaign);
}

}  // namespace duban::sql
