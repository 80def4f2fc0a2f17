#include "app/records/audit_snapshot.h"

#include <concepts>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "core/deadline.h"

namespace duban {
namespace {

using nlohmann::json;

// A member kept as JSON text of its own (a campaign's phases, a scheme's definition): `kind`
// is the JSON type it must have; other text encodes as an empty value of that type.
template <typename Text>
struct RawJson {
  Text& text;
  json::value_t kind;
};

template <typename S, typename T>
concept Is = std::same_as<std::remove_const_t<S>, T>;

// The members of each snapshot in version 1, visited alike for encoding and decoding.
// `v(key, member)` writes null for an empty optional; `v.Maybe(key, member)` leaves it out.

template <typename V, Is<UnitSnapshot> S>
void Members(V& v, S& s) {
  v("id", s.id);
  v("parent_id", s.parent_id);
  v("name", s.name);
  v("kind", s.kind);
  v("code", s.code);
  v("disabled", s.disabled);
  v("child_count", s.child_count);
  v("path_names", s.path_names);
}

template <typename V, Is<PersonSnapshot> S>
void Members(V& v, S& s) {
  v("id", s.id);
  v("unit_id", s.unit_id);
  v("unit_name", s.unit_name);
  v("name", s.name);
  v("title", s.title);
  v("phone", s.phone);
}

template <typename V, Is<AccountSnapshot> S>
void Members(V& v, S& s) {
  v("id", s.id);
  v("username", s.username);
  v("person_id", s.person_id);
  v("person_name", s.person_name);
  v("unit_id", s.unit_id);
  v("unit_name", s.unit_name);
  v("roles", s.roles);
  v("disabled", s.disabled);
  v("locked_until", s.locked_until);
  v.Maybe("password_reset", s.password_reset);
}

template <typename V, Is<LockSnapshot> S>
void Members(V& v, S& s) {
  v("failed_logins", s.failed_logins);
  v("locked_until", s.locked_until);
}

template <typename V, Is<ItemSnapshot> S>
void Members(V& v, S& s) {
  v("code", s.code);
  v("status", s.status);
  v("title", s.title);
  v("unit_id", s.unit_id);
  v("responsible_unit_id", s.responsible_unit_id);
  v("responsible_person_id", s.responsible_person_id);
  v("lead_leader_id", s.lead_leader_id);
  v("deadline", s.deadline);
  v("progress", s.progress);
  v("measures", s.measures);
  v("reopen_count", s.reopen_count);
  v("satisfaction", s.satisfaction);
}

template <typename V, Is<CategorySnapshot> S>
void Members(V& v, S& s) {
  v("id", s.id);
  v("name", s.name);
  v("parent_id", s.parent_id);
}

template <typename V, Is<CampaignSnapshot> S>
void Members(V& v, S& s) {
  v("id", s.id);
  v("name", s.name);
  v("description", s.description);
  v("starts_on", s.starts_on);
  v("ends_on", s.ends_on);
  v("unit_id", s.unit_id);
  v("phases", RawJson{s.phases_json, json::value_t::array});
  v.List("categories", s.categories);
}

template <typename V, Is<SignInFailureSnapshot> S>
void Members(V& v, S& s) {
  v("remote_address", s.remote_address);
  v("reason", s.reason);
  v.Maybe("username", s.username);
  v("locked", s.locked);
  v.Maybe("locked_until", s.locked_until);
}

template <typename V, Is<SessionSnapshot> S>
void Members(V& v, S& s) {
  v("remote_address", s.remote_address);
}

template <typename V, Is<PasswordChangeSnapshot> S>
void Members(V& v, S& s) {
  v("changed_by", s.changed_by);
}

template <typename V, Is<CalendarSnapshot> S>
void Members(V& v, S& s) {
  v("days_per_year", s.days_per_year);
}

template <typename V, Is<FileSnapshot> S>
void Members(V& v, S& s) {
  v("file_id", s.file_id);
  v("name", s.name);
  v("sha256", s.sha256);
  v("size", s.size);
}

template <typename V, Is<GrantSnapshot> S>
void Members(V& v, S& s) {
  v("scheme_key", s.scheme_key);
  v("account_id", s.account_id);
  v.Maybe("unit_id", s.unit_id);
}

template <typename V, Is<AssessmentEventSnapshot> S>
void Members(V& v, S& s) {
  v("scheme_key", s.scheme_key);
  v("kind", s.kind);
  v("subject_type", s.subject_type);
  v("subject_id", s.subject_id);
  v("indicator_key", s.indicator_key);
  v("status", s.status);
  v("reason", s.reason);
  v.Maybe("score", s.score);
  v.Maybe("points", s.points);
  v.Maybe("period", s.period);
}

template <typename V, Is<DecisionSnapshot> S>
void Members(V& v, S& s) {
  v("status", s.status);
  v.Maybe("reason", s.reason);
}

template <typename V, Is<ComputationSnapshot> S>
void Members(V& v, S& s) {
  v("version", s.version);
  v("period", s.period);
  v("subjects", s.subjects);
}

template <typename V, Is<SchemeSnapshot> S>
void Members(V& v, S& s) {
  // The definition's members and these two side by side in one object.
  v.Merge(RawJson{s.definition_json, json::value_t::object}, {"version", "subject_type"});
  v("version", s.version);
  v("subject_type", s.subject_type);
}

template <typename V, Is<BulletinIssueSnapshot::Totals> S>
void Members(V& v, S& s) {
  v("unit_id", s.unit_id);
  v("unit_name", s.unit_name);
  v("total", s.total);
  v("new", s.new_in_period);
  v("closed", s.closed);
  v("closed_in_period", s.closed_in_period);
  v("closed_on_time", s.closed_on_time);
  v("overdue", s.overdue);
  v("rated", s.rated);
  v("satisfied", s.satisfied);
  v("closure_rate", s.closure_rate);
  v("on_time_rate", s.on_time_rate);
  v("satisfaction_rate", s.satisfaction_rate);
  std::optional<int64_t> rank;  // the totals are never ranked: always null
  v("rank", rank);
}

template <typename V, Is<BulletinIssueSnapshot> S>
void Members(V& v, S& s) {
  v("id", s.id);
  v.Object("scope", [&](auto& scope) {
    scope("unit_id", s.scope_unit_id);
    scope("unit_name", s.scope_name);
  });
  v("period", s.period);
  v("period_kind", s.period_kind);
  v("kind", s.kind);
  v("scheme_key", s.scheme_key);
  v("number", s.number);
  v("title", s.title);
  v("origin", s.origin);
  v("issued_by", s.issued_by);
  v("issued_at", s.issued_at);
  v.Object("totals", [&](auto& totals) { Members(totals, s.totals); });
}

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsRaw : std::false_type {};
template <typename T>
struct IsRaw<RawJson<T>> : std::true_type {};

json ParseRaw(const std::string& text, json::value_t kind) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.type() == kind) return j;
  return kind == json::value_t::array ? json::array() : json::object();
}

