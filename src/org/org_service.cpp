#include "org/org_service.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/strings.hpp"
#include "org/declaration.hpp"
#include "org/division_import.hpp"
#include "org/org_repository.hpp"
#include "org/unit_codes.hpp"
#include "privacy/validators.hpp"

namespace shequ::org {

namespace {

// A conflict, not a validation error (the name is valid; another grid holds it), naming the field
// so that a form can show it there rather than as a stale version.
Error grid_name_taken_error() {
  Error error = Error::conflict(
      {"本村（社区）已有同名网格", "this village/community already has a grid of that name"});
  error.details.push_back(
      {"name", {"本村（社区）已有同名网格", "already used by another grid here"}});
  return error;
}

constexpr std::size_t kMaxGridName = 50;
constexpr std::size_t kMaxGridDescription = 500;
constexpr std::size_t kMaxSearchChars = 50;
constexpr int kMaxGridSerial = 999;
constexpr std::size_t kMaxOfficeAddress = 200;
constexpr std::size_t kMaxOfficeHours = 100;

Text text_length_reason(std::size_t max) {
  return {fmt::format("长度不能超过 {} 个字符", max),
          fmt::format("must be at most {} characters", max)};
}

Error grid_not_found(std::string_view code) {
  return Error::not_found(
      {fmt::format("未找到网格 {}", code), fmt::format("grid {} not found", code)});
}

}  // namespace

OrgService::OrgService(storage::Database& db, const Clock& clock, const audit::Log& audit)
    : db_(db), clock_(clock), audit_(audit) {}

Status OrgService::load() {
  std::lock_guard lock(sync_mutex_);
  return load_locked();
}

Status OrgService::load_locked() {
  std::vector<Unit> units;
  std::vector<std::pair<int64_t, std::string>> changes;
  SHEQU_TRY(db_.read([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(changes, OrgRepository::changes(s, 0));
    SHEQU_ASSIGN_OR_RETURN(units, OrgRepository::load_current(s));
    return {};
  }));
  if (const std::size_t orphans = tree_.reset(std::move(units)); orphans > 0) {
    return Error::internal(fmt::format("{} units have no current parent", orphans));
  }
  taken_up_.clear();
  for (const auto& change : changes) taken_up_.insert(change.first);
  settled_ = 0;
  gap_.reset();
  settle_locked();
  ++stats_.loads;
  return {};
}

OrgService::SyncStats OrgService::sync_stats() const {
  std::lock_guard lock(sync_mutex_);
  SyncStats stats = stats_;
  stats.settled_line = settled_;
  return stats;
}

ChangeMark OrgService::known_mark_locked(int64_t after) const {
  const auto first = taken_up_.upper_bound(after);
  if (first == taken_up_.end()) return {};
  return {static_cast<int64_t>(std::distance(first, taken_up_.end())), *taken_up_.rbegin()};
}

void OrgService::settle_locked() {
  for (auto next = taken_up_.upper_bound(settled_); next != taken_up_.end(); ++next) {
    if (*next != settled_ + 1) {
      const TimePoint now = clock_.now();
      if (!gap_ || gap_->first != settled_) gap_.emplace(settled_, now);
      if (now - gap_->second < kGapPatience) return;
      spdlog::info("org: change log entries {} to {} never committed; no longer waiting for them",
                   settled_ + 1, *next - 1);
    }
    settled_ = *next;
  }
}

Status OrgService::sync() {
  int64_t after = 0;
  {
    std::lock_guard lock(sync_mutex_);
    after = settled_;
  }
  return sync_above(after);
}

Status OrgService::sync_all() {
  return sync_above(0);
}

Status OrgService::sync_above(int64_t after) {
  SHEQU_ASSIGN_OR_RETURN(const ChangeMark stored,
                         db_.read_value<ChangeMark>([after](storage::Session& s) {
                           return OrgRepository::change_mark(s, after);
                         }));
  std::lock_guard lock(sync_mutex_);
  if (stored == known_mark_locked(after)) return {};
  return catch_up_locked(after);
}

Status OrgService::catch_up_locked(int64_t after) {
  // Beyond this many units changed elsewhere (an import) one full read is cheaper.
  constexpr std::size_t kUnitByUnit = 200;
  struct Found {
    std::vector<std::pair<int64_t, std::string>> changes;
    std::vector<std::string> codes;  // changed elsewhere, each once
    std::vector<Unit> current;       // those of them that exist now
  };
  SHEQU_ASSIGN_OR_RETURN(
      Found found, db_.read_value<Found>([&](storage::Session& s) -> Result<Found> {
        Found f;
        SHEQU_ASSIGN_OR_RETURN(f.changes, OrgRepository::changes(s, after));
        // This server's own writes that committed but are not yet in the tree get there by
        // adopt(), which waits for this catch-up: their units need no reading.
        std::set<int64_t> own;
        {
          std::lock_guard lock(own_mutex_);
          own = own_in_flight_;
        }
        std::set<std::string> codes;
        for (const auto& [id, code] : f.changes) {
          if (!taken_up_.contains(id) && !own.contains(id)) codes.insert(code);
        }
        f.codes.assign(codes.begin(), codes.end());
        if (f.codes.size() > kUnitByUnit) return f;
        for (const std::string& code : f.codes) {
          SHEQU_ASSIGN_OR_RETURN(auto unit, OrgRepository::find_current(s, code));
          if (unit) f.current.push_back(std::move(*unit));
        }
        return f;
      }));
  if (found.codes.size() > kUnitByUnit) {
    spdlog::info("org: {} units changed on other servers; reloading the tree", found.codes.size());
    return load_locked();
  }
  // Parents before children; then what no longer exists goes, children before parents.
  std::sort(found.current.begin(), found.current.end(),
            [](const Unit& a, const Unit& b) { return a.level < b.level; });
  stats_.units_caught_up += static_cast<int64_t>(found.codes.size());
  std::set<std::string> gone(found.codes.begin(), found.codes.end());
  for (Unit& unit : found.current) {
    gone.erase(unit.code);
    tree_.upsert(std::move(unit));
  }
  for (auto it = gone.rbegin(); it != gone.rend(); ++it) tree_.remove(*it);
  // The log as read above `after`: entries trimmed away are forgotten, this server's own too.
  taken_up_.erase(taken_up_.upper_bound(after), taken_up_.end());
  for (const auto& change : found.changes) taken_up_.insert(change.first);
  settle_locked();
  return {};
}

Result<int64_t> OrgService::trim_changes(int64_t keep) {
  return db_.write_value<int64_t>(
      [&](storage::Session& s) { return OrgRepository::trim_changes(s, keep); });
}

void OrgService::note_own(std::vector<int64_t>& own, int64_t change) {
  own.push_back(change);
  std::lock_guard lock(own_mutex_);
  own_in_flight_.insert(change);
}

Status OrgService::adopt(const std::vector<int64_t>& own, Status written,
                         const std::function<void()>& apply) {
  if (written) {
    // Under the lock a load or catch-up holds from its read to its last change of the tree:
    // one that read the database before this change committed cannot then undo it in the tree.
    std::lock_guard lock(sync_mutex_);
    apply();
    taken_up_.insert(own.back());
    settle_locked();
  }
  // Every entry the write noted, also those of a run that was rolled back (SQLite may give
  // their ids to the next insert, which must not pass for ours).
  std::lock_guard lock(own_mutex_);
  for (const int64_t change : own) own_in_flight_.erase(change);
  return written;
}

Result<UnitView> OrgService::existing(std::string_view code, std::string_view field) const {
  SHEQU_TRY(check_code(code, std::string(field)));
  auto found = tree_.find(code);
  if (!found) {
    return Error::not_found(
        {fmt::format("未找到编码为 {} 的单位", code), fmt::format("no unit with code {}", code)});
  }
  return std::move(*found);
}

Result<UnitView> OrgService::unit(std::string_view code) const {
  return existing(code);
}

bool OrgService::covers(const Actor& actor, std::string_view permission,
                        std::string_view code) const {
  return std::any_of(actor.grants.begin(), actor.grants.end(), [&](const Grant& grant) {
    return grant.allows(permission) && tree_.contains(grant.unit_code, code);
  });
}

Status OrgService::in_scope(const Actor& actor, std::string_view permission,
                            std::string_view code) const {
  if (covers(actor, permission, code)) return {};
  return Error::not_found(
      {fmt::format("未找到编码为 {} 的单位", code), fmt::format("no unit with code {}", code)});
}

Result<std::vector<std::string>> OrgService::list_roots(
    const Actor& actor, std::string_view permission, const std::optional<std::string>& unit) const {
  if (!unit) return actor.roots_for(permission);
  SHEQU_TRY(in_scope(actor, permission, *unit));
  return std::vector<std::string>{*unit};
}

Result<UnitView> OrgService::unit(const Actor& actor, std::string_view code) const {
  SHEQU_ASSIGN_OR_RETURN(UnitView view, existing(code));
  SHEQU_TRY(in_scope(actor, kUnitRead, code));
  return view;
}

Result<std::vector<UnitView>> OrgService::ancestors(const Actor& actor,
                                                    std::string_view code) const {
  SHEQU_TRY(unit(actor, code));
  return tree_.ancestors(code);
}

Result<Page<UnitView>> OrgService::children(const Actor& actor, std::string_view code,
                                            const PageRequest& page) const {
  SHEQU_TRY(unit(actor, code));
  return *tree_.children(code, page);
}

Result<Page<UnitView>> OrgService::search(const Actor& actor,
                                          const std::optional<std::string>& given_root,
                                          std::string_view query, const PageRequest& page) const {
  const auto roots = actor.roots_for(kUnitRead);
  const std::string root = given_root.value_or(roots.empty() ? std::string() : roots.front());
  std::vector<FieldError> problems;
  if (!level_of_code(root)) {
    problems.push_back({"root",
                        {"必须是 12 位数字的区划代码或 15 位数字的网格编码",
                         "must be a 12-digit division code or a 15-digit grid code"}});
  }
  auto needle = normalise_text(trim(query), "q");
  if (!needle) {
    for (FieldError& e : std::move(needle).error().details) problems.push_back(std::move(e));
  } else if (needle->empty()) {
    problems.push_back({"q", {"请输入要查找的名称", "enter a name to search for"}});
  } else if (utf8_length(*needle) > kMaxSearchChars) {
    problems.push_back({"q", text_length_reason(kMaxSearchChars)});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  SHEQU_TRY(existing(root, "root"));
  SHEQU_TRY(in_scope(actor, kUnitRead, root));
  return *tree_.search(root, *needle, page);
}

Result<SubtreeSummary> OrgService::summary(const Actor& actor, std::string_view code) const {
  SHEQU_TRY(unit(actor, code));
  return *tree_.summarize(code);
}

Result<ImportReport> OrgService::import_divisions(std::istream& csv, const std::string& as_of,
                                                  const audit::Who& who) {
  if (!is_valid_date(as_of)) {
    return Error::invalid("as_of", {"日期格式必须是 YYYY-MM-DD", "the date must be YYYY-MM-DD"});
  }
  ParsedDivisions parsed = parse_divisions_csv(csv, [this](std::string_view code) {
    const auto found = tree_.find(code);
    return found ? std::optional<Level>(found->unit.level) : std::nullopt;
  });
  if (!parsed.problems.empty()) {
    Error error = Error::invalid(std::move(parsed.problems));
    error.message = {
        fmt::format("导入文件有错误，未导入任何数据（共 {} 处）", error.details.size()),
        fmt::format("the file has {} problems; nothing was imported", error.details.size())};
    return error;
  }
  // Parents before children, so every foreign key holds at each insert.
  std::stable_sort(parsed.units.begin(), parsed.units.end(),
                   [](const Unit& a, const Unit& b) { return a.level < b.level; });
  ImportReport report;
  report.rows = parsed.rows;
  const std::string now = format_timestamp(clock_.now());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(std::vector<Unit> current, OrgRepository::load_current(s));
    std::unordered_map<std::string, Unit> stored;
    stored.reserve(current.size());
    for (Unit& unit : current) stored.emplace(unit.code, std::move(unit));
    for (const Unit& unit : parsed.units) {
      const auto it = stored.find(unit.code);
      if (it == stored.end()) {
        SHEQU_TRY(OrgRepository::insert(s, unit, as_of, now));
        ++report.inserted;
        continue;
      }
      const Unit& old = it->second;
      bool changed = false;
      if (old.name != unit.name || old.type != unit.type ||
          old.urban_rural_code != unit.urban_rural_code) {
        SHEQU_TRY(OrgRepository::update_attributes(s, unit, old.version, now));
        ++report.updated;
        changed = true;
      }
      if (old.parent_code != unit.parent_code) {
        SHEQU_TRY(OrgRepository::move(s, unit.code, unit.parent_code, as_of));
        ++report.moved;
        changed = true;
      }
      if (!changed) ++report.unchanged;
    }
    return audit_.append(s, who,
                         {"org.divisions.import", "divisions", as_of,
                          fmt::format("success: {} added, {} changed, {} moved", report.inserted,
                                      report.updated, report.moved)});
  }));
  SHEQU_TRY(load());
  return report;
}

