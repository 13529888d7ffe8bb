#include "volunteer/hour_record.hpp"

#include <fmt/format.h>

#include "common/strings.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/hour_repository.hpp"

namespace shequ::volunteer {

HourRecord::HourRecord(storage::Database& db, const audit::Log& audit,
                       const privacy::Keyring& keyring)
    : db_(db), audit_(audit), key_(keyring.derived_key(kChainKeyPurpose)) {}

Result<HourEntry> HourRecord::append(storage::Session& s, const audit::Who& who,
                                     HourEntry entry) const {
  SHEQU_ASSIGN_OR_RETURN(HourEntry stored, repository::append_hours(s, key_, std::move(entry)));
  SHEQU_TRY(audit_.append(
      s, who,
      {std::string(kAuditHoursRecord), "volunteer_hour", std::to_string(stored.seq), "success",
       fmt::format("mac {} volunteer {} activity {} minutes {}{}", stored.mac.substr(0, 16),
                   stored.volunteer_id, stored.activity_id, stored.minutes,
                   stored.corrects ? fmt::format(" corrects {}", *stored.corrects) : ""),
       stored.unit_code}));
  return stored;
}

Result<HourVerification> HourRecord::verify() const {
  HourVerification verification;
  ChainCheck check(key_);
  SHEQU_TRY(db_.read([&](storage::Session& s) {
    return repository::for_each_hour(s, [&](const HourEntry& entry) -> Status {
      check.add(entry);
      return {};
    });
  }));
  verification.entries = check.entries();
  verification.last_seq = check.last_seq();
  verification.flaws = check.flaws();
  SHEQU_ASSIGN_OR_RETURN(
      const audit::EntryPage newest,
      audit::query(db_,
                   {.action = std::string(kAuditHoursRecord), .every_unit = true, .limit = 1}));
  if (!newest.items.empty()) {
    const auto seq = parse_decimal(newest.items.front().object_id);
    if (!seq) return Error::internal("an hour entry's audit row names no seq");
    verification.audited_seq = *seq;
  }
  return verification;
}

}  // namespace shequ::volunteer
