#include "app/map_settings.hpp"

#include "http/contract.hpp"

namespace shequ::app {

void add_map_settings_route(http::Router& router, const WebOptions& options) {
  using namespace http::schema;
  Json tiles = nullptr;
  if (!options.map_tiles.empty()) {
    tiles = {{"url", options.map_tiles},
             {"attribution", options.map_tile_attribution},
             {"datum", options.map_tile_datum},
             {"maxZoom", options.map_tile_max_zoom}};
  }
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/map/settings",
       .permission = std::string(http::kAuthenticated),
       .summary = "The map tile server the console's maps draw on; null when they draw offline "
                  "boundaries only",
       .tag = "map",
       .handler = [tiles](const http::Request&) -> Result<http::Response> {
         return http::Response::json(200, {{"tiles", tiles}});
       },
       .execution = http::Execution::io,
       .contract = {
           .replies = {
               {.json = object(
                    {{"tiles",
                      component("MapTiles",
                                object({{"url", string().describe("URL template with {z}, {x}, {y} "
                                                                  "(and {s} for subdomains)")},
                                        {"attribution", string()},
                                        {"datum", string().describe("wgs84 or gcj02: the "
                                                                    "coordinates the tiles are "
                                                                    "drawn in")},
                                        {"maxZoom", integer(1, 22)}}))
                          .nullable()}})}}}});
}

}  // namespace shequ::app
