#include "app/workbench.hpp"

#include <fmt/format.h>

#include "http/contract.hpp"

namespace shequ::app {

void add_workbench_routes(http::Router& router, Services& services) {
  using namespace http::schema;
  static const http::Schema todo = component(
      "Todo", object({{"code", string().describe("the kind of to-do: its module's name first")},
                      {"label", string().describe("what it counts, in the language asked for")},
                      {"count", integer(0, kMaxInt)}}));
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/workbench/todos",
       .permission = std::string(http::kAuthenticated),
       .summary = "The caller's to-dos: every kind the modules declare that the caller's "
                  "permissions show, counted over the caller's scope (zeros included)",
       .tag = "workbench",
       .handler = [&services](const http::Request& request) -> Result<http::Response> {
         const Actor& actor = *request.actor;
         Json items = Json::array();
         int64_t total = 0;
         for (const kit::TodoKind* kind : services.registry().todo_kinds()) {
           if (!actor.has(kind->permission)) continue;
           const std::string_view module = kind->code.substr(0, kind->code.find('.'));
           const ModuleRuntime* runtime = services.runtime_of(module);
           if (runtime == nullptr) {
             return Error::internal(fmt::format("no runtime counts the to-do {}", kind->code));
           }
           SHEQU_ASSIGN_OR_RETURN(const int64_t count, runtime->count_todo(kind->code, actor));
           total += count;
           items.push_back(
               {{"code", kind->code}, {"label", kind->label.in(request.locale)}, {"count", count}});
         }
         return http::Response::json(200, {{"items", std::move(items)}, {"total", total}});
       },
       .contract = {.replies = {{.json = object(
                                     {{"items", array(todo)}, {"total", integer(0, kMaxInt)}})}}}});
}

}  // namespace shequ::app
