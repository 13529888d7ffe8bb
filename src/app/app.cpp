#include "app/app.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/strings.hpp"
#include "http/dispatcher.hpp"
#include "http/handlers/handlers.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "org/org_repository.hpp"
#include "storage/migrations.hpp"

namespace shequ::app {

namespace {

// Demonstration grids: a city community in Lanzhou and a village on its outskirts.
struct DemoGrid {
  std::string_view village;
  std::string_view name;
  std::string_view description;
};
constexpr DemoGrid kDemoGrids[] = {
    {"620102001001", "第一网格", "畅家巷 1-20 号楼"},
    {"620102001001", "第二网格", "畅家巷 21-40 号楼"},
    {"620102001001", "第三网格", "沿街商铺及周边平房"},
    {"620102010201", "红沟村一组", "村委会以东农户"},
    {"620102010201", "红沟村二组", "村委会以西农户"},
};

}  // namespace

Services::Services(std::unique_ptr<storage::Database> db, const Clock& clock)
    : db_(std::move(db)), clock_(clock), org_(std::make_unique<org::OrgService>(*db_, clock_)) {}

Result<std::unique_ptr<Services>> Services::open(const std::string& database_url,
                                                 const Clock& clock) {
  SHEQU_ASSIGN_OR_RETURN(auto db, storage::open_database(database_url));
  SHEQU_TRY(storage::migrate(*db, storage::embedded_migrations()));
  std::unique_ptr<Services> services(new Services(std::move(db), clock));
  SHEQU_TRY(services->org().load());
  return services;
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
    SHEQU_TRY(services.org().import_divisions(*in, options.as_of));
    report.divisions_loaded = true;
  }
  report.units = static_cast<int64_t>(services.org().tree().size());
  if (options.demo) {
    for (const DemoGrid& demo : kDemoGrids) {
      if (!services.org().tree().find(demo.village)) continue;  // a custom list without it
      SHEQU_ASSIGN_OR_RETURN(auto grids, services.org().grids(demo.village));
      const bool present = std::any_of(
          grids.begin(), grids.end(), [&](const org::Grid& g) { return g.unit.name == demo.name; });
      if (present) continue;
      SHEQU_TRY(services.org().create_grid(
          demo.village, {std::string(demo.name), std::string(demo.description)}));
      ++report.demo_grids_created;
    }
  }
  return report;
}

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

struct WebApp::Parts {
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
  SHEQU_ASSIGN_OR_RETURN(auto listen, parse_listen_address(options.listen));
  auto parts = std::make_unique<Parts>();
  Parts* p = parts.get();
  if (options.web_dir) {
    SHEQU_ASSIGN_OR_RETURN(http::StaticFiles files, http::StaticFiles::open(*options.web_dir));
    parts->static_files.emplace(std::move(files));
  }
  http::register_system_routes(
      parts->router,
      {services.database(), parts->router, [p]() -> const http::Metrics& { return *p->metrics; },
       std::string(kVersion)});
  http::register_org_routes(parts->router, services.org());
  std::vector<http::Metrics::RouteLabel> labels;
  for (const http::Route& route : parts->router.routes())
    labels.push_back({route.method, route.pattern});
  parts->metrics = std::make_unique<http::Metrics>(labels);
  parts->dispatcher = std::make_unique<http::Dispatcher>(
      parts->router, *parts->metrics, parts->static_files ? &*parts->static_files : nullptr,
      options.access_log);
  http::ServerOptions server_options;
  server_options.address = listen.first;
  server_options.port = listen.second;
  server_options.io_threads = options.io_threads;
  parts->server = std::make_unique<http::Server>(*parts->dispatcher, server_options);
  return std::unique_ptr<WebApp>(new WebApp(std::move(parts)));
}

Status WebApp::start() {
  return parts_->server->start();
}
uint16_t WebApp::port() const {
  return parts_->server->port();
}
void WebApp::stop() {
  parts_->server->stop();
}
void WebApp::run_until_signal() {
  parts_->server->wait_for_shutdown_signal();
}

}  // namespace shequ::app
