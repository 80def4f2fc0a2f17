// The in-process API the fuzz targets drive: Api::Handle over an in-memory SQLite store with
// the demo county, the shipped calendar, a fake clock, cheap password hashing, and a few loop
// items, signed in as the county's admin. Every call is checked against the API's promises
// (SPEC §9, §10): no 5xx, no exception, an error body that names the problem, and a refused
// request changes nothing (the audit chain does not move). A broken promise aborts, which
// libFuzzer reports as a crash with the input that caused it.
// One per process (Get()); not thread-safe, as libFuzzer calls targets from one thread.
#pragma once

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "app/services.h"
#include "app/setup.h"
#include "http/api.h"
#include "storage/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/temp_dir.h"
#include "testing/test_codec.h"

namespace duban::fuzz {

inline constexpr char kPassword[] = "Fuzz-pass-1";

class ApiHarness {
 public:
  static ApiHarness& Get() {
    static ApiHarness* harness = new ApiHarness();  // never destroyed: no exit-time races
    return *harness;
  }

  // Fixtures in the demo county, for routes that take an id.
  struct Ids {
    int64_t unit = 0, person = 0, account = 0, draft_item = 0, assigned_item = 0, notice = 0,
            campaign = 0, file = 0, event = 0;
  };
  const Ids& ids() const { return ids_; }

  // Runs one request as the admin (or anonymously) with the CSRF token, checks the promises,
  // and returns the response. `target` is path and query as sent.
  http::Response Call(const std::string& method, std::string_view target, std::string body,
                      std::string_view content_type = "application/json", bool signed_in = true) {
    http::Request r;
    r.method = method;
    r.target = std::string(target);
    r.remote_address = "127.0.0.1";
    if (!http::ParseTarget(r.target, r.path, r.query)) {
      // The server answers 400 before the API sees it (server.cc).
      return http::ErrorResponse(400, "bad_request", "bad target");
    }
    r.body = std::move(body);
    if (!content_type.empty()) r.headers["Content-Type"] = std::string(content_type);
    if (signed_in) {
      r.headers["Cookie"] = "duban_session=" + session_token_;
      r.headers["X-CSRF-Token"] = csrf_;
    }
    int64_t audit_before = AuditSeq();
    http::Response out;
    try {
      out = api_->Handle(r);
    } catch (const std::exception& e) {
      Fail(r, "the API threw: " + std::string(e.what()));
    }
    Check(r, out, audit_before);
    RestoreSession();
    return out;
  }

 private:
  ApiHarness()
      : store_(std::move(sqlite::OpenSqliteStore({":memory:", true, 0})).value()),
        hasher_(1, 8192),
        codec_(testing::TestCodec(/*print_pdf=*/false)) {
    ServicesOptions options;
    options.files_dir = dir_.path() / "files";
    auto services = Services::Build(*store_, clock_, hasher_, options);
    Require(services.status(), "services");
    services_ = std::move(services).value();
    spdlog::set_level(spdlog::level::off);
    // The web root is read once when the Api is made: write it first.
    std::filesystem::create_directories(dir_.path() / "web" / "assets");
    WriteFile(dir_.path() / "web" / "index.html", "<html>app</html>");
    WriteFile(dir_.path() / "web" / "assets" / "app.js", "console.log(1)");
    api_.emplace(*services_, codec_, http::ApiOptions{dir_.path() / "web", false, "fuzz"});
    Require(InitializeDatabase(*store_, services_->org, kPassword, /*demo=*/true).status(), "init");
    auto shipped = ShippedCalendar();
    Require(shipped.status(), "calendar");
    Require(services_->calendar.ReplaceYears(Caller::Operator(), *shipped, "calendar.import"),
            "calendar");
    SignInAdmin();
    MakeFixtures();
  }

  static void WriteFile(const std::filesystem::path& p, const std::string& text) {
    FILE* f = std::fopen(p.c_str(), "wb");
    if (!f) std::abort();
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }

  static void Require(const Status& s, const char* what) {
    if (s.ok()) return;
    std::fprintf(stderr, "fuzz harness setup failed (%s): %s\n", what, s.ToString().c_str());
    std::abort();
  }

  [[noreturn]] static void Fail(const http::Request& r, const std::string& why) {
    std::fprintf(stderr, "API promise broken: %s\n  request: %s %s\n  body (%zu bytes)\n",
                 why.c_str(), r.method.c_str(), r.target.c_str(), r.body.size());
    std::abort();
  }

  void Check(const http::Request& r, const http::Response& out, int64_t audit_before) {
    if (out.status >= 500 || out.status < 200) {
      Fail(r, "status " + std::to_string(out.status) + ": " + out.body.substr(0, 500));
    }
    bool api = r.path.starts_with("/api/");
    if (api && out.status >= 400) {
      auto body = nlohmann::json::parse(out.body, nullptr, /*allow_exceptions=*/false);
      if (!body.is_object() || !body.contains("error") || !body["error"].is_object() ||
          !body["error"]["message"].is_string() ||
          body["error"]["message"].get<std::string>().empty()) {
        Fail(r, "error without the standard body: " + out.body.substr(0, 500));
      }
    }
    // A failed sign-in (session.failed) and a wrong old password (account.password_failed)
    // are audited by design (review L2, L4); every other refusal changes nothing.
    bool sign_in = (r.path == "/api/v1/session" && r.method == "POST") ||
                   (r.path == "/api/v1/me/password" && r.method == "PUT");
    if (out.status >= 400 && !sign_in && AuditSeq() != audit_before) {
      Fail(r, "refused with " + std::to_string(out.status) +
                  " but the audit chain moved: " + out.body.substr(0, 500));
    }
  }

