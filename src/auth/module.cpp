#include "auth/module.hpp"

#include "app/app.hpp"
#include "auth/commands.hpp"
#include "auth/declaration.hpp"
#include "auth/routes.hpp"

namespace shequ::auth {

namespace {

// The account service belongs to the platform (every request is authenticated through it); the
// module adds its routes and commands.
class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(Auth& service, const org::OrgTree& tree) : service_(service), tree_(tree) {}
  void add_routes(http::Router& router, const app::RouteOptions& options) override {
    auth::add_routes(router, service_, tree_, options.secure_cookies);
    auth::add_grid_worker_routes(router, service_, tree_);
  }
  void* service(const std::type_info&) override { return nullptr; }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoUnstaffedGrids) return service_.grid_workers().count_unstaffed(actor);
    if (code == kTodoRolelessAccounts) return service_.accounts().count_roleless(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }

 private:
  Auth& service_;
  const org::OrgTree& tree_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services.auth(), services.org().tree());
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::auth
