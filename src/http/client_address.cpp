#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "common/strings.hpp"

namespace shequ::http {

namespace {

using Address = std::array<uint8_t, 16>;

// ::ffff:0.0.0.0, under which IPv4 addresses are kept in the IPv6 space (RFC 4291 2.5.5.2).
constexpr Address kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// A bare IPv4 or IPv6 address (no port, no zone, no brackets), IPv4 as IPv4-mapped IPv6.
std::optional<Address> parse_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string terminated(text);
  Address address = kMappedPrefix;
  if (inet_pton(AF_INET, terminated.c_str(), address.data() + 12) == 1) return address;
  if (inet_pton(AF_INET6, terminated.c_str(), address.data()) == 1) return address;
  return std::nullopt;
}

bool is_ipv4(const Address& address) {
  return std::equal(kMappedPrefix.begin(), kMappedPrefix.begin() + 12, address.begin());
}

std::string to_text(const Address& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (is_ipv4(address)) {
    inet_ntop(AF_INET, address.data() + 12, text, sizeof text);
  } else {
    inet_ntop(AF_INET6, address.data(), text, sizeof text);
  }
  return text;
}

// The address with every bit past the first `bits` cleared.
Address masked(Address address, int bits) {
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(bits - 8 * i, 0, 8);
    address[i] &= static_cast<uint8_t>(0xff00 >> keep);
  }
  return address;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies proxies;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    const auto address = parse_address(entry.substr(0, slash));
    std::optional<int64_t> prefix;
    if (address) {
      const int64_t full = is_ipv4(*address) ? 32 : 128;
      prefix = slash == std::string_view::npos ? std::optional<int64_t>(full)
                                               : parse_decimal(entry.substr(slash + 1));
      if (prefix && *prefix > full) prefix.reset();
    }
    if (!prefix) {
      return Error::invalid(
          "trusted-proxies",
          {fmt::format("“{}” 不是 IP 地址或网段（如 10.0.0.0/8、::1）", entry),
           fmt::format("\"{}\" is not an IP address or CIDR range (like 10.0.0.0/8 or ::1)",
                       entry)});
    }
    const int bits = static_cast<int>(*prefix) + (is_ipv4(*address) ? 96 : 0);
    const Address network = masked(*address, bits);
    if (network != *address) {
      const std::string meant = fmt::format("{}/{}", to_text(network), *prefix);
      return Error::invalid(
          "trusted-proxies",
          {fmt::format("“{}” 的地址超出了前缀长度，是指 {} 吗？", entry, meant),
           fmt::format("\"{}\" has address bits set past its prefix; did you mean {}?", entry,
                       meant)});
    }
    proxies.ranges_.push_back({network, bits});
  }
  return proxies;
}

bool TrustedProxies::contains(std::string_view address) const {
  const auto parsed = parse_address(address);
  if (!parsed) return false;
  for (const Range& range : ranges_) {
    if (masked(*parsed, range.prefix_bits) == range.address) return true;
  }
  return false;
}

std::string client_address(std::string_view peer, const Headers& headers,
                           const TrustedProxies& proxies) {
  if (!proxies.contains(peer)) return std::string(peer);
  std::vector<std::string_view> hops;
  for (const auto& [name, value] : headers) {
    if (name != "x-forwarded-for") continue;
    std::string_view rest = value;
    for (;;) {
      const auto comma = rest.find(',');
      hops.push_back(trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  std::optional<Address> client;
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    client = parse_address(*hop);
    if (!client) return std::string(peer);
    if (!proxies.contains(*hop)) break;
  }
  return client ? to_text(*client) : std::string(peer);
}

}  // namespace shequ::http
