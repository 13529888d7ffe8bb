// The composition root: configuration -> database -> services -> router -> server.
// CLI commands use Services; `shequ serve` and the API tests use WebApp on top of it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <span>
#include <typeinfo>

#include "app/module.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth.hpp"
#include "auth/roles.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "http/router.hpp"
#include "kit/registry.hpp"
#include "org/org_service.hpp"
#include "storage/database.hpp"

namespace shequ::app {

inline constexpr std::string_view kVersion = "0.1.0";
inline constexpr std::string_view kDefaultDatabase = "sqlite:var/shequ.db";
// The reference date of the shipped NBS 2022 division list (统计用区划代码 2022, as of 2022-10-31).
inline constexpr std::string_view kShippedDivisionsDate = "2022-10-31";

// The NBS 2022 Gansu division list compiled into the binary (data/gansu_divisions_nbs2022.csv).
std::string_view shipped_divisions_csv();

// The password every demo account gets from `shequ init --demo`.
inline constexpr std::string_view kDemoPassword = "Shequ@Demo2025!";

// Where the personal-data keys live unless --keys / SHEQU_KEYS says otherwise.
inline constexpr std::string_view kDefaultKeysFile = "var/keys/personal-data.keys";
// Where signed audit checkpoints go unless --audit-checkpoints / SHEQU_AUDIT_CHECKPOINTS says
// otherwise: outside the database, like the keys.
inline constexpr std::string_view kDefaultCheckpointsFile = "var/audit/checkpoints.log";

struct ServiceOptions {
  auth::AuthOptions auth;
  std::string keys_file{kDefaultKeysFile};
  // Create a new key file (`shequ init`): refused when one exists. Otherwise it must exist.
  bool create_keys = false;
  std::string audit_checkpoints{kDefaultCheckpointsFile};
  // The modules' own settings by name ("access.network"); see each module's runtime.
  std::map<std::string, std::string> settings;
};

// The platform's own declaration: the system routes (health, metrics, the API description).
const kit::ModuleDeclaration& system_declaration();

// The platform's and the modules' declarations, checked together (std::logic_error on an
// inconsistent set).
std::unique_ptr<kit::Registry> make_registry(std::span<const ModuleEntry> modules);

// Every service over one open database: the platform's (storage, keys, audit log, org tree,
// accounts) and every module's. Not copyable; owns the database and the modules' runtimes.
class Services {
 public:
  // Gathers the modules' declarations (refusing inconsistent ones, std::logic_error), opens the
  // database and applies their pending migrations, loads the org tree, then creates each
  // module's runtime. Work a module needs before serving (reading a file) is not done here:
  // see prepare_to_serve().
  // Fails when the personal-data key file is missing, unless options.create_keys (shequ init):
  // silently making a new key would leave the data sealed with the old one unreadable. Fails
  // too when the key file may be read by others, or when create_keys finds one already there.
  static Result<std::unique_ptr<Services>> open(const std::string& database_url, const Clock& clock,
                                                ServiceOptions options,
                                                std::span<const ModuleEntry> modules);
  ~Services();

  storage::Database& database() { return *db_; }
  org::OrgService& org() { return *org_; }
  auth::Auth& auth() { return *auth_; }
  const audit::Log& audit() const { return *audit_; }
  const Clock& clock() const { return clock_; }
  const kit::Registry& registry() const { return *registry_; }
  const auth::RoleTable& roles() const { return *roles_; }
  // The personal-data keys, for the modules that seal fields of their own.
  const privacy::Keyring& keyring() const { return keyring_; }

  // A module's service by type (access::CircleService, …). Throws std::logic_error when no
  // module provides one: a programming error.
  template <class T>
  T& service() {
    if (T* found = find_service<T>()) return *found;
    throw std::logic_error(std::string("no module provides ") + typeid(T).name());
  }
  // The same, or null when no module (yet) provides one: for a module that reads another
  // module's service when it is there, looked up at use since modules are made in order.
  template <class T>
  T* find_service() {
    for (const auto& runtime : runtimes_) {
      if (void* found = runtime->service(typeid(T))) return static_cast<T*>(found);
    }
    return nullptr;
  }
  const std::vector<std::unique_ptr<ModuleRuntime>>& runtimes() const { return runtimes_; }
  // The runtime of the module named `module` ("auth"); null for one without a runtime.
  const ModuleRuntime* runtime_of(std::string_view module) const;
  // Every module's work before serving (ModuleRuntime::prepare_to_serve), in order.
  Status prepare_to_serve();
  // Starts every module's background threads (ModuleRuntime::start), once; the destructor
  // stops them before anything is destroyed.
  void start_background();

  // Re-seals every value of every declared sealed field with the keyring's current key (after
  // `shequ keys rotate`), in one transaction; returns how many changed. Audited as the operator.
  Result<int64_t> reseal_personal_data();
  // Audits that the key file's newest certificate key now signs (keys rotate-certificate).
  Status record_certificate_key_rotation();

  // Seals the audit rows written so far and appends a signed checkpoint of the chain's head to
  // the checkpoint file. Every command that wrote something calls it before it ends.
  Result<audit::Checkpoint> checkpoint_audit();
  const std::string& audit_checkpoints() const { return audit_checkpoints_; }

