#include "org/module.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "org/commands.hpp"
#include "org/declaration.hpp"
#include "org/routes.hpp"

namespace shequ::org {

namespace {

// The org service belongs to the platform (every module reads the tree); the module adds its
// routes and commands.
class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(OrgService& service) : service_(service) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    org::add_routes(router, service_);
  }
  // Every second, the tree takes up other servers' changes, so that the scope checks of every
  // module follow them within a second (the org routes do not wait for it: they sync first).
  void start() override {
    syncing_ = std::jthread([this](std::stop_token stop) {
      std::mutex mutex;
      std::condition_variable_any tick;
      while (!stop.stop_requested()) {
        if (auto synced = service_.sync(); !synced)
          spdlog::warn("org: could not check the tree for changes: {}", synced.error().message.en);
        std::unique_lock lock(mutex);
        tick.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
      }
    });
  }
  void stop() override {
    syncing_.request_stop();
    if (syncing_.joinable()) syncing_.join();
  }
  void* service(const std::type_info&) override { return nullptr; }

 private:
  OrgService& service_;
  std::jthread syncing_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services.org());
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::org
