// Defects found by probing the running server as an attacker (issue 9), each over real sockets
// on both backends: taking over an account that works above the caller, keys outliving their
// issuer, self-grants, roles at the wrong level, guessing passwords through a stolen session,
// floods of logins, and audit rows only the actor's auditors could see.
#include <sodium.h>

#include <atomic>
#include <thread>

#include "api/small_stack.hpp"
#include "auth/password_gate.hpp"

namespace shequ::testing {
namespace {

using namespace std::chrono_literals;
const std::string kPassword(app::kDemoPassword);
const std::string kUsers = "/api/v1/users/";

class SecurityTest : public SmallStackTest {
 protected:
  // An account created by the operator; its id.
  int64_t account(const std::string& username, const std::string& unit,
                  std::vector<auth::RoleGrant> roles, const std::string& phone = "") {
    auth::NewUser user{username, "测试", unit, kPassword, std::move(roles), false, phone};
    auto created = services_->auth().accounts().create_user_as_operator(user);
    EXPECT_TRUE(created) << created.error().message.en;
    return created ? created->id : 0;
  }

  int64_t version_of(int64_t id) {
    return count("SELECT version FROM app_user WHERE id = $1", {id});
  }

  // An API key stored as an older server could have issued it, with any permissions.
  std::string planted_key(int64_t issuer, const std::string& unit, const std::string& permissions) {
    const std::string token = "shq_planted" + std::to_string(issuer) + unit;
    EXPECT_TRUE(services_->database().write([&](storage::Session& s) -> Status {
      unsigned char digest[32];
      crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()),
                         token.size());
      char hex[65];
      sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
      const std::vector<storage::Value> params{std::string(hex), unit, permissions, issuer};
      SHEQU_TRY(
          s.execute("INSERT INTO api_key (name, key_hash, unit_code, permissions, "
                    "created_by, created_at) VALUES ('planted', $1, $2, $3, $4, "
                    "'2026-11-30T00:00:00.000Z')",
                    params));
      return {};
    }));
    return token;
  }

  std::unique_ptr<HttpClient> machine(const std::string& token) {
    auto client = std::make_unique<HttpClient>(web_->port());
    client->set_default_header("authorization", "Bearer " + token);
    return client;
  }
};

// Defect 1: a county administrator reset the password of an account homed in one of its
// communities that held a city-administrator role, and logged in as it.
TEST_P(SecurityTest, AnAccountThatWorksAboveTheCallerCannotBeTakenOver) {
  const int64_t climber =
      account("climber", "620102001001", {{"city_admin", "620100000000"}}, "13912345670");
  const std::string id = std::to_string(climber);
  auto county = as("chengguan");
  // It is in the county's sight: the account's home is a community of the county.
  EXPECT_EQ(county->get(kUsers + id).status, 200);
  struct Attempt {
    std::string method, path, body;
  };
  const Attempt attempts[] = {
      {"POST", kUsers + id + "/password-reset", "{}"},
      {"PATCH", kUsers + id, R"({"version":1,"status":"disabled"})"},
      {"PATCH", kUsers + id, R"({"version":1,"displayName":"冒名"})"},
      {"PUT", kUsers + id + "/roles", R"({"version":1,"roles":[]})"},
      {"POST", kUsers + id + "/unmask", R"({"field":"phone","reason":"核实身份"})"},
  };
  for (const Attempt& a : attempts) {
    const auto r = county->send_json(a.method, a.path, a.body);
    EXPECT_EQ(r.status, 403) << a.method << " " << a.path << ": " << r.body;
    EXPECT_EQ(r.json()["details"][0]["field"], "roles") << r.body;
  }
  // Each attempt is on record for the auditors of the city where the role is held.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE username = 'chengguan' AND result = "
                  "'refused' AND object_unit = '620100000000' AND detail = 'holds city_admin at "
                  "620100000000'"),
            5);
  // Nothing changed: the account still signs in with its own password and holds its role.
  EXPECT_EQ(as("")->login("climber", kPassword).status, 200);
  EXPECT_EQ(version_of(climber), 1);
  // The city administrator, whose subtree holds the role's unit, may manage it.
  auto city = as("lanzhou");
  EXPECT_EQ(city->send_json("POST", kUsers + id + "/password-reset", "{}").status, 200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.password.reset' AND "
                  "username = 'chengguan' AND result = 'success'"),
            0);
}

