#include "app/app.hpp"

#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/list_export.hpp"
#include "app/maintenance.hpp"
#include "app/map_settings.hpp"
#include "app/workbench.hpp"
#include "auth/auth_repository.hpp"
#include "common/geo.hpp"
#include "common/strings.hpp"
#include "http/browser_policy.hpp"
#include "http/client_address.hpp"
#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "http/system_routes.hpp"
#include "org/org_repository.hpp"
#include "privacy/sealed_store.hpp"
#include "storage/migrations.hpp"

namespace shequ::app {

namespace {

// Demonstration grids: a city community in Lanzhou and a village on its outskirts.
// The community's grids have boundaries drawn (west, south, east, north), so that a request made
// on the map reaches the grid's worker; the village's are left for a newcomer to draw.
struct DemoGrid {
  std::string_view village;
  std::string_view name;
  std::string_view description;
  std::array<double, 4> box{};
};
constexpr DemoGrid kDemoGrids[] = {
    {"620102001001", "第一网格", "畅家巷 1-20 号楼", {103.8330, 36.0605, 103.8350, 36.0620}},
    {"620102001001", "第二网格", "畅家巷 21-40 号楼", {103.8350, 36.0605, 103.8370, 36.0620}},
    {"620102001001", "第三网格", "沿街商铺及周边平房", {103.8330, 36.0595, 103.8370, 36.0605}},
    {"620102010201", "红沟村一组", "村委会以东农户"},
    {"620102010201", "红沟村二组", "村委会以西农户"},
};

// Demonstration accounts, one per kind of user, all with kDemoPassword.
struct DemoAccount {
  std::string_view username;
  std::string_view display_name;
  std::string_view unit;
  std::string_view role;
  // The account's own phone: the resident's is the one the demo register holds for 刘芳, so
  // that what reaches her (a warning) reaches her account.
  std::string_view phone = "";
};
constexpr DemoAccount kDemoAccounts[] = {
    {"lanzhou", "兰州市民政局 李敏", "620100000000", "city_admin"},
    {"chengguan", "城关区民政局 王强", "620102000000", "county_admin"},
    {"jiuquanlu", "酒泉路街道办事处 刘洋", "620102001000", "township_admin"},
    {"changjiaxiang", "畅家巷社区 张丽", "620102001001", "community_worker"},
    {"wangge1", "第一网格网格员 赵军", "620102001001001", "grid_worker"},
    {"jumin1", "居民 刘芳", "620102001001001", "resident", "13993100104"},
    {"security", "安全管理员 周平", "620000000000", "security_admin"},
    {"audit", "审计管理员 陈静", "620000000000", "audit_admin"},
};

// The demo community's office and who serves its first grid, as the resident pages show them.
constexpr std::string_view kDemoCommunity = "620102001001";
constexpr std::string_view kDemoGrid = "620102001001001";
constexpr std::string_view kDemoGridWorker = "wangge1";
const org::Office kDemoOffice{"城关区酒泉路街道畅家巷 12 号", "0931-8451234",
                              "周一至周五 8:30-12:00 14:30-18:00", ""};
constexpr std::string_view kDemoWorkPhone = "0931-8451235";

Status create_accounts(Services& services, const InitOptions& options, InitReport& report);
Status fill_demo_community(Services& services);

}  // namespace

const kit::ModuleDeclaration& system_declaration() {
  static const kit::ModuleDeclaration module{
      .name = "system",
      .label = {"系统", "System"},
      .permissions = {{"system:metrics:read", {"查看运行指标", "Read server metrics"}}},
      .grants = {{"system_admin", {"system:metrics:read"}}},
      .audit_actions = {{"pii.rekey", {"个人信息重新加密", "Re-seal personal data"}},
                        {"certificate_key.rotate",
                         {"更换证明签名密钥", "Rotate the certificate key"}}},
  };
  return module;
}

Services::Services(std::unique_ptr<kit::Registry> registry, std::unique_ptr<storage::Database> db,
                   const Clock& clock, privacy::Keyring keyring, ServiceOptions options)
    : registry_(std::move(registry)),
      roles_(std::make_unique<auth::RoleTable>(*registry_)),
      db_(std::move(db)),
      clock_(clock),
      keyring_(std::move(keyring)),
      audit_checkpoints_(std::move(options.audit_checkpoints)),
      audit_(std::make_unique<audit::Log>(
          clock_, audit::ChainKeys{keyring_.audit_chain_key(), keyring_.audit_signing_seed()},
          *registry_)),
      org_(std::make_unique<org::OrgService>(*db_, clock_, *audit_)),
      auth_(std::make_unique<auth::Auth>(*db_, *org_, clock_, keyring_, *audit_, *roles_,
                                         std::move(options.auth))) {}

Services::~Services() {
  for (auto it = runtimes_.rbegin(); it != runtimes_.rend(); ++it) (*it)->stop();
}

std::unique_ptr<kit::Registry> make_registry(std::span<const ModuleEntry> modules) {
  std::vector<const kit::ModuleDeclaration*> declarations{&system_declaration()};
  for (const ModuleEntry& module : modules) declarations.push_back(&module.declaration());
  return std::make_unique<kit::Registry>(std::move(declarations));
}

Result<std::unique_ptr<Services>> Services::open(const std::string& database_url,
                                                 const Clock& clock, ServiceOptions options,
                                                 std::span<const ModuleEntry> modules) {
  auto registry = make_registry(modules);
  SHEQU_ASSIGN_OR_RETURN(privacy::Keyring keyring,
                         options.create_keys
                             ? privacy::Keyring::create(options.keys_file, clock.now())
                             : privacy::Keyring::load(options.keys_file));
  SHEQU_ASSIGN_OR_RETURN(auto db, storage::open_database(database_url));
  SHEQU_TRY(storage::migrate(*db, registry->migrations()));
  const auto settings = options.settings;
  std::unique_ptr<Services> services(new Services(std::move(registry), std::move(db), clock,
                                                  std::move(keyring), std::move(options)));
  SHEQU_TRY(services->org().load());
  for (const ModuleEntry& module : modules) {
    if (!module.create) continue;
    services->runtimes_.push_back(module.create(*services, settings));
    services->runtime_by_module_.emplace(module.declaration().name,
                                         services->runtimes_.back().get());
  }
  return services;
}

const ModuleRuntime* Services::runtime_of(std::string_view module) const {
  const auto it = runtime_by_module_.find(module);
  return it != runtime_by_module_.end() ? it->second : nullptr;
}

Result<int64_t> ModuleRuntime::count_todo(std::string_view code, const Actor&) const {
  return Error::internal(fmt::format("the module declares the to-do {} and counts none", code));
}

Result<std::vector<kit::UnitCounts>> ModuleRuntime::count_indicator(std::string_view indicator,
                                                                    const std::string&,
                                                                    const std::string&) const {
  return Error::internal(
      fmt::format("the module declares the indicator {} and counts nothing", indicator));
}

Result<Text> ModuleRuntime::add_demo_data(uint64_t) {
  return Text{};
}

Result<int64_t> Services::reseal_personal_data() {
  return db_->write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    int64_t changed = 0;
    for (const kit::SealedField* field : registry_->sealed_fields()) {
      SHEQU_ASSIGN_OR_RETURN(auto values, privacy::sealed_values(s, *field));
      for (const privacy::StoredValue& value : values) {
        if (privacy::Keyring::key_of(value.sealed) == keyring_.current_key()) continue;
        SHEQU_ASSIGN_OR_RETURN(std::string clear, keyring_.open(value.sealed, field->context));
        SHEQU_TRY(privacy::replace_sealed_value(s, *field, value.key,
                                                keyring_.seal(clear, field->context)));
        ++changed;
      }
    }
    SHEQU_TRY(audit_->append(s, audit::operator_who(),
                             {"pii.rekey", "keyring", std::to_string(keyring_.current_key()),
                              "success", fmt::format("{} values re-sealed", changed)}));
    return changed;
  });
}

