#include "http/router.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace shequ::http {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path.front() != '/') return parts;
  path.remove_prefix(1);
  for (;;) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

void Router::add(Route route) {
  const std::string where = fmt::format("{} {}", route.method, route.pattern);
  if (route.permission.empty()) {
    throw std::logic_error("route declares no permission: " + where);
  }
  if (route.permission != kPublic && route.permission != kAuthenticated &&
      !declared_(route.permission)) {
    throw std::logic_error("route needs permission " + route.permission +
                           ", which no module declares: " + where);
  }
  if (route.summary.empty() || !route.handler) {
    throw std::logic_error("route needs a summary and a handler: " + where);
  }
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + where);
  }
  std::vector<Segment> segments;
  for (std::string_view part : split_path(route.pattern)) {
    const auto close = part.find('}');
    if (part.size() > 2 && part.front() == '{' && close != std::string_view::npos && close > 1 &&
        part.find_first_of("{}", close + 1) == std::string_view::npos &&
        part.find('{', 1) == std::string_view::npos) {
      segments.push_back(
          {std::string(part.substr(1, close - 1)), true, std::string(part.substr(close + 1))});
    } else if (part.find_first_of("{}") != std::string_view::npos) {
      throw std::logic_error("malformed parameter in route pattern: " + where);
    } else {
      segments.push_back({std::string(part), false});
    }
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::logic_error("route added twice: " + where);
    }
  }
  const Contract& contract = route.contract;
  if (!contract.declared()) {
    throw std::logic_error("route states no contract (it declares no reply): " + where);
  }
  std::vector<std::string> names;
  for (const Segment& segment : segments) {
    if (segment.is_param) names.push_back(segment.text);
  }
  check_contract(contract, names, where);
  // The route's own components first, then checked against the table and merged: a refused
  // route leaves the table as it was. (Copying the whole table for every route made starting a
  // server quadratic in its routes: most of an API test's time.)
  std::map<std::string, Json> components;
  for (const Property& p : contract.path) collect_components(p.schema, components);
  for (const Property& p : contract.query) collect_components(p.schema, components);
  if (contract.body) collect_components(*contract.body, components);
  for (const Reply& reply : contract.replies) {
    if (reply.json) collect_components(*reply.json, components);
  }
  for (const auto& [name, definition] : components) {
    const auto known = components_.find(name);
    if (known != components_.end() && known->second != definition) {
      throw std::logic_error("two different schemas are named " + name + ": " + where);
    }
  }
  components_.merge(components);
  routes_.push_back(std::move(route));
  patterns_.push_back(std::move(segments));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  const auto parts = split_path(path);
  // The patterns that match the path, most specific first: a fixed segment beats a parameter at
  // the first place they differ, whatever order the routes were added in (so that
  // /facilities/figures is not taken for /facilities/{id}). Only the most specific shape is
  // considered; its methods are what the path allows.
  std::vector<bool> best;
  std::vector<std::pair<std::size_t, std::vector<std::pair<std::string, std::string>>>> candidates;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const auto& segments = patterns_[r];
    if (segments.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<bool> fixed(parts.size());
    bool matched = true;
    for (std::size_t i = 0; i < parts.size() && matched; ++i) {
      fixed[i] = !segments[i].is_param;
      if (segments[i].is_param) {
        const std::string& suffix = segments[i].suffix;
        if (parts[i].size() <= suffix.size() || !parts[i].ends_with(suffix))
          matched = false;
        else
          params.emplace_back(segments[i].text,
                              std::string(parts[i].substr(0, parts[i].size() - suffix.size())));
      } else {
        matched = segments[i].text == parts[i];
      }
    }
    if (!matched) continue;
    if (candidates.empty() || fixed > best) {
      best = fixed;
      candidates.clear();
    }
    if (fixed == best) candidates.emplace_back(r, std::move(params));
  }
  for (auto& [r, params] : candidates) {
    if (routes_[r].method != wanted) {
      result.allowed_methods.push_back(routes_[r].method);
      if (routes_[r].method == "GET") result.allowed_methods.push_back("HEAD");
      continue;
    }
    result.route = &routes_[r];
    result.index = r;
    result.params = std::move(params);
    result.allowed_methods.clear();
    return result;
  }
  return result;
}

}  // namespace shequ::http