// The same through an API key scoped to a community: no key may carry account management, and
// one stored with it (an older server) cannot use it.
TEST_P(SecurityTest, NoApiKeyManagesAccounts) {
  const int64_t climber = account("climber", "620102001001", {{"city_admin", "620100000000"}});
  auto county = as("chengguan");
  for (const char* permission : {"auth:user:update", "auth:role:assign", "auth:apikey:manage",
                                 "auth:user:unmask", "auth:user:create"}) {
    const auto refused = county->send_json(
        "POST", "/api/v1/api-keys",
        std::string(R"({"name":"接口","unitCode":"620102001001","permissions":[")") + permission +
            R"("]})");
    EXPECT_EQ(refused.status, 400) << permission;
    EXPECT_EQ(refused.json()["details"][0]["field"], "permissions[0]") << permission;
  }
  const int64_t chengguan = count("SELECT id FROM app_user WHERE username = 'chengguan'");
  auto key = machine(
      planted_key(chengguan, "620102001001", "auth:user:read auth:user:update auth:apikey:manage"));
  EXPECT_EQ(
      key->send_json("POST", kUsers + std::to_string(climber) + "/password-reset", "{}").status,
      403);
  // A key cannot issue keys (this ended in a foreign-key error answered as a conflict).
  EXPECT_EQ(key->send_json(
                   "POST", "/api/v1/api-keys",
                   R"({"name":"子密钥","unitCode":"620102001001","permissions":["org:unit:read"]})")
                .status,
            403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM api_key"), 1);
}

// Defect 2: a key kept working after its issuer lost its roles and was disabled.
TEST_P(SecurityTest, AKeyDoesNoMoreThanItsIssuerMayNowAndEndsWithIt) {
  auto county = as("chengguan");
  const int64_t chengguan = count("SELECT id FROM app_user WHERE username = 'chengguan'");
  const auto issued = county->send_json(
      "POST", "/api/v1/api-keys",
      R"({"name":"巡查终端","unitCode":"620102001001","permissions":["org:unit:read","org:grid:create"]})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto terminal = machine(issued.json()["token"]);
  const std::string units = "/api/v1/org/units/620102001001";
  const auto grid = [&](const std::string& name) {
    return terminal->send_json("POST", units + "/grids", R"({"name":")" + name + R"("})").status;
  };
  EXPECT_EQ(terminal->get(units).status, 200);
  EXPECT_EQ(grid("终端网格一"), 201);

  auto province = as("admin");
  const auto set_roles = [&](const std::string& roles) {
    return province->send_json(
        "PUT", kUsers + std::to_string(chengguan) + "/roles",
        R"({"version":)" + std::to_string(version_of(chengguan)) + R"(,"roles":)" + roles + "}");
  };
  ASSERT_EQ(set_roles("[]").status, 200);
  EXPECT_EQ(terminal->get(units).status, 403);
  EXPECT_EQ(grid("终端网格二"), 403);
  // Given a narrower role again, the key has only what that role holds over its unit.
  ASSERT_EQ(set_roles(R"([{"role":"grid_worker","unitCode":"620102001001001"}])").status, 200);
  EXPECT_EQ(terminal->get(units).status, 403);  // a grid worker holds nothing over the community
  ASSERT_EQ(set_roles(R"([{"role":"county_admin","unitCode":"620102000000"}])").status, 200);
  EXPECT_EQ(grid("终端网格三"), 201);

  // Disabling the issuer ends the key for good: enabling the account again does not revive it.
  const auto disable = [&](const std::string& status) {
    return province->send_json("PATCH", kUsers + std::to_string(chengguan),
                               R"({"version":)" + std::to_string(version_of(chengguan)) +
                                   R"(,"status":")" + status + R"("})");
  };
  ASSERT_EQ(disable("disabled").status, 200);
  EXPECT_EQ(terminal->get(units).status, 401);
  ASSERT_EQ(disable("active").status, 200);
  EXPECT_EQ(terminal->get(units).status, 401);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.apikey.revoke' AND "
                  "detail = 'its issuer was disabled'"),
            1);
}