  int64_t AuditSeq() {
    int64_t n = 0;
    (void)store_->Read([&](Tx& tx) -> Status {
      auto last = tx.audit().Last();
      n = last.ok() && *last ? (*last)->seq : 0;
      return Status::Ok();
    });
    return n;
  }

  void SignInAdmin() {
    // An earlier input may have locked the account or spent the address's attempts.
    clock_.Advance(std::chrono::minutes(16));
    auto s = services_->auth.SignIn("admin", kPassword, "10.0.0.1");
    Require(s.status(), "sign-in");
    session_token_ = s->token;
    csrf_ = s->csrf_token;
  }

  // An input may end the admin's session (sign-out, a password reset, moving the account);
  // put the account back and sign in again so the next input is not wasted on 401s.
  void RestoreSession() {
    if (services_->auth.Authenticate(session_token_).ok()) return;
    AccountPatch reset;
    reset.password = kPassword;
    reset.unit_id = root_unit_id_;
    reset.roles = std::vector<std::string>{"admin"};
    reset.disabled = false;
    Require(services_->org.UpdateAccount(Caller::Operator(), admin_id_, reset).status(), "reset");
    SignInAdmin();
  }

  nlohmann::json Expect(const std::string& method, const std::string& target,
                        const nlohmann::json& body, int status) {
    http::Response r = Call(method, target, body.is_null() ? "" : body.dump());
    if (r.status != status) {
      std::fprintf(stderr, "fuzz fixture %s %s: %d %s\n", method.c_str(), target.c_str(), r.status,
                   r.body.c_str());
      std::abort();
    }
    return r.body.empty() ? nlohmann::json() : nlohmann::json::parse(r.body);
  }

  void MakeFixtures() {
    using nlohmann::json;
    nlohmann::json me = Expect("GET", "/api/v1/me", nullptr, 200)["account"];
    admin_id_ = me["id"];
    root_unit_id_ = me["unit_id"];
    json units = Expect("GET", "/api/v1/units?page_size=200", nullptr, 200);
    ids_.unit = units["items"][1]["id"];
    ids_.person = Expect("GET", "/api/v1/people", nullptr, 200)["items"][0]["id"];
    nlohmann::json accounts = Expect("GET", "/api/v1/accounts?page_size=200", nullptr, 200);
    for (const auto& a : accounts["items"]) {
      if (a["username"] == "viewer") ids_.account = a["id"];
    }
    ids_.campaign = Expect("POST", "/api/v1/campaigns",
                           {{"name", "专项"}, {"categories", {"庸", "懒"}}}, 201)["id"];
    ids_.draft_item =
        Expect("POST", "/api/v1/items",
               {{"title", "草稿事项"}, {"unit_id", ids_.unit}, {"source", "自查"}}, 201)["id"];
    ids_.assigned_item = Expect("POST", "/api/v1/items",
                                {{"title", "已交办事项"}, {"unit_id", ids_.unit}}, 201)["id"];
    std::string item = "/api/v1/items/" + std::to_string(ids_.assigned_item);
    Expect("POST", item + "/assign",
           {{"responsible_unit_id", ids_.unit}, {"deadline_working_days", 10}}, 200);
    ids_.notice = Expect(
        "POST", "/api/v1/notices",
        {{"item_id", ids_.assigned_item}, {"level", "reminder"}, {"reason", "催办"}}, 201)["id"];
    http::Response file = Call("POST", item + "/files?name=note.txt", "现场核查记录", "");
    if (file.status != 201) std::abort();
    ids_.file = nlohmann::json::parse(file.body)["id"];
    // A point event under a one-indicator scheme: the target of event evidence uploads.
    Expect("PUT", "/api/v1/assessment/schemes/fz",
           {{"name", "考核"},
            {"indicators",
             {{{"key", "bonus"},
               {"name", "加减分"},
               {"formula", "event_sum"},
               {"max_points", 0},
               {"cap", 5}}}}},
           200);
    ids_.event = NewEvent();
  }

 public:
  // A fresh point event for ids().unit (an event takes ten evidence files at most).
  int64_t NewEvent() {
    return Expect("POST", "/api/v1/assessment/events",
                  {{"scheme", "fz"},
                   {"kind", "points"},
                   {"subject_id", ids_.unit},
                   {"indicator", "bonus"},
                   {"points", -0.5},
                   {"reason", "迟报"}},
                  201)["id"];
  }

 private:
  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<Store> store_;
  Argon2idHasher hasher_;
  std::unique_ptr<Services> services_;
  TableCodec codec_;
  std::optional<http::Api> api_;
  std::string session_token_, csrf_;
  int64_t admin_id_ = 0, root_unit_id_ = 0;
  Ids ids_;
};

}  // namespace duban::fuzz
