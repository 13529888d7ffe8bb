// Keys for machine clients.
//
// A key is held by its issuer's auth:apikey:manage over its unit, may carry only permissions the
// issuer holds there and none that manage accounts (api_key_may_carry); a key cannot issue keys.
// The token is returned once: only its hash is stored. At every use the key acts with those of
// its permissions its issuer holds over the key's unit at that moment, and ends with its issuer.
//
// Thread-safe. The context outlives it.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "auth/auth_context.hpp"

namespace shequ::auth {

class ApiKeys {
 public:
  explicit ApiKeys(AuthContext& context) : context_(context) {}

  Result<std::pair<ApiKey, std::string>> create(const Actor& actor, const std::string& name,
                                                const std::string& unit,
                                                const std::vector<std::string>& permissions);
  // The operator at the command line issues a key (`shequ apikey create`): checked as create()
  // checks it, no issuer, audited as the operator's.
  Result<std::pair<ApiKey, std::string>> create_as_operator(
      const std::string& name, const std::string& unit,
      const std::vector<std::string>& permissions);
  Result<std::vector<ApiKey>> list(const Actor& actor);
  Status revoke(const Actor& actor, int64_t id);
  // The actor a key stands for: its unit's subtree, with those of its permissions its issuer
  // holds over the unit now (an operator's key: all of them). unauthenticated when the key is
  // unknown or revoked, or its issuer is gone or disabled.
  Result<Actor> authenticate(const std::string& token, const ClientInfo& client);

 private:
  // The problems of a new key's name, unit and permissions, every one at once; its name as kept.
  Result<std::string> check_new(const std::string& name, const std::string& unit,
                                const std::vector<std::string>& permissions) const;
  // Stores the key and its audit entry; the key with its id, and its token.
  Result<std::pair<ApiKey, std::string>> store(ApiKey key, const audit::Who& who);

  AuthContext& context_;
};

}  // namespace shequ::auth