// Defect 1: the security administrator could add a role to its own account.
TEST_P(SecurityTest, NobodyChangesTheirOwnRoles) {
  for (const char* who : {"security", "chengguan", "admin"}) {
    auto self = as(who);
    const auto me = self->get("/api/v1/auth/me").json()["user"];
    const auto r =
        self->send_json("PUT", kUsers + std::to_string(me["id"].get<int64_t>()) + "/roles",
                        R"({"version":)" + std::to_string(me["version"].get<int64_t>()) +
                            R"(,"roles":[{"role":"resident","unitCode":"620102001001"}]})");
    EXPECT_EQ(r.status, 403) << who << ": " << r.body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM user_role WHERE role = 'resident' AND user_id IN (SELECT "
                  "id FROM app_user WHERE username IN ('security', 'chengguan', 'admin'))"),
            0);
}

// Defect 9: a province administrator could be appointed at a village.
TEST_P(SecurityTest, RolesAreHeldOnlyAtUnitsOfTheirLevel) {
  struct Case {
    std::string role, unit;
    bool accepted;
  };
  const Case cases[] = {
      {"province_admin", "620102001001", false},      {"city_admin", "620102000000", false},
      {"county_admin", "620100000000", false},        {"township_admin", "620102001001", false},
      {"community_worker", "620102001000", false},    {"grid_worker", "620102001001", false},
      {"community_worker", "620102001001001", false}, {"township_admin", "620102001000", true},
      {"community_worker", "620102001002", true},     {"resident", "620102001001001", true},
      {"grid_worker", "620102001001002", true},
  };
  auto province = as("admin");
  // The console offers a role only at the levels the server accepts it at.
  std::map<std::string, Json> levels;
  const Json roles = province->get("/api/v1/auth/roles").json();
  for (const auto& role : roles["items"]) levels[role["role"].get<std::string>()] = role["levels"];
  EXPECT_EQ(levels["county_admin"], Json::array({3}));
  EXPECT_EQ(levels["grid_worker"], Json::array({6}));
  EXPECT_EQ(levels["resident"], Json::array({5, 6}));
  EXPECT_EQ(levels["audit_admin"], Json::array({1, 2, 3}));
  int n = 0;
  for (const Case& c : cases) {
    const auto r = province->send_json(
        "POST", "/api/v1/users",
        R"({"username":"level)" + std::to_string(++n) +
            R"(","displayName":"层级","password":"Level#Shequ2026x","unitCode":")" + c.unit +
            R"(","roles":[{"role":")" + c.role + R"(","unitCode":")" + c.unit + R"("}]})");
    if (c.accepted) {
      EXPECT_EQ(r.status, 201) << c.role << "@" << c.unit << ": " << r.body;
    } else {
      EXPECT_EQ(r.status, 400) << c.role << "@" << c.unit << ": " << r.body;
      EXPECT_EQ(r.json()["details"][0]["field"], "roles[0].unitCode") << r.body;
    }
  }
}

// Defect 1: audit rows named only the actor's unit, so the auditors of the account's unit
// never saw what was done to it from above.
TEST_P(SecurityTest, TheAuditorsOfTheObjectsUnitSeeWhatWasDoneToIt) {
  account("lanzhou_audit", "620100000000", {{"audit_admin", "620100000000"}});
  account("jiayuguan_audit", "620200000000", {{"audit_admin", "620200000000"}});
  const int64_t worker = count("SELECT id FROM app_user WHERE username = 'changjiaxiang'");
  ASSERT_EQ(as("admin")
                ->send_json("POST", kUsers + std::to_string(worker) + "/password-reset", "{}")
                .status,
            200);
  const auto seen_by = [&](const std::string& auditor) {
    return as(auditor)->get("/api/v1/audit?action=auth.password.reset").json();
  };
  // The actor is at the province, the account in Lanzhou.
  const Json lanzhou = seen_by("lanzhou_audit");
  ASSERT_EQ(lanzhou["total"], 1);
  EXPECT_EQ(lanzhou["items"][0]["unitCode"], "620000000000");
  EXPECT_EQ(lanzhou["items"][0]["objectUnit"], "620102001001");
  EXPECT_EQ(seen_by("jiayuguan_audit")["total"], 0);
}

