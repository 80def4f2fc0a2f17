// The person repository in SQL.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/sql_helpers.h"
#include "storage/sql/sql_repositories.h"

namespace duban::sql {
namespace {

constexpr const char* kPersonColumns =
    "SELECT p.id, p.unit_id, p.name, p.title, p.phone, u.name FROM people p "
    "JOIN units u ON u.id = p.unit_id";

Person ReadPerson(const Row& r) {
  Person p;
  Columns(r).Into(p.id, p.unit_id, p.name, p.title, p.phone, p.unit_name);
  return p;
}

}  // namespace

Result<Person> SqlPeople::Get(const Scope& scope, PersonId id) {
  return GetInScope<Person>(c_, kPersonColumns, "p.id", "u.path", id, scope, "人员", ReadPerson);
}

Result<Page<Person>> SqlPeople::List(const Scope& scope, const Query& query) {
  std::string lower = scope.lower(), upper = scope.upper();
  if (query.unit_id) {
    DUBAN_ASSIGN_OR_RETURN(Unit unit, units_.Get(scope, *query.unit_id));
    if (query.subtree) {
      Scope sub = Scope::Subtree(unit.path);
      lower = sub.lower();
      upper = sub.upper();
    }
  }
  std::string where = " WHERE u.path >= ?1 AND u.path < ?2";
  Params params = {lower, upper};
  if (query.unit_id && !query.subtree) {
    params.emplace_back(*query.unit_id);
    where += " AND p.unit_id = ?" + std::to_string(params.size());
  }
  if (!query.q.empty()) {
    params.emplace_back(LikeContains(query.q));
    where += " AND p.name LIKE ?" + std::to_string(params.size()) + " ESCAPE '\\'";
  }
  return QueryPage<Person>(
      c_, "SELECT count(*) FROM people p JOIN units u ON u.id = p.unit_id" + where,
      std::string(kPersonColumns) + where + " ORDER BY p.id", params, query.page, ReadPerson);
}

Result<std::vector<std::pair<Person, std::string>>> SqlPeople::FindByNames(
    const Scope& scope, const std::vector<std::string>& names) {
  std::vector<std::pair<Person, std::string>> out;
  std::set<PersonId> seen;
  for (const auto& batch : NameBatches(names)) {
    Params params = {scope.lower(), scope.upper()};
    for (const auto& n : batch) params.emplace_back(n);
    DUBAN_ASSIGN_OR_RETURN(
        Rows rows, c_.Query("SELECT p.id, p.unit_id, p.name, p.title, p.phone, u.name, u.path FROM "
                            "people p JOIN units u ON u.id = p.unit_id WHERE u.path >= ?1 AND "
                            "u.path < ?2 AND p.name IN (" +
                                Placeholders(3) + ") ORDER BY p.id",
                            params));
    for (size_t r = 0; r < rows.size(); ++r) {
      Person p = ReadPerson(rows[r]);
      if (seen.insert(p.id).second) out.emplace_back(std::move(p), rows[r].Text(6));
    }
  }
  return out;
}

Status SqlPeople::Insert(const Scope& scope, Person& person) {
  auto unit = units_.Get(scope, person.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所在单位");
  DUBAN_ASSIGN_OR_RETURN(Rows rows,
                         c_.Query("INSERT INTO people(id, unit_id, name, title, phone) VALUES "
                                  "((SELECT coalesce(max(id), 0) + 1 FROM people), ?1, ?2, ?3, ?4) "
                                  "RETURNING id",
                                  {person.unit_id, person.name, person.title, person.phone}));
  person.id = CountOf(rows);
  person.unit_name = unit->name;
  return Status::Ok();
}

Status SqlPeople::Update(const Scope& scope, const Person& person) {
  DUBAN_ASSIGN_OR_RETURN(Person before, Get(scope, person.id));
  auto unit = units_.Get(scope, person.unit_id);
  if (!unit.ok()) return unit.status().WithContext("所在单位");
  DUBAN_RETURN_IF_ERROR(
      c_.Execute("UPDATE people SET unit_id = ?1, name = ?2, title = ?3, phone = ?4 WHERE id = ?5",
                 {person.unit_id, person.name, person.title, person.phone, person.id})
          .status());
  if (before.unit_id == person.unit_id) return Status::Ok();
  // A person's assessment records carry the path of the person's unit: they go with the person
  // (docs/decisions/0003).
  for (const char* table : {"assessment_events", "assessment_results"}) {
    DUBAN_RETURN_IF_ERROR(c_.Execute("UPDATE " + std::string(table) +
                                         " SET subject_path = ?1 WHERE subject_type = 'person' "
                                         "AND subject_id = ?2",
                                     {unit->path, person.id})
                              .status());
  }
  return Status::Ok();
}

}  // namespace duban::sql