// Builds a snapshot's JSON object from its members.
class Encoder {
 public:
  template <typename T>
  void operator()(const char* key, T&& value) {
    j_[key] = ToJson(value);
  }
  template <typename T>
  void Maybe(const char* key, const std::optional<T>& value) {
    if (value) j_[key] = ToJson(*value);
  }
  template <typename T>
  void List(const char* key, const std::vector<T>& list) {
    json out = json::array();
    for (const T& x : list) {
      Encoder e;
      Members(e, x);
      out.push_back(std::move(e.j_));
    }
    j_[key] = std::move(out);
  }
  template <typename F>
  void Object(const char* key, F&& members) {
    Encoder e;
    members(e);
    j_[key] = std::move(e.j_);
  }
  template <typename Text>
  void Merge(const RawJson<Text>& raw, std::initializer_list<const char*> /*own keys*/) {
    const json members = ParseRaw(raw.text, raw.kind);
    for (const auto& [k, v] : members.items()) j_[k] = v;
  }
  json& object() { return j_; }

 private:
  template <typename T>
  static json ToJson(const T& v) {
    if constexpr (IsOptional<T>::value) {
      return v ? ToJson(*v) : json(nullptr);
    } else if constexpr (IsRaw<T>::value) {
      return ParseRaw(v.text, v.kind);
    } else {
      return json(v);
    }
  }

  json j_ = json::object();
};

// Reads a snapshot's members from its JSON object; the first bad member is its status.
class Decoder {
 public:
  Decoder(const json& j, std::string where) : j_(j), where_(std::move(where)) {}

  template <typename T>
  void operator()(const char* key, T&& value) {
    if (auto it = Find(key); it != j_.end()) Read(*it, value, where_ + key);
  }
  template <typename T>
  void Maybe(const char* key, std::optional<T>& value) {
    if (auto it = Find(key); it != j_.end()) Read(*it, value, where_ + key);
  }
  template <typename T>
  void List(const char* key, std::vector<T>& list) {
    auto it = Find(key);
    if (it == j_.end()) return;
    if (!it->is_array()) return Fail(where_ + key);
    for (size_t n = 0; n < it->size() && status_.ok(); ++n) {
      Decoder d((*it)[n], where_ + key + "[" + std::to_string(n) + "].");
      Members(d, list.emplace_back());
      status_ = d.status_;
    }
  }
  template <typename F>
  void Object(const char* key, F&& members) {
    auto it = Find(key);
    if (it == j_.end()) return;
    if (!it->is_object()) return Fail(where_ + key);
    Decoder d(*it, where_ + key + ".");
    members(d);
    status_ = d.status_;
  }
  // The object's members but `own` (and the record version) make up `raw`.
  void Merge(RawJson<std::string> raw, std::initializer_list<const char*> own) {
    json rest = j_;
    for (const char* key : own) rest.erase(key);
    rest.erase("record_version");
    raw.text = rest.dump();
  }
  const Status& status() const { return status_; }

