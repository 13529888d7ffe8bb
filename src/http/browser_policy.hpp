// What browsers are told to allow a page of shequ to do. The server sends these headers on every
// answer (API, console, resident pages, error answers, refusals of malformed requests), so that
// no page it serves, now or later, can run a script another site slipped in, be framed by
// another site, or leak its address to the sites it links to.
//
// Beast-free; the server computes the headers once at start.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"
#include "http/message.hpp"

namespace shequ::http {

// Content-Security-Policy (scripts, styles, fonts and requests from this origin only; images
// also from data: and blob: URLs, which the QR code and the map use, and from the map tile
// server; no plugins, no <base> or form to elsewhere, no framing), X-Frame-Options: DENY for
// browsers without frame-ancestors, Referrer-Policy: no-referrer and X-Content-Type-Options:
// nosniff. `map_tile_origin` is empty or a value returned by parse_map_tile_origin().
Headers browser_protection_headers(std::string_view map_tile_origin);

// Checks the origin of a map tile server given by configuration: http or https, a host name
// (optionally "*." for every subdomain, as tile servers spread over a.tiles…, b.tiles…), an
// IPv4 address or a bracketed IPv6 address, an optional port, and nothing after it. Returns it
// in lower case. Fails with invalid_argument on the field "map-tile-origin", quoting the value.
Result<std::string> parse_map_tile_origin(std::string_view text);

// Checks the URL template of a map tile server given by configuration
// ("https://tiles.example.org/{z}/{x}/{y}.png"): an origin parse_map_tile_origin() accepts, then a
// path holding {z}, {x} and {y} once each and only URL characters (no quotes, spaces, commas or
// semicolons, which would reach the Content-Security-Policy). Returns the origin, for the policy.
// Fails with invalid_argument on the field "map-tiles", quoting the value.
Result<std::string> parse_map_tiles(std::string_view url_template);

}  // namespace shequ::http