Result<GridChange> OrgService::validated_grid_change(const GridChange& input, bool creating) const {
  std::vector<FieldError> problems;
  GridChange change;
  // Texts reach here from the HTTP readers and from the command line alike.
  auto take = [&problems](const std::optional<std::string>& text, const char* field,
                          std::size_t max_chars, std::optional<std::string>& out) {
    if (!text) return;
    auto normalised = normalise_text(*text, field);
    if (!normalised) {
      for (FieldError& e : std::move(normalised).error().details) problems.push_back(std::move(e));
    } else if (utf8_length(*normalised) > max_chars) {
      problems.push_back({field, text_length_reason(max_chars)});
    } else {
      out = std::move(normalised).value();
    }
  };
  if (creating && !input.name) problems.push_back({"name", {"必填", "is required"}});
  if (input.name && input.name->empty())
    problems.push_back({"name", {"不能为空", "must not be empty"}});
  take(input.name, "name", kMaxGridName, change.name);
  take(input.description, "description", kMaxGridDescription, change.description);
  if (input.boundary && *input.boundary) {
    for (FieldError& e :
         geo::polygon_problems(**input.boundary, "boundary.coordinates", kMaxGridBoundaryPoints)) {
      problems.push_back(std::move(e));
    }
  }
  change.boundary = input.boundary;
  if (!problems.empty()) return Error::invalid(std::move(problems));
  return change;
}

