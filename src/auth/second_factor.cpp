#include "auth/second_factor.hpp"

#include <sodium.h>

#include <fmt/format.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "auth/totp.hpp"

namespace shequ::auth {

Result<SecondFactor::Setup> SecondFactor::setup(const Actor& actor) {
  SHEQU_ASSIGN_OR_RETURN(
      auto credentials,
      context_.db.read_value<std::optional<Credentials>>([&](storage::Session& s) {
        return AuthRepository::find_credentials(s, actor.username);
      }));
  if (!credentials) return Error::unauthenticated(kSessionEnded);
  if (credentials->totp_enabled) {
    return Error::conflict(
        {"已启用动态口令", "a second factor is already enabled for this account"});
  }
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::set_totp_secret(s, actor.user_id,
                                              context_.keyring.seal(secret, kTotpContext)));
    return context_.audit.append(
        s, audit::who(actor, ""),
        {"auth.totp.setup", "user", actor.username, "success", "", actor.unit_code});
  }));
  const std::string encoded = base32(secret);
  return Setup{
      encoded,
      fmt::format(
          "otpauth://totp/shequ:{}?secret={}&issuer=shequ&algorithm=SHA1&digits=6&period=30",
          actor.username, encoded)};
}

Status SecondFactor::enable(const Actor& actor, const std::string& code) {
  SHEQU_ASSIGN_OR_RETURN(
      auto credentials,
      context_.db.read_value<std::optional<Credentials>>([&](storage::Session& s) {
        return AuthRepository::find_credentials(s, actor.username);
      }));
  if (!credentials || credentials->totp_sealed.empty() || credentials->totp_enabled) {
    return Error::conflict({"请先设置动态口令", "set up the second factor first"});
  }
  SHEQU_ASSIGN_OR_RETURN(std::string secret,
                         context_.keyring.open(credentials->totp_sealed, kTotpContext));
  const auto step = totp_match(secret, code, context_.clock.now(), credentials->totp_last_step);
  if (!step) return Error::invalid("code", {"动态口令不正确", "the code is wrong"});
  SHEQU_TRY(context_.db.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(AuthRepository::enable_totp(s, actor.user_id));
    SHEQU_TRY(AuthRepository::consume_totp_step(s, actor.user_id, *step));
    return context_.audit.append(
        s, audit::who(actor, ""),
        {"auth.totp.enable", "user", actor.username, "success", "", actor.unit_code});
  }));
  sessions_.forget(actor.user_id);  // the cached actor still says "must set up"
  return {};
}

}  // namespace shequ::auth
