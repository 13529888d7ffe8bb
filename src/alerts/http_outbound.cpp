#include "alerts/http_outbound.hpp"

#include <fmt/format.h>

#include <map>

#include "common/json.hpp"

namespace shequ::alerts {

namespace {

Json message_json(const OutboundMessage& m) {
  Json out{{"key", m.key},
           {"action", m.action},
           {"level", m.level},
           {"category", m.category},
           {"title", m.title},
           {"text", m.text},
           {"validUntil", m.valid_until}};
  if (!m.phone.empty()) out["phone"] = m.phone;
  if (!m.areas.empty()) out["areas"] = m.areas;
  return out;
}

std::string text_of(const Json& object, const char* field) {
  const auto found = object.find(field);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

Result<std::vector<OutboundResult>> HttpOutboundChannel::send(
    std::span<const OutboundMessage> messages) const {
  Json list = Json::array();
  for (const OutboundMessage& m : messages) list.push_back(message_json(m));
  http::ClientRequest request;
  request.url = options_.url;
  request.headers.emplace_back("authorization", "Bearer " + options_.token);
  request.body = Json{{"channel", options_.name}, {"messages", std::move(list)}}.dump();
  SHEQU_ASSIGN_OR_RETURN(const http::ClientResponse response,
                         http::send_request(request, options_.client));
  const std::string where = fmt::format("{} gateway {}:{}{}", options_.name, options_.url.host,
                                        options_.url.port, options_.url.target);
  if (response.status < 200 || response.status > 299) {
    return Error::unavailable(
        fmt::format("{} answered {}: {}", where, response.status, response.body.substr(0, 200)));
  }
  auto body = parse_json_strict(response.body);
  if (!body || !body->is_object() || !body->contains("results") || !(*body)["results"].is_array()) {
    return Error::unavailable(
        fmt::format("{} answered without a results list: {}", where, response.body.substr(0, 200)));
  }
  std::map<std::string, OutboundResult, std::less<>> by_key;
  for (const Json& item : (*body)["results"]) {
    if (!item.is_object()) continue;
    OutboundResult r;
    r.key = text_of(item, "key");
    r.accepted = item.value("accepted", false);
    r.permanent = !r.accepted && item.value("permanent", false);
    r.reference = text_of(item, "id");
    r.error = text_of(item, "error");
    if (!r.key.empty()) by_key.insert_or_assign(r.key, std::move(r));
  }
  std::vector<OutboundResult> results;
  results.reserve(messages.size());
  for (const OutboundMessage& m : messages) {
    if (auto found = by_key.find(m.key); found != by_key.end()) {
      results.push_back(found->second);
    } else {
      results.push_back({m.key, false, false, "", "not in the gateway's answer"});
    }
  }
  return results;
}

}  // namespace shequ::alerts