  // The operator at the console (CLI commands): every permission over the whole tree. Its
  // actions are audited as "system".
  Actor operator_actor() const;
  // A demo account (`shequ init --demo`) as the actor it signs in as: `role` at `unit`, with the
  // role's permissions. not_found when no account has that name.
  Result<Actor> demo_actor(const std::string& username, const std::string& role,
                           const std::string& unit);

 private:
  Services(std::unique_ptr<kit::Registry> registry, std::unique_ptr<storage::Database> db,
           const Clock& clock, privacy::Keyring keyring, ServiceOptions options);

  std::unique_ptr<kit::Registry> registry_;
  std::map<std::string, const ModuleRuntime*, std::less<>> runtime_by_module_;
  std::unique_ptr<auth::RoleTable> roles_;
  std::unique_ptr<storage::Database> db_;
  const Clock& clock_;
  privacy::Keyring keyring_;
  std::string audit_checkpoints_;
  std::unique_ptr<audit::Log> audit_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<auth::Auth> auth_;
  std::vector<std::unique_ptr<ModuleRuntime>> runtimes_;  // destroyed first (they use the above)
  bool background_started_ = false;
};

struct InitOptions {
  bool demo = false;
  // With demo: the modules' demonstration data too (a synthetic province of facilities, figures
  // and indicator values), made from `seed`. Off for tests that build their own.
  bool demo_province = false;
  uint64_t seed = 2025;
  std::optional<std::string>
      admin_password;  // default: the demo password with demo, else generated
  std::optional<std::string> divisions_file;  // default: the shipped list
  std::string as_of{kShippedDivisionsDate};
};

struct InitReport {
  bool divisions_loaded = false;  // false: the database already held the hierarchy
  int64_t units = 0;
  int64_t demo_grids_created = 0;
  bool admin_created = false;
  std::string generated_admin_password;  // set when one was generated: shown once, then gone
  std::vector<std::string> demo_accounts_created;
  std::vector<Text> demo_data;  // what each module added
};

// Loads the division list into an empty database and, with demo, adds demonstration data.
// Safe to run again: an initialised database is left as it is.
Result<InitReport> initialise(Services& services, const InitOptions& options);

struct WebOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one
  std::optional<std::string> web_dir;     // built console (web/dist); none: API only
  bool access_log = true;
  bool secure_cookies = false;  // add Secure to cookies (behind a TLS proxy)
  std::size_t io_threads = 0;   // 0: one per core
  // How often the audit chain's head is signed into the checkpoint file when it moved (and
  // always at shutdown); new rows are sealed every few seconds in any case.
  std::chrono::seconds audit_checkpoint_every{60};
  // The map tile server the console's maps draw on (http::parse_map_tiles: a URL template like
  // "https://tiles.example.org/{z}/{x}/{y}.png"); its origin is the only other place pages may
  // load images from. Empty: the maps draw offline boundaries only.
  std::string map_tiles;
  std::string map_tile_attribution;      // shown on the map, as the tile licence asks
  std::string map_tile_datum = "wgs84";  // "wgs84" (天地图, OpenStreetMap) or "gcj02" (高德 …)
  int map_tile_max_zoom = 18;
  // The reverse proxies in front (TrustedProxies::parse: "127.0.0.1,10.0.0.0/8,::1"), whose
  // X-Forwarded-For names the client in the audit log. Empty: the TCP peer is the client.
  std::string trusted_proxies;
  // Check every answer against its route's contract; a mismatch becomes a 500 with the mismatch
  // logged (http::Dispatcher). On in every API test, off in production.
  bool check_replies = false;
  // The most rows one Excel download of a list holds (app/list_export.hpp): a longer list is
  // refused with a request to narrow the filters.
  int64_t max_export_rows = 50'000;
};

// Checks the options a person gives `shequ serve`, naming every bad one at once (field "listen",
// "map-tile-origin" or "trusted-proxies"). WebApp::create checks them too; `serve` calls this first
// so that a typo is reported before the database is opened.
Status check_web_options(const WebOptions& options);

// The HTTP application over Services. Not thread-safe to construct; serving is.
class WebApp {
 public:
  static Result<std::unique_ptr<WebApp>> create(Services& services, const WebOptions& options);
  ~WebApp();

  Status start();
  uint16_t port() const;
  // The route table, for tests that walk every route.
  const http::Router& router() const;
  void stop();
  // Serves until SIGINT/SIGTERM, then finishes requests in progress and returns.
  void run_until_signal();

 private:
  struct Parts;
  explicit WebApp(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

// This build's API description (OpenAPI 3.1, see http/openapi.hpp): the routes of the platform
// and of `modules`. The route table is built the way `shequ serve` builds it (Services, each
// module's runtime, WebApp), but over a throwaway database in a private temporary folder,
// removed afterwards, so that the description needs no installation, no server and no network
// (`shequ openapi`), and cannot differ from what a server of this build serves.
Result<Json> api_description(std::span<const ModuleEntry> modules);

// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080"); field "listen" on error.
Result<std::pair<std::string, uint16_t>> parse_listen_address(std::string_view text);

}  // namespace shequ::app
