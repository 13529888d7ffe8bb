// The residents module's declaration (kit/module.hpp): households and the people living in them
// (实有人口), the most sensitive personal data the platform holds.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::residents {

// Lists and records of households and people in scope, always masked.
inline constexpr std::string_view kPersonRead = "residents:person:read";
// Registering households and people, correcting them, recording moves.
inline constexpr std::string_view kPersonWrite = "residents:person:write";
// A field in clear, with a reason; and everything held about one person (a subject-access
// request under PIPL).
inline constexpr std::string_view kPersonReveal = "residents:person:reveal";
// The most sensitive tags (a mental disorder in community rehabilitation, community correction):
// seen and set only by those who need them.
inline constexpr std::string_view kSensitiveTags = "residents:person:sensitive";

// Audit actions.
inline constexpr std::string_view kAuditHouseholdCreate = "residents.household.create";
inline constexpr std::string_view kAuditHouseholdRead = "residents.household.read";
inline constexpr std::string_view kAuditPersonCreate = "residents.person.create";
inline constexpr std::string_view kAuditPersonRead = "residents.person.read";
inline constexpr std::string_view kAuditPersonUpdate = "residents.person.update";
inline constexpr std::string_view kAuditPersonMove = "residents.person.move";
inline constexpr std::string_view kAuditPersonSearch = "residents.person.search";
inline constexpr std::string_view kAuditPersonReveal = "residents.person.reveal";
inline constexpr std::string_view kAuditPersonExport = "residents.person.export";

// Keyring contexts of the sealed fields.
inline constexpr std::string_view kAddressContext = "resident_household.address";
inline constexpr std::string_view kNameContext = "resident_person.name";
inline constexpr std::string_view kIdNumberContext = "resident_person.id_number";
inline constexpr std::string_view kPhoneContext = "resident_person.phone";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::residents