Status Services::record_certificate_key_rotation() {
  const auto& keys = keyring_.certificate_keys();
  if (keys.empty()) return Error::internal("no certificate key to record");
  return db_->write([&](storage::Session& s) -> Status {
    return audit_->append(s, audit::operator_who(),
                          {"certificate_key.rotate", "keyring", std::to_string(keys.back().id),
                           "success", fmt::format("in use from {}", keys.back().since)});
  });
}

void Services::start_background() {
  if (background_started_) return;
  background_started_ = true;
  for (const auto& runtime : runtimes_) runtime->start();
}

Status Services::prepare_to_serve() {
  for (const auto& runtime : runtimes_) SHEQU_TRY(runtime->prepare_to_serve());
  return {};
}

Result<audit::Checkpoint> Services::checkpoint_audit() {
  return audit_->checkpoint(*db_, audit_checkpoints_);
}

Actor Services::operator_actor() const {
  Actor actor;
  actor.username = "system";
  for (const org::UnitView& root : org_->tree().roots()) {
    actor.grants.push_back(Grant{"operator", root.unit.code, roles_->all_permissions()});
  }
  return actor;
}

Result<Actor> Services::demo_actor(const std::string& username, const std::string& role,
                                   const std::string& unit) {
  SHEQU_ASSIGN_OR_RETURN(auto user,
                         database().read_value<std::optional<auth::User>>([&](storage::Session& s) {
                           return auth::AuthRepository::find_user_by_name(s, username);
                         }));
  if (!user) return Error::not_found({username, username});
  Actor actor;
  actor.user_id = user->id;
  actor.username = username;
  actor.unit_code = unit;
  actor.grants.push_back(Grant{role, unit, roles().permissions(role)});
  return actor;
}

