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
  std::string phone_sealed;  // as stored; never leaves the service
  std::string phone_masked;  // "138****5678", or empty when the account has no phone
  bool totp_enabled = false;
};

// An account serving a grid (网格员).
struct GridAssignment {
  std::string grid_code;
  User worker;             // as stored: the service presents it (phone masked)
  std::string work_phone;  // a public work number; empty when none was given
  std::string assigned_at;
};

// What login needs of a stored account.
struct Credentials {
  int64_t user_id = 0;
  std::string password_hash;
  std::string status;
  int64_t failed_logins = 0;
  std::optional<std::string> locked_until;
  std::string totp_sealed;  // empty: no second factor set up
  bool totp_enabled = false;
  int64_t totp_last_step = 0;
  std::string unit_code;  // the account's home unit
};

struct SessionRecord {
  int64_t user_id = 0;
  std::string csrf_token;
  std::string last_seen_at;
  std::string expires_at;
  int64_t idle_seconds = 0;
};

struct ApiKey {
  int64_t id = 0;
  std::string name;
  std::string unit_code;
  std::vector<std::string> permissions;
  std::string created_at;
  bool revoked = false;
  // The issuer: the key never does more than this account may now. 0: the operator at the
  // command line (`shequ apikey create`), whose key carries its permissions as issued.
  int64_t created_by = 0;
};

// Failed sign-ins of one account name or one source address in the current window.
struct LoginThrottle {
  std::string scope;  // "name" | "source"
  std::string subject;
  std::string window_start;
  int64_t failures = 0;
  int64_t audited = 0;
  int64_t unaudited = 0;
  std::string unaudited_from;
  std::string unaudited_to;
  std::string last_source;
  std::string object_unit;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string unit_code;
  std::string password;
  std::vector<RoleGrant> roles;
  bool must_change_password = true;
  std::string phone;  // personal data: empty for none
};

}  // namespace shequ::auth
