// Who a request comes from when reverse proxies stand between the client and the server (the TLS
// proxy of docs/operations.md). The TCP peer is then the nearest proxy, and the client's address
// is in X-Forwarded-For, which anyone can also write. The header is believed only from a peer
// the operator named as a proxy, and only as far back as the entries those proxies added.
//
// Beast-free. TrustedProxies is immutable after parse() and safe to share between threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "http/message.hpp"

namespace shequ::http {

class TrustedProxies {
 public:
  // None: X-Forwarded-For is never believed.
  TrustedProxies() = default;

  // Parses a comma-separated list of IPv4 and IPv6 addresses and CIDR ranges, e.g.
  // "127.0.0.1, 10.0.0.0/8, ::1". Empty entries are skipped. Fails with invalid_argument on the
  // field "trusted-proxies", quoting the first entry that is not an address, has a prefix length
  // out of range, or has bits set past its prefix ("10.1.0.0/8": which was meant?).
  static Result<TrustedProxies> parse(std::string_view list);

  // True when `address` (IPv4 or IPv6 text) lies in one of the ranges. An IPv4-mapped IPv6
  // address (::ffff:10.0.0.1, as a dual-stack socket reports an IPv4 peer) counts as its IPv4
  // address.
  bool contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    std::array<uint8_t, 16> address;  // IPv4 as IPv4-mapped IPv6
    int prefix_bits;                  // of the 128; an IPv4 /8 is 104
  };
  std::vector<Range> ranges_;
};

// The client's address for a request whose TCP peer is `peer`, given its header fields (names in
// lower case). Unless the peer is a trusted proxy, the peer. Otherwise the X-Forwarded-For
// fields, all of them in order as one list, are read from the right: each proxy appends the
// address it received the request from, so the first entry that is not itself a trusted proxy
// is the client (when every entry is trusted, the left-most one). An entry that is not a bare IP
// address stops the walk and the peer is returned, since nothing left of it can be believed.
// The answer is in canonical text form (lower-case IPv6, IPv4-mapped addresses as IPv4).
std::string client_address(std::string_view peer, const Headers& headers,
                           const TrustedProxies& proxies);

}  // namespace shequ::http
