#include "inbox/module.hpp"

#include "app/app.hpp"
#include "inbox/declaration.hpp"
#include "inbox/inbox.hpp"
#include "inbox/routes.hpp"

namespace shequ::inbox {

namespace {

class Runtime final : public app::ModuleRuntime {
 public:
  explicit Runtime(app::Services& services) : service_(services.database(), services.clock()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    inbox::add_routes(router, service_);
  }
  void* service(const std::type_info& type) override {
    return type == typeid(InboxService) ? &service_ : nullptr;
  }
  Result<int64_t> count_todo(std::string_view code, const Actor& actor) const override {
    if (code == kTodoUnread) return service_.count_unread(actor);
    return app::ModuleRuntime::count_todo(code, actor);
  }

 private:
  InboxService service_;
};

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration, [](app::Services& services, const std::map<std::string, std::string>&) {
        return std::make_unique<Runtime>(services);
      }};
  return entry;
}

}  // namespace shequ::inbox