Result<std::vector<Grid>> OrgService::grids(const Actor& actor,
                                            std::string_view village_code) const {
  SHEQU_ASSIGN_OR_RETURN(UnitView village, existing(village_code));
  SHEQU_TRY(in_scope(actor, kGridRead, village_code));
  if (village.unit.level != Level::village) {
    return Error::invalid("code",
                          {"只有村（社区）下设网格", "only villages and communities have grids"});
  }
  const std::string code(village_code);
  return db_.read_value<std::vector<Grid>>(
      [&](storage::Session& s) { return OrgRepository::list_grids(s, code); });
}

Result<Grid> OrgService::grid(const Actor& actor, std::string_view code) const {
  SHEQU_TRY(existing(code));
  SHEQU_TRY(in_scope(actor, kGridRead, code));
  return stored_grid(code);
}

Result<Grid> OrgService::stored_grid(std::string_view code) const {
  SHEQU_ASSIGN_OR_RETURN(UnitView view, existing(code));
  if (view.unit.level != Level::grid) return grid_not_found(code);
  const std::string key(code);
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<std::optional<Grid>>([&](storage::Session& s) {
    return OrgRepository::find_grid(s, key);
  }));
  if (!found) return grid_not_found(code);
  return std::move(*found);
}

Result<Grid> OrgService::create_grid(const Actor& actor, std::string_view village_code,
                                     const GridChange& input) {
  SHEQU_ASSIGN_OR_RETURN(UnitView village, existing(village_code));
  SHEQU_TRY(in_scope(actor, kGridCreate, village_code));
  if (village.unit.level != Level::village) {
    return Error::invalid("code",
                          {"只有村（社区）下设网格", "only villages and communities have grids"});
  }
  SHEQU_ASSIGN_OR_RETURN(const GridChange change, validated_grid_change(input, /*creating=*/true));
  const std::string now = format_timestamp(clock_.now());
  const std::string today = china_date(clock_.now());
  Unit unit;
  unit.name = *change.name;
  unit.level = Level::grid;
  unit.type = UnitType::grid;
  unit.parent_code = village.unit.code;
  const std::optional<geo::Polygon> boundary =
      change.boundary ? *change.boundary : std::optional<geo::Polygon>{};
  std::vector<int64_t> own;
  const Status written = db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(OrgRepository::lock(s, unit.parent_code));
    SHEQU_ASSIGN_OR_RETURN(bool taken,
                           OrgRepository::grid_name_taken(s, unit.parent_code, unit.name, ""));
    if (taken) return grid_name_taken_error();
    SHEQU_ASSIGN_OR_RETURN(int serial, OrgRepository::next_grid_serial(s, unit.parent_code));
    if (serial > kMaxGridSerial) {
      return Error::conflict({"本村（社区）的网格编号已用完（最多 999 个）",
                              "this village/community has used all 999 grid numbers"});
    }
    unit.code = fmt::format("{}{:03}", unit.parent_code, serial);
    SHEQU_ASSIGN_OR_RETURN(const int64_t logged, OrgRepository::insert(s, unit, today, now));
    note_own(own, logged);
    SHEQU_TRY(OrgRepository::insert_grid_details(s, unit.code, unit.parent_code, serial,
                                                 change.description.value_or(""), boundary));
    return audit_.append(s, audit::who(actor, kGridCreate),
                         {"org.grid.create", "grid", unit.code, "success", "", unit.code});
  });
  SHEQU_TRY(adopt(own, written, [&] { tree_.upsert(unit); }));
  // Everything the grid's rows hold was written just now from these values: nothing to read back.
  return Grid{std::move(unit), change.description.value_or(""), now, now, boundary};
}

