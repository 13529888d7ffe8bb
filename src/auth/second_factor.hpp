// The second factor (TOTP, RFC 6238): setting it up and confirming it. Checking a code at
// sign-in is the sessions' (auth/sessions.hpp); forgetting it is a password reset's.
//
// Thread-safe. The context and the sessions outlive it.
#pragma once

#include <string>

#include "auth/auth_context.hpp"
#include "auth/sessions.hpp"

namespace shequ::auth {

class SecondFactor {
 public:
  SecondFactor(AuthContext& context, Sessions& sessions) : context_(context), sessions_(sessions) {}

  struct Setup {
    std::string secret;  // base32, for typing into an authenticator app
    std::string uri;     // otpauth://totp/..., for a QR code
  };
  // Starts (or restarts) setting up a second factor: a new secret, not in force until enable()
  // confirms a code from it. Refused (conflict) once a second factor is enabled.
  Result<Setup> setup(const Actor& actor);
  Status enable(const Actor& actor, const std::string& code);

 private:
  AuthContext& context_;
  Sessions& sessions_;
};

}  // namespace shequ::auth
