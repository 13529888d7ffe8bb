#include "residents/import_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <thread>

#include "common/compression.hpp"
#include "common/strings.hpp"
#include "common/table_reader.hpp"
#include "residents/checks.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_import.hpp"
#include "residents/resident_repository.hpp"

namespace shequ::residents {

namespace {

Error import_not_found() {
  return Error::not_found({"未找到该导入", "no such import"});
}

Json problems_json(const std::vector<FieldError>& problems) {
  Json out = Json::array();
  for (const FieldError& p : problems) {
    out.push_back({{"field", p.field}, {"line", p.line}, {"zh", p.reason.zh}, {"en", p.reason.en}});
  }
  return out;
}

std::vector<FieldError> problems_of(const Json& json) {
  std::vector<FieldError> out;
  if (!json.is_array()) return out;
  for (const Json& p : json) {
    out.push_back({p.value("field", std::string("file")),
                   {p.value("zh", std::string()), p.value("en", std::string())},
                   p.value("line", int64_t{0})});
  }
  return out;
}

Json refused(std::vector<FieldError> problems, std::size_t count) {
  return {{"state", "refused"},
          {"problemCount", static_cast<int64_t>(count)},
          {"problems", problems_json(problems)}};
}

// A whole-file refusal (a header not the template's, nobody in it, too many rows, a damaged
// workbook) as the problems of an outcome.
Json refused(const Error& error) {
  std::vector<FieldError> problems = error.details;
  if (problems.empty()) problems.push_back({"file", error.message});
  const std::size_t count = problems.size();
  return refused(std::move(problems), count);
}

// The share of the reading in the progress shown, and the rows a file of `bytes` likely holds
// (a CSV row of a register is about 110 bytes; a workbook's, compressed, about 45).
constexpr double kReadingShare = 0.3;
double rows_expected(TableReader::Format format, int64_t bytes) {
  return std::max(1.0,
                  static_cast<double>(bytes) / (format == TableReader::Format::csv ? 110 : 45));
}

// The submitter, as recorded when the file was accepted, for the job's audit entries.
audit::Who submitter(const jobs::Job& job) {
  return {job.created_by,
          job.created_by_name,
          job.params.value("role", std::string()),
          job.params.value("home", std::string()),
          "",
          fmt::format("job-{}", job.id)};
}

// Runs work(0) … work(n - 1) on every core; each index once.
void in_parallel(std::size_t n, const std::function<void(std::size_t)>& work) {
  const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::atomic<std::size_t> next{0};
  const auto run = [&] {
    for (std::size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::jthread> helpers;
  for (std::size_t t = 1; t < threads && t < n; ++t) helpers.emplace_back(run);
  run();
}

}  // namespace

std::string_view import_state_name(ImportState state) {
  switch (state) {
    case ImportState::queued:
      return "queued";
    case ImportState::running:
      return "running";
    case ImportState::imported:
      return "imported";
    case ImportState::refused:
      return "refused";
    case ImportState::failed:
      return "failed";
  }
  return "failed";
}

ImportService::ImportService(const org::OrgService& org, storage::Database& db,
                             const audit::Log& audit, const Clock& clock,
                             const privacy::Keyring& keyring, const jobs::JobRunner& runner)
    : org_(org), db_(db), audit_(audit), clock_(clock), keyring_(keyring), runner_(runner) {}

Result<ImportView> ImportService::submit(const Actor& actor, const std::string& unit,
                                         const std::string& file_name, std::string file) const {
  SHEQU_ASSIGN_OR_RETURN(org::UnitView target, org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kPersonWrite, unit));
  if (utf8_length(file_name) > kMaxImportFileName) {
    return Error::invalid("fileName", {fmt::format("文件名最长 {} 个字", kMaxImportFileName),
                                       fmt::format("at most {} characters", kMaxImportFileName)});
  }
  if (file.size() > kMaxImportBytes) {
    return Error::too_large({fmt::format("文件不能超过 {} MB", kMaxImportBytes >> 20),
                             fmt::format("the file must not exceed {} MB", kMaxImportBytes >> 20)});
  }
  // Opened and its header read now, so that a file of another kind, encoding or template is
  // refused at once; its rows are the job's.
  SHEQU_ASSIGN_OR_RETURN(auto table, TableReader::open(file));
  SHEQU_ASSIGN_OR_RETURN(auto header, table->next());
  if (!header) return Error::invalid("file", {"文件中没有居民", "the file holds nobody"});
  for (std::string& cell : header->cells) cell = std::string(trim(cell));
  SHEQU_TRY(check_header(header->cells, import_columns(), header->line));
  table.reset();
  const int64_t bytes = static_cast<int64_t>(file.size());
  repository::ImportFile stored{.unit_code = unit,
                                .file_sealed = keyring_.seal(compress(file), kImportFileContext),
                                .file_bytes = bytes,
                                .file_deflated = true,
                                .created_at = format_timestamp(clock_.now())};
  file.clear();
  const audit::Who who = audit::who(actor, kPersonWrite);
  return db_.write_value<ImportView>([&](storage::Session& s) -> Result<ImportView> {
    SHEQU_ASSIGN_OR_RETURN(const int64_t file_id, repository::insert_import(s, stored));
    SHEQU_ASSIGN_OR_RETURN(
        const jobs::Job job,
        runner_.submit(s, {.kind = std::string(kImportKind),
                           .unit_code = unit,
                           .created_by = actor.user_id,
                           .created_by_name = actor.username,
                           .params = {{"file", file_id},
                                      {"fileName", file_name},
                                      {"sensitive", org_.covers(actor, kSensitiveTags, unit)},
                                      {"role", who.role},
                                      {"home", who.unit_code}}}));
    SHEQU_TRY(
        audit_.append(s, who,
                      {std::string(kAuditImportSubmit), "import", std::to_string(job.id), "success",
                       fmt::format("{} bytes into {}", bytes, target.unit.name), unit}));
    return view_of(job, true);
  });
}

ImportView ImportService::view_of(const jobs::Job& job, bool with_problems) const {
  ImportView view;
  view.id = job.id;
  view.unit_code = job.unit_code;
  view.file_name = job.params.value("fileName", std::string());
  view.progress = job.progress;
  view.created_by_name = job.created_by_name;
  view.created_at = job.created_at;
  if (!job.finished_at.empty()) view.finished_at = job.finished_at;
  switch (job.state) {
    case jobs::JobState::queued:
      view.state = ImportState::queued;
      break;
    case jobs::JobState::running:
      view.state = ImportState::running;
      break;
    case jobs::JobState::done: {
      const Json outcome = job.result.value_or(Json::object());
      view.state = outcome.value("state", std::string()) == "imported" ? ImportState::imported
                                                                       : ImportState::refused;
      view.households = outcome.value("households", int64_t{0});
      view.persons = outcome.value("persons", int64_t{0});
      view.problem_count = outcome.value("problemCount", int64_t{0});
      if (with_problems && outcome.contains("problems")) {
        view.problems = problems_of(outcome["problems"]);
      }
      break;
    }
    case jobs::JobState::failed:
    case jobs::JobState::cancelled:
      view.state = ImportState::failed;
      view.problem_count = 1;
      if (with_problems) {
        view.problems.push_back(
            {"file", job.error.value_or(Text{"导入未能完成", "the import did not finish"})});
      }
      break;
  }
  return view;
}

Result<ImportView> ImportService::find(const Actor& actor, int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto job, runner_.find(id));
  if (!job || job->kind != kImportKind || !org_.covers(actor, kPersonWrite, job->unit_code)) {
    return import_not_found();
  }
  return view_of(*job, true);
}

Result<ImportList> ImportService::list(const Actor& actor, const std::optional<std::string>& unit,
                                       int64_t page, int64_t page_size) const {
  jobs::JobFilter filter;
  filter.kind = std::string(kImportKind);
  if (unit) {
    SHEQU_TRY(org_.in_scope(actor, kPersonWrite, *unit));
    filter.roots = {*unit};
  } else {
    filter.roots = actor.roots_for(kPersonWrite);
  }
  filter.limit = page_size;
  filter.offset = (page - 1) * page_size;
  SHEQU_ASSIGN_OR_RETURN(const jobs::JobPage found, runner_.list(filter));
  ImportList out;
  out.total = found.total;
  for (const jobs::Job& job : found.items) out.items.push_back(view_of(job, false));
  return out;
}

Result<Json> ImportService::run(const jobs::JobContext& context) const {
  const jobs::Job& job = context.job();
  const int64_t file_id = job.params.value("file", int64_t{0});
  SHEQU_ASSIGN_OR_RETURN(
      auto stored, db_.read_value<std::optional<repository::ImportFile>>(
                       [&](storage::Session& s) { return repository::find_import(s, file_id); }));
  if (!stored) return Error::internal(fmt::format("import {} has no file {}", job.id, file_id));
  // Run again after a crash that followed the outcome's commit: the same answer, nothing twice.
  if (stored->outcome) return parse_json_strict(*stored->outcome);
  if (!stored->file_sealed) {
    return Error::conflict(
        {"上传的文件已过期，请重新上传", "the file has expired; upload it again"});
  }
  const auto finish = [&](const Json& outcome) -> Result<Json> {
    SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
      SHEQU_TRY(repository::finish_import(s, file_id, outcome.dump()));
      const bool imported = outcome["state"] == "imported";
      return audit_.append(
          s, submitter(job),
          {std::string(kAuditImport), "import", std::to_string(job.id),
           imported ? "success" : "failure",
           imported ? fmt::format("{} households, {} people", outcome["households"].get<int64_t>(),
                                  outcome["persons"].get<int64_t>())
                    : fmt::format("{} problems", outcome["problemCount"].get<int64_t>()),
           job.unit_code});
    }));
    return outcome;
  };

  SHEQU_ASSIGN_OR_RETURN(std::string file, keyring_.open(*stored->file_sealed, kImportFileContext));
  if (stored->file_deflated) {
    SHEQU_ASSIGN_OR_RETURN(file, decompress(file, static_cast<std::size_t>(stored->file_bytes)));
  }
  auto table = TableReader::open(std::move(file));
  if (!table) return finish(refused(table.error()));
  const double expected = rows_expected((*table)->format(), stored->file_bytes);
  RegisterReader reader({china_date(clock_.now()), job.params.value("sensitive", false)});
  auto read = reader.read(**table, [&](std::size_t rows) {
    return context.progress(kReadingShare * std::min(0.95, static_cast<double>(rows) / expected));
  });
  if (!read) {
    if (read.error().code == ErrorCode::conflict) return std::move(read).error();  // cancelled
    return finish(refused(read.error()));
  }
  std::vector<ImportedHousehold>& households = *read;
  ProblemList& problems = reader.problems();
  const auto& columns = import_columns();
  const TemplateColumn& grid_column = columns[1];
  const TemplateColumn& id_column = columns[7];

  // What the database tells: the grids, and the ID numbers registered already.
  std::size_t people = 0;
  for (const ImportedHousehold& household : households) {
    const auto grid = org_.unit(household.household.grid);
    if (!household.household.grid.empty() &&
        (!grid || grid->unit.level != org::Level::grid ||
         !org_.tree().contains(job.unit_code, grid->unit.code))) {
      problems.add(grid_column, household.line,
                   {"不是本次导入单位下的网格编码", "not the code of a grid of the import's unit"});
    }
    people += household.members.size();
  }
  std::vector<std::vector<std::string>> indexes(households.size());
  in_parallel(households.size(), [&](std::size_t h) {
    for (const ImportedPerson& m : households[h].members) {
      indexes[h].push_back(keyring_.blind_index(m.person.id_number, kIdNumberContext));
    }
  });
  std::vector<std::string> all_indexes;
  all_indexes.reserve(people);
  for (const auto& household : indexes) {
    all_indexes.insert(all_indexes.end(), household.begin(), household.end());
  }
  using Registered = std::map<std::string, std::string>;  // index → unit
  SHEQU_ASSIGN_OR_RETURN(const Registered registered,
                         db_.read_value<Registered>([&](storage::Session& s) {
                           return repository::registered_id_numbers(s, all_indexes);
                         }));
  for (std::size_t h = 0; h < households.size() && !registered.empty(); ++h) {
    for (std::size_t i = 0; i < households[h].members.size(); ++i) {
      const auto existing = registered.find(indexes[h][i]);
      if (existing == registered.end()) continue;
      const auto unit = org_.unit(existing->second);
      const std::string where = unit ? unit->unit.name : existing->second;
      problems.add(id_column, households[h].members[i].line,
                   {fmt::format("该公民身份号码已登记在{}", where),
                    fmt::format("this ID number is registered in {}", where)});
    }
  }
  if (!problems.empty()) {
    const std::size_t count = problems.count();
    return finish(refused(std::move(problems).finish(), count));
  }

  // Sealed a slice ahead of the writing, on another core: while the writer inserts one slice the
  // next is sealed, so sealing adds only the first slice's time to the import.
  constexpr std::size_t kSlice = 1000;
  const std::string now = format_timestamp(clock_.now());
  const auto seal_slice = [&](std::size_t from) {
    const std::size_t to = std::min(households.size(), from + kSlice);
    std::vector<repository::HouseholdRows> slice(to - from);
    for (std::size_t h = from; h < to; ++h) {
      const NewHousehold& in = households[h].household;
      repository::HouseholdRows& out = slice[h - from];
      out.household = sealed_household(keyring_, in, org_.unit(in.grid)->unit.parent_code, now);
      for (std::size_t i = 0; i < households[h].members.size(); ++i) {
        const ImportedPerson& p = households[h].members[i];
        out.people.push_back(
            sealed_person(keyring_, p.person, out.household, indexes[h][i], p.birth, now));
        out.stays.push_back({0, 0, 0, p.person.relation, p.person.moved_in, std::nullopt});
      }
    }
    return slice;
  };
  if (!context.progress(kReadingShare + 0.1)) {
    return Error::conflict({"导入已取消", "the import was cancelled"});
  }

  const Json outcome{{"state", "imported"},
                     {"households", static_cast<int64_t>(households.size())},
                     {"persons", static_cast<int64_t>(people)}};
  bool cancelled = false;
  const Status written = db_.write([&](storage::Session& s) -> Status {
    // A slice at a time, so that progress moves and a cancellation is heard.
    std::vector<repository::HouseholdRows> slice = seal_slice(0);
    for (std::size_t from = 0; from < households.size(); from += kSlice) {
      const std::size_t to = std::min(households.size(), from + kSlice);
      std::future<std::vector<repository::HouseholdRows>> next;
      if (to < households.size()) next = std::async(std::launch::async, seal_slice, to);
      SHEQU_TRY(repository::insert_households(s, std::move(slice)));
      const double share = static_cast<double>(to) / static_cast<double>(households.size());
      if (!context.progress(kReadingShare + 0.1 + (0.95 - kReadingShare - 0.1) * share)) {
        cancelled = true;
        return Error::conflict({"导入已取消", "the import was cancelled"});
      }
      if (next.valid()) slice = next.get();
    }
    SHEQU_TRY(repository::finish_import(s, file_id, outcome.dump()));
    return audit_.append(
        s, submitter(job),
        {std::string(kAuditImport), "import", std::to_string(job.id), "success",
         fmt::format("{} households, {} people", households.size(), people), job.unit_code});
  });
  if (written) return outcome;
  if (cancelled || written.error().code != ErrorCode::conflict) return written.error();
  // Someone registered one of these people while the file was being read.
  return finish(refused(Error::invalid(
      "file", {"导入期间有居民被另行登记，请重新导入",
               "someone registered one of these people meanwhile; import the file again"})));
}

Result<int64_t> ImportService::drop_abandoned_files() const {
  const std::string before = format_timestamp(clock_.now() - std::chrono::hours(24));
  return db_.write_value<int64_t>([&](storage::Session& s) -> Result<int64_t> {
    return repository::drop_import_files(s, before);
  });
}

}  // namespace shequ::residents
