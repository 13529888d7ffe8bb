#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "cli/cli.hpp"
#include "common/clock.hpp"

namespace shequ::cli {

CLI::App& add_serve_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("serve", "Serve the web console and the HTTP API");
  add_database_option(*command, context);
  auto options = std::make_shared<app::WebOptions>();
  auto web_dir = std::make_shared<std::string>();
  auto access_log = std::make_shared<bool>(true);
  command->add_option("--listen", options->listen, "HOST:PORT to listen on")
      ->envname("SHEQU_LISTEN")
      ->capture_default_str();
  command
      ->add_option("--web", *web_dir, "Folder of the built console (default: web/dist if present)")
      ->envname("SHEQU_WEB_DIR");
  command->add_option("--threads", options->io_threads, "I/O threads (0: one per core)")
      ->envname("SHEQU_THREADS")
      ->check(CLI::Range(0, 256));
  command->add_option("--access-log", *access_log, "Log one line per request (true/false)")
      ->envname("SHEQU_ACCESS_LOG");
  command
      ->add_flag("--secure-cookies", options->secure_cookies,
                 "Mark cookies Secure (when a TLS proxy serves the console over https)")
      ->envname("SHEQU_SECURE_COOKIES");
  command
      ->add_option("--audit-checkpoint-every", options->audit_checkpoint_every,
                   "Seconds between signed checkpoints of the audit chain (written when it moved, "
                   "and at shutdown)")
      ->envname("SHEQU_AUDIT_CHECKPOINT_EVERY")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  command
      ->add_option("--map-tiles", options->map_tiles,
                   "URL template of the map tile server the console's maps draw on, e.g. "
                   "https://tiles.example.org/{z}/{x}/{y}.png (default: offline boundaries only)")
      ->envname("SHEQU_MAP_TILES");
  command
      ->add_option("--map-tile-attribution", options->map_tile_attribution,
                   "The tile server's attribution, shown on every map as its licence asks")
      ->envname("SHEQU_MAP_TILE_ATTRIBUTION");
  command
      ->add_option("--map-tile-datum", options->map_tile_datum,
                   "Coordinates the tiles are drawn in: wgs84 (天地图, OpenStreetMap) or gcj02")
      ->envname("SHEQU_MAP_TILE_DATUM")
      ->capture_default_str();
  command->add_option("--map-tile-max-zoom", options->map_tile_max_zoom, "The tiles' deepest zoom")
      ->envname("SHEQU_MAP_TILE_MAX_ZOOM")
      ->check(CLI::Range(1, 22))
      ->capture_default_str();
  command
      ->add_option("--trusted-proxies", options->trusted_proxies,
                   "Reverse proxies whose X-Forwarded-For names the client, as addresses and "
                   "CIDR ranges: 127.0.0.1,10.0.0.0/8,::1 (default: none)")
      ->envname("SHEQU_TRUSTED_PROXIES");
  auto require_totp = std::make_shared<bool>(false);
  command
      ->add_flag("--require-totp-for-admins", *require_totp,
                 "Administrators must set up a second factor (TOTP) before anything else")
      ->envname("SHEQU_REQUIRE_TOTP_FOR_ADMINS");
  command->callback([&context, options, web_dir, access_log, require_totp] {
    begin(context);
    if (auto checked = app::check_web_options(*options); !checked) fail(context, checked.error());
    if (!web_dir->empty()) {
      options->web_dir = *web_dir;
    } else if (std::filesystem::is_regular_file("web/dist/index.html")) {
      options->web_dir = "web/dist";
    }
    options->access_log = *access_log;
    if (context.database_url.starts_with("sqlite:") &&
        !std::filesystem::exists(context.database_url.substr(7))) {
      fail(context,
           Error::invalid("database", {"数据库文件不存在，请先运行 shequ init",
                                       "the database file does not exist; run shequ init first"}));
    }
    auto services =
        open_services(context, {.auth = {.require_totp_for_administrators = *require_totp}});
    if (auto prepared = services->prepare_to_serve(); !prepared) fail(context, prepared.error());
    if (services->org().tree().size() == 0) {
      fail(context, Error::invalid("database", {"数据库尚未初始化，请先运行 shequ init",
                                                "the database is empty; run shequ init first"}));
    }
    auto web = app::WebApp::create(*services, *options);
    if (!web) fail(context, web.error());
    if (auto started = (*web)->start(); !started) fail(context, started.error());
    spdlog::info("serving {} on port {} ({} units{})", services->database().describe(),
                 (*web)->port(), services->org().tree().size(),
                 options->web_dir ? ", console from " + *options->web_dir : ", API only");
    (*web)->run_until_signal();
    spdlog::info("stopped");
  });
  return *command;
}

}  // namespace shequ::cli
