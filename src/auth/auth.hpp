// The account services, split along their seams and built on one shared context: sessions
// (sign-in, sign-out, own password), accounts and grants, the second factor, API keys, the
// reveal of personal data, and grid workers on grids. The composition root owns one Auth;
// everything else takes the part it needs.
//
// Thread-safe (each part is). The references given outlive it.
#pragma once

#include "auth/accounts.hpp"
#include "auth/api_keys.hpp"
#include "auth/auth_context.hpp"
#include "auth/grid_workers.hpp"
#include "auth/reveal.hpp"
#include "auth/second_factor.hpp"
#include "auth/sessions.hpp"

namespace shequ::auth {

class Auth {
 public:
  // `keyring` seals personal data (phones, TOTP secrets).
  Auth(storage::Database& db, org::OrgService& org, const Clock& clock,
       const privacy::Keyring& keyring, const audit::Log& audit, const RoleTable& roles,
       AuthOptions options)
      : context_(db, org, clock, keyring, audit, roles, std::move(options)),
        sessions_(context_),
        accounts_(context_, sessions_),
        second_factor_(context_, sessions_),
        api_keys_(context_),
        reveal_(context_),
        grid_workers_(context_) {}

  Sessions& sessions() { return sessions_; }
  Accounts& accounts() { return accounts_; }
  SecondFactor& second_factor() { return second_factor_; }
  ApiKeys& api_keys() { return api_keys_; }
  PersonalDataReveal& reveal() { return reveal_; }
  GridWorkers& grid_workers() { return grid_workers_; }

  const PasswordPolicy& policy() const { return context_.policy; }
  const RoleTable& roles() const { return context_.roles; }
  PasswordGate& password_gate() { return context_.gate; }

 private:
  AuthContext context_;  // first: the parts below are built on it
  Sessions sessions_;
  Accounts accounts_;
  SecondFactor second_factor_;
  ApiKeys api_keys_;
  PersonalDataReveal reveal_;
  GridWorkers grid_workers_;
};

}  // namespace shequ::auth
