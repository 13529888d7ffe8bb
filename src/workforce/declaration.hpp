// The workforce module's declaration (kit/module.hpp): the roster of community workers, their
// training, and the plan's indicators counted from them (ADR 0030).
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::workforce {

// Read the roster, the courses and who still needs training, over one's units.
inline constexpr std::string_view kRosterRead = "workforce:roster:read";
// Keep the roster: register workers, start and end their posts.
inline constexpr std::string_view kRosterManage = "workforce:roster:manage";
// Run courses: create them, enrol workers, record and import attendance.
inline constexpr std::string_view kTrainingManage = "workforce:training:manage";

inline constexpr std::string_view kAuditWorkerRegister = "workforce.worker.register";
inline constexpr std::string_view kAuditWorkerChange = "workforce.worker.change";
inline constexpr std::string_view kAuditPostStart = "workforce.post.start";
inline constexpr std::string_view kAuditPostEnd = "workforce.post.end";
inline constexpr std::string_view kAuditCourseCreate = "workforce.course.create";
inline constexpr std::string_view kAuditEnrol = "workforce.attendance.enrol";
inline constexpr std::string_view kAuditAttendance = "workforce.attendance.record";
inline constexpr std::string_view kAuditImport = "workforce.attendance.import";
inline constexpr std::string_view kAuditWorkerSearch = "workforce.worker.search";

// Keyring contexts of the sealed fields.
inline constexpr std::string_view kNameContext = "workforce_worker.name";
inline constexpr std::string_view kPhoneContext = "workforce_worker.phone";
inline constexpr std::string_view kIdNumberContext = "workforce_worker.id_number";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::workforce
