#include <fmt/format.h>

#include "app/app.hpp"
#include "cli/cli.hpp"

namespace shequ::cli {

void add_openapi_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "openapi",
      "Print this build's API description (OpenAPI 3.1 JSON, as served at /api/openapi.json); "
      "needs no database");
  command->callback([&context] {
    begin(context);
    auto description = app::api_description(context.modules);
    if (!description) fail(context, description.error());
    fmt::print("{}\n", description->dump(2));
  });
}

}  // namespace shequ::cli
