// The volunteer module's declaration (kit/module.hpp): volunteers, their organisations and
// activities, and the hour record (ADR 0030).
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::volunteer {

// A resident: apply to volunteer, sign up for activities, check in and out, see their hours.
inline constexpr std::string_view kSelfJoin = "volunteer:self:join";
// Staff of a village, community or township: approve volunteers, register those without a phone.
inline constexpr std::string_view kRosterManage = "volunteer:roster:manage";
// Staff: publish activities, show check-in codes, check in by hand, confirm hours.
inline constexpr std::string_view kActivityManage = "volunteer:activity:manage";
// Staff and the officials above: read volunteers, activities and the hour record of their scope.
inline constexpr std::string_view kHoursRead = "volunteer:hours:read";

// Audit actions. An hour entry's row names its seq and the start of its MAC: the anchor that
// shows when the newest entries were removed (ADR 0030).
inline constexpr std::string_view kAuditHoursRecord = "volunteer.hours.record";
inline constexpr std::string_view kAuditApply = "volunteer.volunteer.apply";
inline constexpr std::string_view kAuditRegister = "volunteer.volunteer.register";
inline constexpr std::string_view kAuditDecide = "volunteer.volunteer.decide";
inline constexpr std::string_view kAuditPublish = "volunteer.activity.publish";
inline constexpr std::string_view kAuditSignup = "volunteer.activity.signup";
inline constexpr std::string_view kAuditCheck = "volunteer.activity.check";
inline constexpr std::string_view kAuditConfirm = "volunteer.activity.confirm";
inline constexpr std::string_view kAuditCertificateIssue = "volunteer.certificate.issue";
inline constexpr std::string_view kAuditOrganisationRegister = "volunteer.organisation.register";
inline constexpr std::string_view kAuditOrganisationMember = "volunteer.organisation.member";

// Keyring contexts of the sealed fields.
inline constexpr std::string_view kNameContext = "volunteer.name";
inline constexpr std::string_view kPhoneContext = "volunteer.phone";
inline constexpr std::string_view kOrganisationContactNameContext =
    "volunteer_organisation.contact_name";
inline constexpr std::string_view kOrganisationContactPhoneContext =
    "volunteer_organisation.contact_phone";

// The keys the hour record is chained under and check-in codes are signed with
// (privacy::Keyring::derived_key).
inline constexpr std::string_view kChainKeyPurpose = "volunteer_hour.chain";
inline constexpr std::string_view kCodeKeyPurpose = "volunteer.check_code";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::volunteer
