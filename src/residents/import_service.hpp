// Imports of household registers (resident_import.hpp) as background jobs: a file is accepted at
// once (readable, within the caller's scope), kept sealed, and read by a residents.import job that
// writes every household and person of it in one transaction, or nothing when any row is bad
// (every problem listed with its line and column), so that a register is never half in.
//
// Checked against the database: each household's grid lies in the import's unit; an ID number
// not registered already (the problem names the unit it is registered in, not the person). The
// submitter's right to set the sensitive tags is judged when the file is accepted.
//
// Audited: the upload by the submitter, the outcome (households and people written, or the
// count of problems) in the submitter's name with the job's number.
//
// Thread-safe: holds references only; the runner, services and keyring must outlive it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/json.hpp"
#include "jobs/job_runner.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"

namespace shequ::residents {

// The largest file accepted: a register of kMaxImportPeople rows fits several times over.
inline constexpr std::size_t kMaxImportBytes = 32u << 20;
inline constexpr std::size_t kMaxImportFileName = 200;

enum class ImportState { queued, running, imported, refused, failed };
std::string_view import_state_name(ImportState state);

struct ImportView {
  int64_t id = 0;  // the job's
  std::string unit_code;
  std::string file_name;
  ImportState state = ImportState::queued;
  double progress = 0;
  int64_t households = 0;
  int64_t persons = 0;
  // refused: every bad cell (kMaxImportProblems, then one saying how many); failed: why.
  std::vector<FieldError> problems;
  int64_t problem_count = 0;
  std::string created_by_name;
  std::string created_at;
  std::optional<std::string> finished_at;
};

struct ImportList {
  std::vector<ImportView> items;  // newest first, without their problems
  int64_t total = 0;
};

class ImportService {
 public:
  ImportService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                const Clock& clock, const privacy::Keyring& keyring, const jobs::JobRunner& runner);

  // Accepts `file` (an .xlsx workbook or CSV in UTF-8 or GB18030) for the subtree of `unit`,
  // where the actor holds residents:person:write, and queues its job. invalid_argument (field
  // "file") when it cannot be read as a table or its header is not the template's, too_large
  // beyond kMaxImportBytes, not_found for a unit out of scope.
  Result<ImportView> submit(const Actor& actor, const std::string& unit,
                            const std::string& file_name, std::string file) const;
  // An import whose unit is in the actor's scope (residents:person:write); not_found otherwise.
  Result<ImportView> find(const Actor& actor, int64_t id) const;
  // The imports within `unit` (default: the actor's scope), newest first.
  Result<ImportList> list(const Actor& actor, const std::optional<std::string>& unit, int64_t page,
                          int64_t page_size) const;

  // The job: reads the file, checks, writes all or nothing; the outcome as JSON. Run again after
  // a crash, it answers the outcome recorded, if any, without writing twice.
  Result<Json> run(const jobs::JobContext& context) const;

  // Drops the files of imports whose job never ended, a day after upload; how many.
  Result<int64_t> drop_abandoned_files() const;

 private:
  ImportView view_of(const jobs::Job& job, bool with_problems) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
  const jobs::JobRunner& runner_;
};

}  // namespace shequ::residents