// Defect 6: the current password could be guessed through a stolen session without limit.
TEST_P(SecurityTest, GuessingTheCurrentPasswordLocksTheAccountAndEndsTheSession) {
  auto thief = as("changjiaxiang");
  const std::string body =
      R"({"currentPassword":"Guess#Shequ2026a","newPassword":"New#Shequ2026xy"})";
  for (int i = 0; i < 4; ++i) {
    const auto r = thief->send_json("POST", "/api/v1/auth/password", body);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json()["details"][0]["field"], "currentPassword");
  }
  EXPECT_EQ(thief->send_json("POST", "/api/v1/auth/password", body).status, 401);
  EXPECT_EQ(thief->get("/api/v1/auth/me").status, 401);              // the stolen session is over
  EXPECT_EQ(as("")->login("changjiaxiang", kPassword).status, 401);  // and the account locked
  clock_.advance(31min);
  EXPECT_EQ(as("")->login("changjiaxiang", kPassword).status, 200);
}

// Defect 6 (MLPS): none of the last five passwords may be chosen again.
TEST_P(SecurityTest, TheLastFivePasswordsCannotBeChosenAgain) {
  const std::vector<std::string> passwords{kPassword,          "Second#Shequ2026",
                                           "Third#Shequ2026x", "Fourth#Shequ2026",
                                           "Fifth#Shequ2026x", "Sixth#Shequ2026x"};
  auto change = [&](const std::string& from, const std::string& to) {
    HttpClient client(web_->port());
    EXPECT_EQ(client.login("changjiaxiang", from).status, 200);
    return client.send_json("POST", "/api/v1/auth/password",
                            nlohmann::json{{"currentPassword", from}, {"newPassword", to}}.dump());
  };
  for (std::size_t i = 1; i < 5; ++i) {
    ASSERT_EQ(change(passwords[i - 1], passwords[i]).status, 204) << i;
  }
  // The current one is the fifth; each of the four before it is refused too.
  for (std::size_t i = 0; i < 4; ++i) {
    const auto r = change(passwords[4], passwords[i]);
    EXPECT_EQ(r.status, 400) << i;
    EXPECT_EQ(r.json()["details"][0]["field"], "newPassword") << r.body;
  }
  ASSERT_EQ(change(passwords[4], passwords[5]).status, 204);
  // Now the first has dropped out of the last five.
  EXPECT_EQ(change(passwords[5], passwords[0]).status, 204);
}

// Defect 5: failed sign-ins are limited per account name and per source address, across
// servers (counted in storage), with Retry-After; the audit keeps a summary of the rest.
class LoginThrottleTest : public SmallStackTest {
 public:
  LoginThrottleTest() {
    auth_options_.login_failures_per_name = 10;
    auth_options_.login_failures_per_source = 30;
    auth_options_.login_window = 10min;
  }
};

TEST_P(LoginThrottleTest, RepeatedFailuresAreRefusedUntilTheWindowEnds) {
  HttpClient client(web_->port());
  for (int i = 0; i < 10; ++i) EXPECT_EQ(client.login("nobody", "Wrong#Shequ2026").status, 401);
  const auto refused = client.login("nobody", "Wrong#Shequ2026");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.json()["code"], "rate_limited");
  EXPECT_EQ(refused.header("retry-after"), "600");
  clock_.advance(4min);
  EXPECT_EQ(client.login("nobody", "Wrong#Shequ2026").header("retry-after"), "360");
  // Another name from the same address still gets its tries, up to the address's limit.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(client.login("someone", "Wrong#Shequ2026").status, 401);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(client.login("anyone", "Wrong#Shequ2026").status, 401);
  const auto address = client.login("changjiaxiang", kPassword);
  EXPECT_EQ(address.status, 429);  // 30 failures from this address
  clock_.advance(7min);
  EXPECT_EQ(client.login("nobody", "Wrong#Shequ2026").status, 401);  // a new window
  EXPECT_EQ(client.login("changjiaxiang", kPassword).status, 200);

  // The first five failures of a name were written one by one, and when the window ended the
  // rest (five failures and two refusals) as one summary.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE object_id = 'nobody' AND result = "
                  "'unknown_user'"),
            5 + 1);  // and the first of the new window
  const std::string summaries =
      "SELECT COUNT(*) FROM audit_log WHERE object_id = 'nobody' AND result = 'summary' AND "
      "detail LIKE '7 failed or refused sign-ins%'";
  EXPECT_EQ(count(summaries), 1);
  // A window nobody tries again in is summarised by the server's periodic task, once: here
  // those of "someone" and "anyone" (five unrecorded failures each) and of "idle".
  for (int i = 0; i < 7; ++i) client.login("idle", "Wrong#Shequ2026");
  clock_.advance(11min);
  EXPECT_EQ(services_->auth().sessions().summarise_login_failures().value(), 3);
  EXPECT_EQ(services_->auth().sessions().summarise_login_failures().value(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE object_id = 'idle' AND result = "
                  "'summary' AND detail LIKE '2 failed or refused sign-ins%'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_throttle WHERE subject IN ('nobody', 'idle')"), 0);
}

