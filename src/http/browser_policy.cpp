#include "http/browser_policy.hpp"

#include <cctype>

#include <fmt/format.h>

#include "common/strings.hpp"

namespace shequ::http {

namespace {

bool is_host_name(std::string_view host) {
  if (host.starts_with("*.")) host.remove_prefix(2);
  if (host.empty() || host.size() > 253) return false;
  while (!host.empty()) {
    const auto dot = host.find('.');
    const std::string_view label = host.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
    if (host.empty()) return false;  // a trailing dot
  }
  return true;
}

bool is_ipv6_literal(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  for (char c : host.substr(1, host.size() - 2)) {
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
  }
  return true;
}

}  // namespace

Headers browser_protection_headers(std::string_view map_tile_origin) {
  std::string images = "'self' data: blob:";
  if (!map_tile_origin.empty()) images += fmt::format(" {}", map_tile_origin);
  // Styles are held as strictly as scripts: the console sets styles through the CSSOM only,
  // never as style attributes in HTML it writes, and the browser tests (tests/e2e/run.mjs) fail
  // on any violation. data: carries the QR code and Leaflet's icons; blob: is for images a page
  // draws itself.
  return {
      {"content-security-policy",
       fmt::format("default-src 'self'; script-src 'self'; style-src 'self'; img-src {}; "
                   "object-src 'none'; base-uri 'self'; form-action 'self'; "
                   "frame-ancestors 'none'",
                   images)},
      {"x-frame-options", "DENY"},
      {"referrer-policy", "no-referrer"},
      {"x-content-type-options", "nosniff"},
  };
}

Result<std::string> parse_map_tile_origin(std::string_view text) {
  std::string origin(text);
  for (char& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string_view scheme = std::string_view(origin).substr(0, origin.find("://"));
  bool valid = scheme == "https" || scheme == "http";
  const std::string_view authority =
      valid ? std::string_view(origin).substr(scheme.size() + 3) : std::string_view{};
  // The host ends at the port's colon; an IPv6 literal's own colons are inside its brackets.
  const auto port_colon = authority.find(':', authority.starts_with('[') ? authority.find(']') : 0);
  const std::string_view host = authority.substr(0, port_colon);
  if (port_colon != std::string_view::npos) {
    const auto port = parse_decimal(authority.substr(port_colon + 1));
    valid = valid && port && *port >= 1 && *port <= 65535;
  }
  if (!valid || !(is_host_name(host) || is_ipv6_literal(host))) {
    return Error::invalid(
        "map-tile-origin",
        {fmt::format("“{}” 不是地图瓦片服务器的源（形如 https://tiles.example.org，不带路径）",
                     text),
         fmt::format("\"{}\" is not the origin of a map tile server (like "
                     "https://tiles.example.org, without a path)",
                     text)});
  }
  return origin;
}

Result<std::string> parse_map_tiles(std::string_view url_template) {
  const auto refused = [url_template] {
    return Error::invalid(
        "map-tiles",
        {fmt::format(
             "“{}” 不是地图瓦片地址模板（形如 https://tiles.example.org/{{z}}/{{x}}/{{y}}.png）",
             url_template),
         fmt::format("\"{}\" is not the URL template of a map tile server (like "
                     "https://tiles.example.org/{{z}}/{{x}}/{{y}}.png)",
                     url_template)});
  };
  const auto scheme_end = url_template.find("://");
  if (scheme_end == std::string_view::npos) return refused();
  const auto path_begin = url_template.find('/', scheme_end + 3);
  if (path_begin == std::string_view::npos) return refused();
  // "{s}" before the host spreads the requests over the server's subdomains (a., b., c.): all of
  // them may serve images.
  const std::string_view scheme = url_template.substr(0, scheme_end + 3);
  const bool spread = url_template.substr(scheme.size()).starts_with("{s}.");
  std::string authority(url_template.substr(0, path_begin));
  if (spread) authority = std::string(scheme) + "*." + authority.substr(scheme.size() + 4);
  auto origin = parse_map_tile_origin(authority);
  if (!origin) return refused();
  // A literal "*" is no host a browser could ask.
  if (!spread && origin->find("://*.") != std::string::npos) return refused();
  const std::string_view path = url_template.substr(path_begin);
  constexpr std::string_view kAllowed =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/{}%?=&@:+!$*()";
  if (path.find_first_not_of(kAllowed) != std::string_view::npos) return refused();
  for (std::string_view placeholder : {"{z}", "{x}", "{y}"}) {
    const auto at = path.find(placeholder);
    if (at == std::string_view::npos || path.find(placeholder, at + 1) != std::string_view::npos) {
      return refused();
    }
  }
  return origin;
}

}  // namespace shequ::http