Result<Grid> OrgService::update_grid(const Actor& actor, std::string_view code,
                                     int64_t expected_version, const GridChange& input) {
  SHEQU_TRY(existing(code));
  SHEQU_TRY(in_scope(actor, kGridUpdate, code));
  SHEQU_ASSIGN_OR_RETURN(Grid current, stored_grid(code));
  SHEQU_ASSIGN_OR_RETURN(const GridChange change, validated_grid_change(input, /*creating=*/false));
  if (current.unit.version != expected_version) {
    return stale_version_error();
  }
  if ((!change.name || *change.name == current.unit.name) &&
      (!change.description || *change.description == current.description) &&
      (!change.boundary || *change.boundary == current.boundary)) {
    return current;  // nothing to change: no new version
  }
  Unit unit = current.unit;
  if (change.name) unit.name = *change.name;
  const std::string now = format_timestamp(clock_.now());
  std::vector<int64_t> own;
  const Status written = db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(OrgRepository::lock(s, unit.parent_code));
    if (change.name) {
      SHEQU_ASSIGN_OR_RETURN(
          bool taken, OrgRepository::grid_name_taken(s, unit.parent_code, unit.name, unit.code));
      if (taken) return grid_name_taken_error();
    }
    SHEQU_ASSIGN_OR_RETURN(const int64_t logged,
                           OrgRepository::update_attributes(s, unit, expected_version, now));
    note_own(own, logged);
    if (change.description) {
      SHEQU_TRY(OrgRepository::update_grid_description(s, unit.code, *change.description));
    }
    if (change.boundary) {
      SHEQU_TRY(OrgRepository::update_grid_boundary(s, unit.code, *change.boundary));
    }
    std::string what;
    if (change.boundary) what = *change.boundary ? "boundary drawn" : "boundary removed";
    return audit_.append(s, audit::who(actor, kGridUpdate),
                         {"org.grid.update", "grid", unit.code, "success", what, unit.code});
  });
  unit.version = expected_version + 1;
  SHEQU_TRY(adopt(own, written, [&] { tree_.upsert(unit); }));
  return stored_grid(code);
}