// Defect 5: 100 logins at once. No more password hashes run at once than the gate allows, and
// the excess is refused at once with Retry-After instead of slowing everyone down.
class LoginFloodTest : public SmallStackTest {
 public:
  LoginFloodTest() {
    auth_options_.hashing_slots = 2;
    auth_options_.hashing_queue = 2;
    auth_options_.login_failures_per_source = 1000;
  }
};

TEST_P(LoginFloodTest, TheExcessOfAFloodIsRefusedWithRetryAfter) {
  auth::PasswordGate& gate = services_->auth().password_gate();
  // The test holds every hashing slot, as two slow hashes would.
  std::vector<auth::PasswordGate::Ticket> held;
  for (int i = 0; i < 2; ++i) {
    auto ticket = gate.admit();
    ASSERT_TRUE(ticket);
    held.push_back(std::move(*ticket));
    held.back().wait_for_slot();
  }
  std::vector<int> statuses(100);
  std::vector<std::string> retry_after(100);
  std::atomic<int> answered{0};
  std::vector<std::thread> flood;
  for (int i = 0; i < 100; ++i) {
    flood.emplace_back([&, i] {
      HttpClient client(web_->port());
      const auto r = client.login("changjiaxiang", kPassword);
      statuses[i] = r.status;
      retry_after[i] = r.header("retry-after");
      ++answered;
    });
  }
  // Two logins wait in the queue; every other one gets its answer while they wait. (The
  // deadline only keeps a broken gate from hanging the run.)
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (answered < 98 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  EXPECT_EQ(answered, 98);
  EXPECT_EQ(gate.stats().waiting, 2u);
  held.clear();
  for (auto& t : flood) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 2);
  for (int i = 0; i < 100; ++i) {
    if (statuses[i] == 429) {
      EXPECT_EQ(retry_after[i], "1") << i;
    }
  }
  EXPECT_LE(gate.stats().peak_running, 2u);
  // Nothing was written for the refused ones: they cost neither storage nor a hash.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login'"), 2);
}

// The same bound under a real flood: every hash costs what it costs in production (64 MiB).
class RealHashFloodTest : public LoginFloodTest {
 public:
  RealHashFloodTest() { cheap_passwords_ = false; }
};

TEST_P(RealHashFloodTest, NeverRunsMoreHashesAtOnceThanTheBound) {
  std::vector<int> statuses(100);
  std::vector<std::thread> flood;
  for (int i = 0; i < 100; ++i) {
    flood.emplace_back([&, i] {
      HttpClient client(web_->port());
      statuses[i] = client.login("changjiaxiang", i % 2 ? kPassword : "Wrong#Shequ2026").status;
    });
  }
  for (auto& t : flood) t.join();
  for (int status : statuses)
    EXPECT_TRUE(status == 200 || status == 401 || status == 429) << status;
  EXPECT_LE(services_->auth().password_gate().stats().peak_running, 2u);
  EXPECT_GE(services_->auth().password_gate().stats().peak_running, 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, LoginThrottleTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, LoginFloodTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, RealHashFloodTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::testing
