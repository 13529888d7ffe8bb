// How a module plugs into the program: its declaration (kit/module.hpp), what it creates over the
// platform's services when the program starts (ModuleRuntime: its own services, its routes), and
// the command-line commands and options it adds. The list of modules is the only place that names
// them all (src/modules/); adding a module adds one line there and touches nothing else shared.
//
// Entries are plain values with the lifetime of the program.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <typeinfo>

#include "common/actor.hpp"
#include "common/error.hpp"
#include "common/result.hpp"
#include "http/router.hpp"
#include "kit/module.hpp"

namespace shequ::app {

class Services;

struct CommandContext;

// What the server tells the modules' routes about how it serves.
struct RouteOptions {
  bool secure_cookies = false;  // cookies marked Secure (behind a TLS proxy)
};

// A module's part of a running program, created once the platform's services exist. Not
// copyable; lives as long as the Services that created it.
class ModuleRuntime {
 public:
  virtual ~ModuleRuntime() = default;
  // Adds the module's HTTP routes.
  virtual void add_routes(http::Router& router, const RouteOptions& options) = 0;
  // Work before serving that may fail (reading a file the module needs).
  virtual Status prepare_to_serve() { return {}; }
  // Starts the module's background threads (a server; commands do not). Called once, after
  // every module's runtime exists and prepare_to_serve succeeded.
  virtual void start() {}
  // Stops them and waits; called for every module, in reverse order, before any runtime is
  // destroyed, so that no background thread runs into a module already gone. Idempotent.
  virtual void stop() {}
  // The module's service of type `type`, for other modules, commands and tests; null when it has
  // none of that type.
  virtual void* service(const std::type_info& type) = 0;
  // Adds the module's part of the demonstration data (`shequ init --demo`) to a database that has
  // the divisions and the demo accounts, deterministically for `seed`; says what it added, in
  // both languages (empty: nothing). Called once per init, before any server starts.
  virtual Result<Text> add_demo_data(uint64_t seed);
  // Counts one of the to-dos the module declares (kit::TodoKind) for the actor, over its scope.
  // Called only for the module's own codes, for actors holding the kind's permission; from any
  // thread.
  virtual Result<int64_t> count_todo(std::string_view code, const Actor& actor) const;
  // Counts one of the indicator rows the module declares (kit::ModuleDeclaration::indicators)
  // over China dates [first_day, last_day], a year or a month as the row is entered for: one
  // entry per unit whose records say it; units without records are left out (their entered
  // values stand). Called only for the module's own rows; from any thread.
  virtual Result<std::vector<kit::UnitCounts>> count_indicator(std::string_view indicator,
                                                               const std::string& first_day,
                                                               const std::string& last_day) const;
};

struct ModuleEntry {
  const kit::ModuleDeclaration& (*declaration)();
  // Creates the module's runtime over the platform's services and the modules' settings.
  std::function<std::unique_ptr<ModuleRuntime>(Services&,
                                               const std::map<std::string, std::string>&)>
      create;
  // Adds the module's commands to the program and its options to `serve`, binding them to the
  // context. Null: the module has no commands.
  std::function<void(CLI::App& program, CLI::App& serve, CommandContext& context)> commands;
};

// What a command line carries to the commands: the shared options, and the modules' own
// settings by name ("access.network"), which modules add options for and read back.
struct CommandContext {
  std::string database_url;
  std::string keys_file;
  std::string audit_checkpoints;
  std::string log_level = "info";
  Locale locale = Locale::zh_CN;
  std::map<std::string, std::string> settings;
  // Every module of the program, for the commands that open the services.
  std::span<const ModuleEntry> modules;
};

}  // namespace shequ::app