Result<InitReport> initialise(Services& services, const InitOptions& options) {
  InitReport report;
  SHEQU_ASSIGN_OR_RETURN(int64_t existing,
                         services.database().read_value<int64_t>([](storage::Session& s) {
                           return org::OrgRepository::count_current(s);
                         }));
  if (existing == 0) {
    std::unique_ptr<std::istream> in;
    if (options.divisions_file) {
      auto file = std::make_unique<std::ifstream>(*options.divisions_file, std::ios::binary);
      if (!*file) {
        return Error::invalid("divisions",
                              {fmt::format("无法打开文件 {}", *options.divisions_file),
                               fmt::format("cannot open {}", *options.divisions_file)});
      }
      in = std::move(file);
    } else {
      in = std::make_unique<std::istringstream>(std::string(shipped_divisions_csv()));
    }
    SHEQU_TRY(services.org().import_divisions(*in, options.as_of, audit::operator_who()));
    report.divisions_loaded = true;
  }
  report.units = static_cast<int64_t>(services.org().tree().size());
  if (options.demo) {
    for (const DemoGrid& demo : kDemoGrids) {
      if (!services.org().tree().find(demo.village)) continue;  // a custom list without it
      SHEQU_ASSIGN_OR_RETURN(auto grids,
                             services.org().grids(services.operator_actor(), demo.village));
      const bool present = std::any_of(
          grids.begin(), grids.end(), [&](const org::Grid& g) { return g.unit.name == demo.name; });
      if (present) continue;
      org::GridChange grid{std::string(demo.name), std::string(demo.description)};
      if (demo.box[0] != 0) {
        const auto [west, south, east, north] = demo.box;
        grid.boundary = geo::Polygon{
            {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}};
      }
      SHEQU_TRY(services.org().create_grid(services.operator_actor(), demo.village, grid));
      ++report.demo_grids_created;
    }
  }
  SHEQU_TRY(create_accounts(services, options, report));
  if (options.demo) SHEQU_TRY(fill_demo_community(services));
  if (options.demo && options.demo_province) {
    for (const auto& runtime : services.runtimes()) {
      SHEQU_ASSIGN_OR_RETURN(Text added, runtime->add_demo_data(options.seed));
      if (!added.zh.empty()) report.demo_data.push_back(std::move(added));
    }
  }
  return report;
}

namespace {

Status create_accounts(Services& services, const InitOptions& options, InitReport& report) {
  SHEQU_ASSIGN_OR_RETURN(int64_t users, services.auth().accounts().count_users());
  const auto roots = services.org().tree().roots();
  if (users == 0 && !roots.empty()) {
    const std::string root = roots.front().unit.code;
    auth::NewUser admin{
        "admin", "系统管理员", root, "", {{"province_admin", root}, {"system_admin", root}}, false};
    if (options.admin_password) {
      admin.password = *options.admin_password;
    } else if (options.demo) {
      admin.password = std::string(kDemoPassword);
    } else {
      // Shown once; the administrator must replace it at first login.
      admin.password = report.generated_admin_password = auth::generate_password();
      admin.must_change_password = true;
    }
    SHEQU_TRY(services.auth().accounts().create_user_as_operator(admin));
    report.admin_created = true;
  }
  if (!options.demo) return {};
  for (const DemoAccount& demo : kDemoAccounts) {
    if (!services.org().tree().find(demo.unit)) continue;  // a custom division list without it
    auth::NewUser user{std::string(demo.username),
                       std::string(demo.display_name),
                       std::string(demo.unit),
                       std::string(kDemoPassword),
                       {{std::string(demo.role), std::string(demo.unit)}},
                       false,
                       std::string(demo.phone)};
    auto created = services.auth().accounts().create_user_as_operator(user);
    if (!created && created.error().code == ErrorCode::conflict) continue;  // already there
    if (!created) return std::move(created).error();
    report.demo_accounts_created.push_back(user.username);
  }
  return {};
}

Status fill_demo_community(Services& services) {
  const Actor& operator_actor = services.operator_actor();
  if (!services.org().tree().find(kDemoGrid)) return {};  // a custom division list without it
  SHEQU_ASSIGN_OR_RETURN(auto office, services.org().office(kDemoCommunity));
  if (!office) SHEQU_TRY(services.org().set_office(operator_actor, kDemoCommunity, kDemoOffice));
  auth::GridWorkers& workers = services.auth().grid_workers();
  SHEQU_ASSIGN_OR_RETURN(auto assigned, workers.of_village(operator_actor, kDemoCommunity));
  if (!assigned.empty()) return {};
  SHEQU_ASSIGN_OR_RETURN(auto candidates, workers.candidates(operator_actor, kDemoGrid));
  for (const auth::User& candidate : candidates) {
    if (candidate.username != kDemoGridWorker) continue;
    SHEQU_TRY(workers.assign(operator_actor, kDemoGrid, candidate.id, std::string(kDemoWorkPhone)));
  }
  return {};
}

}  // namespace

