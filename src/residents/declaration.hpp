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
// Recording home visits (and reading their notes).
inline constexpr std::string_view kVisitRecord = "residents:visit:record";
// The township deciding the assessments that visits refer to it (低保, 特困).
inline constexpr std::string_view kReferralDecide = "residents:referral:decide";
// The province and the cities setting who is visited how often.
inline constexpr std::string_view kRulesManage = "residents:rules:manage";

// To-dos (kit::TodoKind): care targets not visited this period, referrals awaiting a decision.
inline constexpr std::string_view kTodoOverdue = "residents.visits.overdue";
inline constexpr std::string_view kTodoReferrals = "residents.referrals.open";

// The daily job that anonymises people who moved away longer than kRetentionYears ago.
inline constexpr std::string_view kAnonymiseKind = "residents.anonymise";
// The job that reads an uploaded register and writes it, all or nothing (import_service.hpp).
inline constexpr std::string_view kImportKind = "residents.import";
// The daily job that reminds grid workers of the care targets not yet visited this period: from
// the kReminderDay of each month, once a month (VisitService::remind_overdue), by a message of
// kind kReminderMessage in their inbox.
inline constexpr std::string_view kRemindKind = "residents.visits.remind";
inline constexpr std::string_view kReminderMessage = "residents.visits.reminder";
inline constexpr int kReminderDay = 20;
// How long the identity of a person who moved away is kept (docs/security.md).
inline constexpr int kRetentionYears = 3;

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
inline constexpr std::string_view kAuditPersonAnonymise = "residents.person.anonymise";
inline constexpr std::string_view kAuditVisitRecord = "residents.visit.record";
inline constexpr std::string_view kAuditVisitRead = "residents.visit.read";
inline constexpr std::string_view kAuditReferralCreate = "residents.referral.create";
inline constexpr std::string_view kAuditReferralDecide = "residents.referral.decide";
inline constexpr std::string_view kAuditRulesUpdate = "residents.rules.update";
inline constexpr std::string_view kAuditImportSubmit = "residents.import.submit";
inline constexpr std::string_view kAuditImport = "residents.import";

// Keyring contexts of the sealed fields.
inline constexpr std::string_view kAddressContext = "resident_household.address";
inline constexpr std::string_view kNameContext = "resident_person.name";
inline constexpr std::string_view kIdNumberContext = "resident_person.id_number";
inline constexpr std::string_view kPhoneContext = "resident_person.phone";
inline constexpr std::string_view kVisitNoteContext = "resident_visit.note";
inline constexpr std::string_view kImportFileContext = "resident_import.file";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::residents
