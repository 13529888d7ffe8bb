// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, the
// codes of authenticator apps. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace shequ::auth {

inline constexpr int64_t kTotpStepSeconds = 30;

// The code for one time step; `digits` 6 (apps) or 8 (RFC test vectors).
std::string totp_code(std::string_view secret, int64_t step, int digits = 6);
// The time step `now` falls in.
int64_t totp_step(TimePoint now);
// The step whose code `code` is, allowing one step of clock drift either way, but only steps
// after `last_used_step` (a code is good once). nullopt when it matches none.
std::optional<int64_t> totp_match(std::string_view secret, std::string_view code, TimePoint now,
                                  int64_t last_used_step);

// RFC 4648 base32 without padding, as authenticator apps take secrets.
std::string base32(std::string_view bytes);

}  // namespace shequ::auth