Result<std::pair<std::string, uint16_t>> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  const Error error =
      Error::invalid("listen", {"监听地址格式为 主机:端口，例如 127.0.0.1:8080",
                                "the listen address is HOST:PORT, e.g. 127.0.0.1:8080"});
  if (colon == std::string_view::npos || colon == 0) return error;
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const auto port = parse_decimal(text.substr(colon + 1));
  if (host.empty() || !port || *port > 65535) return error;
  return std::pair{std::string(host), static_cast<uint16_t>(*port)};
}

namespace {

// Sealing every few seconds keeps the window in which a row is chained to nothing short; the
// checkpoint is signed only when the head moved.
std::vector<Maintenance::Task> maintenance_tasks(Services& services, const WebOptions& options) {
  auto last_signed = std::make_shared<std::optional<audit::Head>>();
  return {
      {"audit seal", std::chrono::seconds(2),
       [&services]() -> Status {
         SHEQU_TRY(services.audit().seal(services.database()));
         return {};
       }},
      {"audit checkpoint", options.audit_checkpoint_every,
       [&services, last_signed]() -> Status {
         SHEQU_TRY(services.audit().seal(services.database()));
         SHEQU_ASSIGN_OR_RETURN(audit::Head head, services.audit().head(services.database()));
         if (*last_signed == head) return {};
         SHEQU_ASSIGN_OR_RETURN(audit::Checkpoint checkpoint, services.checkpoint_audit());
         *last_signed = checkpoint.head;
         return {};
       }},
      {"login failure summaries", std::chrono::seconds(60),
       [&services]() -> Status {
         SHEQU_TRY(services.auth().sessions().summarise_login_failures());
         return {};
       }},
  };
}

}  // namespace

