#include "audit/module.hpp"

#include "app/app.hpp"
#include "audit/commands.hpp"
#include "audit/declaration.hpp"
#include "audit/routes.hpp"

namespace shequ::audit {

namespace {

// The audit log belongs to the platform (every module writes to it); the module adds reading it
// and the commands that verify and purge it.
class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(storage::Database& db, const org::OrgTree& tree) : db_(db), tree_(tree) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    audit::add_routes(router, db_, tree_);
  }
  void* service(const std::type_info&) override { return nullptr; }

 private:
  storage::Database& db_;
  const org::OrgTree& tree_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services.database(), services.org().tree());
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::audit
