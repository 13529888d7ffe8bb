// What a module declares about itself, once: the permissions it defines (with labels), what each
// built-in role gets of them, its schema migrations, its audit action codes, its sealed
// personal-data fields, its kinds of background job and of to-do. The composition root gathers the
// declarations of every module into a Registry; the role table, the router, the migration runner,
// the audit log, key rotation and the tests read them from there, so that adding a module edits no
// shared list.
//
// Declarations are plain data with the lifetime of the program (each module defines one as a
// function-local static); every string_view in them points at a string literal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "storage/migrations.hpp"

namespace shequ::kit {

// A permission, "module:object:action"; its first part is the declaring module's name.
struct Permission {
  std::string_view key;
  Text label;
};

// The permissions of this module a built-in role carries (role keys: auth/roles.hpp).
struct RoleGrants {
  std::string_view role;
  std::vector<std::string_view> permissions;
};

// An action code the module writes to the audit log ("org.grid.create").
struct AuditAction {
  std::string_view action;
  Text label;
};

// How a sealed value is shown in answers.
enum class Masking {
  mobile,       // 138****5678
  resident_id,  // 620***********123X
  name,         // 张*三
  address,      // 兰州市城关区畅家巷****: the street, not the door
  hidden,       // never shown at all (secrets)
};

// A personal-data field stored sealed (privacy::Keyring): where it lives, so that key rotation
// re-seals every one of them, and how it is masked. Table and columns are identifiers from this
// declaration, never from input.
struct SealedField {
  std::string_view context;     // the keyring context, "app_user.phone"
  std::string_view table;       // "app_user"
  std::string_view key_column;  // "id"
  std::string_view column;      // "phone_sealed"
  Masking masking;
  Text label;
};

// A kind of background job the module runs (jobs/job_runner.hpp): submitted by the module's
// services, or put in the queue on a schedule. The module gives the runner its handler when it
// starts.
struct JobKind {
  std::string_view kind;  // "access.siting": the module's name first
  Text label;
  // Submitted by the runner once per period, by exactly one server (periods are counted from
  // midnight China time, so a day's period starts at 00:00 in Gansu). Zero: not scheduled.
  std::chrono::seconds every{0};
  // Runs in all, counting the first: a run whose server stopped (crash, kill, lost database)
  // is put back in the queue until this many have begun, then failed with the reason.
  int max_attempts = 2;
};

// A kind of to-do (待办) the module counts for the workbench: things waiting for the signed-in
// account (grids nobody serves, cases to accept, visits overdue). The count itself comes from the
// module's runtime (app::ModuleRuntime::todo_counts) over the caller's scope.
struct TodoKind {
  std::string_view code;        // "org.grids.unstaffed": the module's name first
  Text label;                   // what the count counts
  std::string_view permission;  // shown to holders of this permission (any module's)
};

// What a module counts for one of the plan's indicators at one unit (ADR 0030): the numerator,
// and the denominator when the indicator does not divide by one of the engine's facts.
struct UnitCounts {
  std::string unit;  // a unit code
  int64_t numerator = 0;
  int64_t denominator = 0;
};

struct ModuleDeclaration {
  std::string_view name;  // "org": the first part of its permissions
  Text label;
  std::vector<Permission> permissions;
  std::vector<RoleGrants> grants;
  std::vector<storage::Migration> migrations;
  std::vector<AuditAction> audit_actions;
  std::vector<SealedField> sealed_fields;
  std::vector<JobKind> jobs;
  std::vector<TodoKind> todos;
  // What the module's machine clients need (its own permissions): a key the operator issues at
  // the command line (`shequ apikey create`) carries these of every module unless told otherwise.
  std::vector<std::string_view> client_key_permissions;
  // The plan's indicator rows (indicator/catalogue.hpp ids, entered ones) the module counts from
  // its own records (app::ModuleRuntime::count_indicator): where a unit has such records, they
  // replace the values entered for it. At most one module counts a row.
  std::vector<std::string_view> indicators;
};

}  // namespace shequ::kit
