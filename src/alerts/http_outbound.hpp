// The real outbound channel: hands warnings to an SMS gateway or the emergency broadcast system
// over HTTP(S), in the JSON documented in docs/integration/outbound.md, authenticated by a bearer
// token. Province platforms put their own adapter in front of their gateway if it speaks
// something else.
//
// Thread-safe (http::send_request shares nothing); options are fixed at construction.
#pragma once

#include <string>

#include "alerts/outbound.hpp"
#include "http/client.hpp"

namespace shequ::alerts {

struct HttpOutboundOptions {
  std::string name;  // kSmsChannel or kBroadcastChannel
  http::Url url;
  std::string token;  // sent as "Authorization: Bearer <token>"; never logged
  http::ClientOptions client;
  std::size_t max_batch = 100;
};

class HttpOutboundChannel final : public OutboundChannel {
 public:
  explicit HttpOutboundChannel(HttpOutboundOptions options) : options_(std::move(options)) {}

  std::string_view name() const override { return options_.name; }
  // One POST per call. An answer other than 2xx, or one that is not the documented JSON, is an
  // error (unavailable): the messages are tried again later. A message the answer does not
  // mention counts as not taken (tried again).
  Result<std::vector<OutboundResult>> send(
      std::span<const OutboundMessage> messages) const override;
  std::size_t max_batch() const override { return options_.max_batch; }

 private:
  HttpOutboundOptions options_;
};

}  // namespace shequ::alerts