Result<std::optional<std::string>> OrgService::grid_at(storage::Session& s,
                                                       std::string_view village_code, double lon,
                                                       double lat) const {
  // The children of a village or community are its grids.
  const auto village = tree_.find(village_code);
  if (!village || village->unit.level != Level::village || village->child_count == 0) {
    return std::optional<std::string>{};
  }
  SHEQU_ASSIGN_OR_RETURN(std::vector<Grid> grids,
                         OrgRepository::list_grids(s, std::string(village_code)));
  for (const Grid& grid : grids) {
    if (grid.boundary && geo::polygon_contains(*grid.boundary, lon, lat)) {
      return std::optional<std::string>{grid.unit.code};
    }
  }
  return std::optional<std::string>{};
}

Status OrgService::retire_grid(const Actor& actor, std::string_view code,
                               int64_t expected_version) {
  SHEQU_TRY(existing(code));
  SHEQU_TRY(in_scope(actor, kGridDelete, code));
  SHEQU_ASSIGN_OR_RETURN(Grid current, stored_grid(code));
  const std::string now = format_timestamp(clock_.now());
  const std::string today = china_date(clock_.now());
  std::vector<int64_t> own;
  const Status written = db_.write([&](storage::Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(
        const int64_t logged,
        OrgRepository::retire(s, current.unit.code, expected_version, today, now));
    note_own(own, logged);
    return audit_.append(
        s, audit::who(actor, kGridDelete),
        {"org.grid.retire", "grid", current.unit.code, "success", "", current.unit.code});
  });
  SHEQU_TRY(adopt(own, written, [&] { tree_.remove(code); }));
  return {};
}

