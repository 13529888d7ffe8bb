#include "http/framing.hpp"

#include <cctype>
#include <optional>
#include <vector>

#include "common/strings.hpp"

namespace shequ::http {

namespace {

// The comma-separated elements of every field of this name, trimmed, empty ones dropped
// (RFC 9110 section 5.6.1: a list may be split over several fields).
std::vector<std::string_view> list_elements(const Headers& headers, std::string_view name) {
  std::vector<std::string_view> elements;
  for (const auto& [key, value] : headers) {
    if (key != name) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string_view element = trim(rest.substr(0, comma));
      if (!element.empty()) elements.push_back(element);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  return elements;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// uri-host [ ":" port ] of RFC 3986: an IP literal in brackets, or a reg-name / IPv4 address.
bool is_host_and_port(std::string_view value) {
  std::string_view host = value;
  std::string_view port;
  if (value.starts_with('[')) {
    const auto close = value.find(']');
    if (close == std::string_view::npos) return false;
    host = value.substr(1, close - 1);
    const std::string_view after = value.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return false;
    if (!after.empty()) port = after.substr(1);
    if (host.empty()) return false;
    for (char c : host) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
    }
  } else {
    const auto colon = value.find(':');
    if (colon != std::string_view::npos) {
      host = value.substr(0, colon);
      port = value.substr(colon + 1);
      if (port.empty()) return false;
    }
    for (char c : host) {
      const bool allowed = std::isalnum(static_cast<unsigned char>(c)) ||
                           std::string_view("-._~%!$&'()*+,;=").find(c) != std::string_view::npos;
      if (!allowed) return false;
    }
  }
  return port.empty() || (is_digits(port) && port.size() <= 5);
}

}  // namespace

Status check_request_framing(unsigned version, const Headers& headers) {
  std::size_t hosts = 0;
  std::string_view host;
  bool has_transfer_encoding = false;
  bool has_content_length = false;
  for (const auto& [name, value] : headers) {
    if (name == "host") {
      ++hosts;
      host = value;
    }
    has_transfer_encoding = has_transfer_encoding || name == "transfer-encoding";
    has_content_length = has_content_length || name == "content-length";
  }
  if (hosts > 1) {
    return Error::invalid("host", {"只能有一个 Host 请求头", "only one Host header is allowed"});
  }
  if (hosts == 0 && version >= 11) {
    return Error::invalid(
        "host", {"HTTP/1.1 请求必须带 Host 请求头", "an HTTP/1.1 request needs a Host header"});
  }
  if (hosts == 1 && !trim(host).empty() && !is_host_and_port(trim(host))) {
    return Error::invalid("host", {"Host 请求头应为主机名加可选端口",
                                   "the Host header must be a host name and an optional port"});
  }
  if (has_transfer_encoding) {
    if (has_content_length) {
      return Error::invalid("transfer-encoding",
                            {"请求不能同时带 Transfer-Encoding 和 Content-Length",
                             "a request cannot have both Transfer-Encoding and Content-Length"});
    }
    if (version < 11) {
      return Error::invalid("transfer-encoding",
                            {"HTTP/1.0 请求不能带 Transfer-Encoding",
                             "an HTTP/1.0 request cannot use Transfer-Encoding"});
    }
    const auto codings = list_elements(headers, "transfer-encoding");
    if (codings.size() != 1 || !equals_ignoring_case(codings.front(), "chunked")) {
      return Error::invalid("transfer-encoding", {"只支持 chunked 传输编码",
                                                  "only the chunked transfer coding is supported"});
    }
  }
  // Beast's parser refuses differing lengths before the header is complete; the rule stands
  // here too so that the whole framing policy is in one place.
  if (has_content_length) {
    const auto lengths = list_elements(headers, "content-length");
    std::optional<int64_t> length;
    bool one_number = !lengths.empty();
    for (std::string_view value : lengths) {
      const auto parsed = parse_decimal(value);
      one_number = one_number && parsed && (!length || *length == *parsed);
      length = parsed;
    }
    if (!one_number) {
      return Error::invalid("content-length", {"Content-Length 必须是唯一的十进制数",
                                               "Content-Length must be one decimal number"});
    }
  }
  return {};
}

}  // namespace shequ::http