 private:
  json::const_iterator Find(const char* key) const {
    return status_.ok() ? j_.find(key) : j_.end();
  }
  void Fail(const std::string& path) {
    status_ = InvalidArgument("审计快照的 " + path + " 类型不对", path);
  }
  template <typename T>
  void Read(const json& v, T& out, const std::string& path) {
    if constexpr (IsOptional<T>::value) {
      if (v.is_null()) {
        out.reset();
      } else {
        Read(v, out.emplace(), path);
      }
    } else if constexpr (IsRaw<T>::value) {
      if (v.type() != out.kind) return Fail(path);
      out.text = v.dump();
    } else {
      try {
        out = v.get<T>();
      } catch (const json::exception&) {
        Fail(path);
      }
    }
  }

  const json& j_;
  std::string where_;
  Status status_;
};

constexpr const char* kVersionKey = "record_version";

// Version 1 is the text written before versions were named: no version member.
std::string Finish(Encoder& e, int version) {
  if (version != 1) e.object()[kVersionKey] = version;
  return e.object().dump();
}

Result<json> ParseRecord(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return InvalidArgument("审计快照不是 JSON 对象");
  int64_t version = 1;
  if (auto it = j.find(kVersionKey); it != j.end()) {
    if (!it->is_number_integer()) {
      return InvalidArgument("审计快照的格式版本不是整数", kVersionKey);
    }
    version = it->get<int64_t>();
  }
  if (version < 1 || version > kAuditSnapshotVersion) {
    return InvalidArgument("审计快照的格式版本 " + std::to_string(version) +
                               " 未知（本程序可读版本 1 至 " +
                               std::to_string(kAuditSnapshotVersion) + "）",
                           kVersionKey);
  }
  return j;
}

}  // namespace

UnitSnapshot UnitSnapshot::Of(const Unit& u) {
  return {u.id, u.parent_id, u.name, u.kind, u.code, u.disabled, u.child_count, u.path_names};
}

PersonSnapshot PersonSnapshot::Of(const Person& p) {
  return {p.id, p.unit_id, p.unit_name, p.name, p.title, p.phone};
}

namespace {
std::optional<std::string> OptText(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
std::optional<std::string> OptInstant(const std::optional<Instant>& t) {
  return t ? std::optional<std::string>(FormatRfc3339(*t)) : std::nullopt;
}
std::optional<std::string> OptDate(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(FormatDate(*d)) : std::nullopt;
}
}  // namespace

AccountSnapshot AccountSnapshot::Of(const Account& a) {
  return {a.id,        a.username,      a.person_id, OptText(a.person_name),     a.unit_id,
          a.unit_name, a.roles.Names(), a.disabled,  OptInstant(a.locked_until), std::nullopt};
}

LockSnapshot LockSnapshot::Of(const Account& a) {
  return {a.failed_logins, OptInstant(a.locked_until)};
}

ItemSnapshot ItemSnapshot::Of(const Item& i) {
  ItemSnapshot s;
  s.code = i.code;
  s.status = std::string(ItemStatusName(i.status));
  s.title = i.title;
  s.unit_id = i.unit_id;
  s.responsible_unit_id = i.responsible_unit_id;
  s.responsible_person_id = i.responsible_person_id;
  s.lead_leader_id = i.lead_leader_id;
  s.deadline = OptDate(i.deadline);
  s.progress = i.progress;
  s.measures = i.measures;
  s.reopen_count = i.reopen_count;
  if (i.satisfaction) s.satisfaction = std::string(SatisfactionName(*i.satisfaction));
  return s;
}

CampaignSnapshot CampaignSnapshot::Of(const Campaign& c) {
  CampaignSnapshot s;
  s.id = c.id;
  s.name = c.name;
  s.description = c.description;
  s.starts_on = OptDate(c.starts_on);
  s.ends_on = OptDate(c.ends_on);
  s.unit_id = c.unit_id;
  s.phases_json = c.phases_json;
  for (const Category& cat : c.categories)
    s.categories.push_back({cat.id, cat.name, cat.parent_id});
  return s;
}

std::string EncodeAuditSnapshot(const AuditSnapshot& snapshot) {
  return std::visit(
      [](const auto& s) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(s)>, std::monostate>) {
          return "";
        } else {
          Encoder e;
          Members(e, s);
          return Finish(e, kAuditSnapshotVersion);
        }
      },
      snapshot);
}

template <typename T>
Result<T> DecodeAuditSnapshot(std::string_view text) {
  DUBAN_ASSIGN_OR_RETURN(json j, ParseRecord(text));
  T out;
  Decoder d(j, "");
  Members(d, out);
  DUBAN_RETURN_IF_ERROR(d.status());
  return out;
}

template Result<UnitSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<PersonSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<AccountSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<LockSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<ItemSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<CampaignSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<SignInFailureSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<SessionSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<PasswordChangeSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<CalendarSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<FileSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<GrantSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<AssessmentEventSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<DecisionSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<ComputationSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<SchemeSnapshot> DecodeAuditSnapshot(std::string_view);
template Result<BulletinIssueSnapshot> DecodeAuditSnapshot(std::string_view);

}  // namespace duban
