// Revealing an account's personal data in clear, for a caller entitled to manage the account who
// states why; every reveal is audited with its reason.
//
// Thread-safe. The context outlives it.
#pragma once

#include <string>

#include "auth/auth_context.hpp"

namespace shequ::auth {

class PersonalDataReveal {
 public:
  explicit PersonalDataReveal(AuthContext& context) : context_(context) {}

  // The account's phone in clear, for a caller holding auth:user:unmask over the account, who
  // states why (2-200 characters).
  Result<std::string> unmask_phone(const Actor& actor, int64_t id, const std::string& reason);

 private:
  AuthContext& context_;
};

}  // namespace shequ::auth
