// Plain data of accounts and sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shequ::auth {

struct RoleGrant {
  std::string role;
  std::string unit_code;
  bool operator==(const RoleGrant&) const = default;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::string status;  // "active" | "disabled"
  std::vector<RoleGrant> roles;
  bool must_change_password = false;
  std::string password_changed_at;
  int64_t version = 1;
};

// What login needs of a stored account.
struct Credentials {
  int64_t user_id = 0;
  std::string password_hash;
  std::string status;
  int64_t failed_logins = 0;
  std::optional<std::string> locked_until;
};

struct SessionRecord {
  int64_t user_id = 0;
  std::string csrf_token;
  std::string last_seen_at;
  std::string expires_at;
  int64_t idle_seconds = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::string password;
  std::vector<RoleGrant> roles;
  bool must_change_password = true;
};

}  // namespace shequ::auth