Result<std::optional<Office>> OrgService::office(std::string_view code) const {
  return db_.read_value<std::optional<Office>>(
      [&](storage::Session& s) { return OrgRepository::find_office(s, std::string(code)); });
}

Result<std::optional<Office>> OrgService::office(const Actor& actor, std::string_view code) const {
  SHEQU_TRY(existing(code));
  SHEQU_TRY(in_scope(actor, kUnitRead, code));
  return office(code);
}

Result<Office> OrgService::set_office(const Actor& actor, std::string_view code, Office office) {
  SHEQU_ASSIGN_OR_RETURN(const UnitView unit, existing(code));
  SHEQU_TRY(in_scope(actor, kOfficeUpdate, code));
  if (unit.unit.level != Level::township && unit.unit.level != Level::village) {
    return Error::invalid("code", {"只有乡镇（街道）和村（社区）登记办公地点",
                                   "only townships, villages and communities keep office details"});
  }
  std::vector<FieldError> problems;
  const auto take = [&problems](std::string& value, const char* field, std::size_t max_chars) {
    auto normalised = normalise_text(value, field);
    if (!normalised) {
      for (FieldError& e : std::move(normalised).error().details) problems.push_back(std::move(e));
    } else if (normalised->empty()) {
      problems.push_back({field, {"不能为空", "must not be empty"}});
    } else if (utf8_length(*normalised) > max_chars) {
      problems.push_back({field, text_length_reason(max_chars)});
    } else {
      value = std::move(normalised).value();
    }
  };
  take(office.address, "address", kMaxOfficeAddress);
  take(office.hours, "hours", kMaxOfficeHours);
  if (auto phone = privacy::validate_work_phone(office.phone, "phone"); !phone) {
    for (FieldError& e : std::move(phone).error().details) problems.push_back(std::move(e));
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));
  office.updated_at = format_timestamp(clock_.now());
  SHEQU_TRY(db_.write([&](storage::Session& s) -> Status {
    SHEQU_TRY(OrgRepository::put_office(s, std::string(code), office));
    return audit_.append(
        s, audit::who(actor, kOfficeUpdate),
        {"org.office.update", "unit", std::string(code), "success", "", std::string(code)});
  }));
  return office;
}

}  // namespace shequ::org
