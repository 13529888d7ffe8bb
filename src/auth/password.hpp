// Passwords: Argon2id hashes (libsodium) and the MLPS 2.0 level 3 policy for new passwords.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "common/result.hpp"

namespace shequ::auth {

// Argon2id work factors. Production: libsodium's INTERACTIVE (2 passes, 64 MiB). Tests use the
// minimum so that hundreds of logins run in seconds; the algorithm is the same.
struct PasswordCost {
  unsigned long long passes;
  std::size_t memory_bytes;
};
PasswordCost production_password_cost();
PasswordCost minimal_password_cost();

// Thread-safe. Precondition: libsodium initialised (auth::AuthContext does it).
std::string hash_password(std::string_view password, PasswordCost cost);
bool verify_password(std::string_view stored_hash, std::string_view password);

// Checks a new password: at least 12 characters from at least 3 of upper case, lower case,
// digits and symbols; not containing the user name; not a common password (the word list, also
// after removing digits and symbols: "Password2024!" is "password"). Every failed rule is a
// reason on the field `field`. Thread-safe after construction.
class PasswordPolicy {
 public:
  // Loads one lower-case word per line from `dictionary_path` (Debian's cracklib-small); a
  // missing file leaves a short built-in list of the most common passwords.
  explicit PasswordPolicy(const std::string& dictionary_path);

  Status check(std::string_view password, std::string_view username,
               const std::string& field) const;
  std::size_t dictionary_size() const { return common_.size(); }

 private:
  std::unordered_set<std::string> common_;
};

// A random password that satisfies the policy (for accounts created without one).
std::string generate_password();

}  // namespace shequ::auth
