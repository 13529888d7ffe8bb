// Whether a request's header lets its body, and so the start of the next request on the
// connection, be found without doubt. Requests whose framing a proxy in front could read
// differently are refused: that difference is how requests are smuggled past a proxy.
//
// Beast-free: the server hands over the header fields it parsed, before reading any body.
#pragma once

#include "common/result.hpp"
#include "http/message.hpp"

namespace shequ::http {

// Checks the framing rules of RFC 9112 that the server enforces:
//   * Transfer-Encoding and Content-Length together are refused (section 6.1);
//   * the only transfer coding served is exactly "chunked", once: any other coding, or chunked
//     beside another, is refused (sections 6.1 and 6.3), and so is any coding in HTTP/1.0;
//   * every Content-Length value must be the same decimal number (section 6.3);
//   * an HTTP/1.1 request needs exactly one Host, and no request may have two; its value must
//     be a host with an optional port (section 3.2).
// `version` is 10 for HTTP/1.0, 11 for HTTP/1.1. `headers` are in the order received, names in
// lower case. A refusal is invalid_argument naming the header ("transfer-encoding",
// "content-length" or "host"); the caller answers 400 and closes the connection, since where
// the next request would begin is unknown.
Status check_request_framing(unsigned version, const Headers& headers);

}  // namespace shequ::http