Status check_web_options(const WebOptions& options) {
  std::vector<FieldError> problems;
  if (auto listen = parse_listen_address(options.listen); !listen) {
    problems.insert(problems.end(), listen.error().details.begin(), listen.error().details.end());
  }
  if (!options.map_tiles.empty()) {
    if (auto origin = http::parse_map_tiles(options.map_tiles); !origin) {
      problems.insert(problems.end(), origin.error().details.begin(), origin.error().details.end());
    }
  }
  if (options.map_tile_datum != "wgs84" && options.map_tile_datum != "gcj02") {
    problems.push_back(
        {"map-tile-datum",
         {fmt::format("“{}” 不是坐标系（wgs84 或 gcj02）", options.map_tile_datum),
          fmt::format("\"{}\" is not a datum (wgs84 or gcj02)", options.map_tile_datum)}});
  }
  if (options.map_tile_attribution.find_first_of("<>") != std::string::npos) {
    problems.push_back({"map-tile-attribution",
                        {"地图瓦片版权说明是纯文本，不能含 < 或 >",
                         "the map tile attribution is plain text, without < or >"}});
  }
  if (auto proxies = http::TrustedProxies::parse(options.trusted_proxies); !proxies) {
    problems.insert(problems.end(), proxies.error().details.begin(), proxies.error().details.end());
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return {};
}

// Sessions are resolved by the auth service.
class SessionAuthenticator final : public http::Authenticator {
 public:
  explicit SessionAuthenticator(auth::Auth& auth) : auth_(auth) {}
  Result<Actor> authenticate(const std::string& token, const http::Request& request) override {
    return auth_.sessions().authenticate(token, {request.remote_address, request.request_id});
  }
  Result<Actor> authenticate_api_key(const std::string& key,
                                     const http::Request& request) override {
    return auth_.api_keys().authenticate(key, {request.remote_address, request.request_id});
  }

 private:
  auth::Auth& auth_;
};

struct WebApp::Parts {
  Parts(Services& services, const kit::Registry& registry)
      : services(services), router([&registry](std::string_view permission) {
          return registry.declares_permission(permission);
        }) {}
  Services& services;
  std::unique_ptr<Maintenance> maintenance;
  std::unique_ptr<SessionAuthenticator> authenticator;
  http::Router router;
  std::unique_ptr<http::Metrics> metrics;
  std::optional<http::StaticFiles> static_files;
  std::unique_ptr<http::Dispatcher> dispatcher;
  std::unique_ptr<http::Server> server;
};

WebApp::WebApp(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
WebApp::~WebApp() {
  stop();
}

Result<std::unique_ptr<WebApp>> WebApp::create(Services& services, const WebOptions& options) {
  SHEQU_TRY(check_web_options(options));
  SHEQU_ASSIGN_OR_RETURN(auto listen, parse_listen_address(options.listen));
  auto parts = std::make_unique<Parts>(services, services.registry());
  Parts* p = parts.get();
  if (options.web_dir) {
    SHEQU_ASSIGN_OR_RETURN(http::StaticFiles files, http::StaticFiles::open(*options.web_dir));
    parts->static_files.emplace(std::move(files));
  }
  http::register_system_routes(
      parts->router,
      {services.database(), parts->router, [p]() -> const http::Metrics& { return *p->metrics; },
       std::string(kVersion)});
  const RouteOptions route_options{.secure_cookies = options.secure_cookies};
  add_workbench_routes(parts->router, services);
  add_map_settings_route(parts->router, options);
  for (const auto& runtime : services.runtimes()) runtime->add_routes(parts->router, route_options);
  add_list_exports(parts->router, services, options.max_export_rows);
  parts->authenticator = std::make_unique<SessionAuthenticator>(services.auth());
  std::vector<http::Metrics::RouteLabel> labels;
  for (const http::Route& route : parts->router.routes())
    labels.push_back({route.method, route.pattern});
  parts->metrics = std::make_unique<http::Metrics>(labels);
  parts->dispatcher = std::make_unique<http::Dispatcher>(
      parts->router, *parts->metrics, parts->static_files ? &*parts->static_files : nullptr,
      options.access_log, parts->authenticator.get(), options.check_replies);
  http::ServerOptions server_options;
  server_options.address = listen.first;
  server_options.port = listen.second;
  server_options.io_threads = options.io_threads;
  if (!options.map_tiles.empty()) {
    SHEQU_ASSIGN_OR_RETURN(server_options.map_tile_origin,
                           http::parse_map_tiles(options.map_tiles));
  }
  SHEQU_ASSIGN_OR_RETURN(server_options.trusted_proxies,
                         http::TrustedProxies::parse(options.trusted_proxies));
  parts->server = std::make_unique<http::Server>(*parts->dispatcher, server_options);
  parts->maintenance = std::make_unique<Maintenance>(maintenance_tasks(services, options));
  return std::unique_ptr<WebApp>(new WebApp(std::move(parts)));
}

Result<Json> api_description(std::span<const ModuleEntry> modules) {
  std::string pattern = (std::filesystem::temp_directory_path() / "shequ-openapi-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Error::internal("cannot create a temporary folder in " + pattern);
  }
  // Declared first, so removed last: after the services closed their files.
  struct Folder {
    std::filesystem::path path;
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } folder{pattern};
  SystemClock clock;
  ServiceOptions options{.keys_file = (folder.path / "keys").string(),
                         .create_keys = true,
                         .audit_checkpoints = (folder.path / "checkpoints.log").string()};
  SHEQU_ASSIGN_OR_RETURN(auto services,
                         Services::open("sqlite:" + (folder.path / "api.db").string(), clock,
                                        std::move(options), modules));
  SHEQU_ASSIGN_OR_RETURN(auto web,
                         WebApp::create(*services, {.listen = "127.0.0.1:0", .access_log = false}));
  return http::openapi_document(web->router(), kVersion);
}

Status WebApp::start() {
  SHEQU_TRY(parts_->server->start());
  parts_->maintenance->start();
  // The modules' background work (the job runner) runs while the server serves; it stops with
  // the services.
  parts_->services.start_background();
  return {};
}
uint16_t WebApp::port() const {
  return parts_->server->port();
}
const http::Router& WebApp::router() const {
  return parts_->router;
}
void WebApp::stop() {
  parts_->server->stop();
  parts_->maintenance->stop();
}
void WebApp::run_until_signal() {
  parts_->server->wait_for_shutdown_signal();
  parts_->maintenance->stop();
}

}  // namespace shequ::app
