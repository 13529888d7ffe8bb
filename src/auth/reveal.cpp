#include "auth/reveal.hpp"

#include <fmt/format.h>

#include "auth/auth_repository.hpp"
#include "auth/declaration.hpp"
#include "common/strings.hpp"

namespace shequ::auth {

Result<std::string> PersonalDataReveal::unmask_phone(const Actor& actor, int64_t id,
                                                     const std::string& reason) {
  SHEQU_ASSIGN_OR_RETURN(const std::string trimmed, normalise_text(trim(reason), "reason"));
  if (utf8_length(trimmed) < 2 || utf8_length(trimmed) > 200) {
    return Error::invalid(
        "reason", {"请说明查看原因（2-200 个字符）", "state the reason (2-200 characters)"});
  }
  SHEQU_ASSIGN_OR_RETURN(const User found, context_.find_user(id));
  SHEQU_TRY(context_.ensure_manageable(actor, kUserUnmask, found, "pii.unmask"));
  if (found.phone_sealed.empty()) {
    return Error::not_found({"该账号没有登记手机号码", "the account has no phone number"});
  }
  SHEQU_ASSIGN_OR_RETURN(std::string phone,
                         context_.keyring.open(found.phone_sealed, kPhoneContext));
  SHEQU_TRY(context_.db.write([&](storage::Session& s) {
    return context_.audit.append(
        s, audit::who(actor, kUserUnmask),
        {"pii.unmask", "user.phone", std::to_string(id), "success", trimmed, found.unit_code});
  }));
  return phone;
}

}  // namespace shequ::auth
