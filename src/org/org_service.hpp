// The organisation module's rules: reading the hierarchy, importing division lists, managing
// grids. Reads are answered from the in-memory OrgTree; writes go to storage in one transaction
// and reach the tree only after they commit.
//
// Thread-safe. Holds references to the database, clock and audit log, which must outlive it.
#pragma once

#include <chrono>
#include <functional>
#include <istream>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "org/model.hpp"
#include "org/org_repository.hpp"
#include "org/org_tree.hpp"
#include "storage/database.hpp"

namespace shequ::org {

struct ImportReport {
  int64_t rows = 0;
  int64_t inserted = 0;
  int64_t updated = 0;  // name, type or urban-rural code changed
  int64_t moved = 0;    // parent changed (the old link is kept as history)
  int64_t unchanged = 0;
};

struct GridChange {
  std::optional<std::string> name;         // at most 50 characters
  std::optional<std::string> description;  // at most 500 characters
  // Absent: unchanged. Present but empty: removed. Otherwise a closed polygon in Gansu of at
  // most kMaxGridBoundaryPoints points (geo::polygon_problems, field "boundary.coordinates").
  std::optional<std::optional<geo::Polygon>> boundary;
};
inline constexpr std::size_t kMaxGridBoundaryPoints = 2000;

class OrgService {
 public:
  OrgService(storage::Database& db, const Clock& clock, const audit::Log& audit);

  // Loads the current tree from storage; call once after migrations and after bulk changes.
  Status load();
  // Brings the tree up to date with changes other servers committed (the log org_change): one
  // small query over the entries above the settled line when nothing changed; when something
  // did, the changed units are read again one by one (the whole tree after an import). This
  // server's own changes are in the tree the moment they commit and are not read again. The org
  // routes call it before answering, and the server every second (ModuleRuntime::start).
  // The settled line is the highest id up to which every entry is taken up. It stops below an
  // id that is missing while later ones are there (its write rolled back, or has not committed
  // yet) and passes it once kGapPatience has gone by, so that the query stays small.
  Status sync();
  // The same over the whole log: takes up a change that committed after the settled line had
  // passed its id, i.e. from a write that ran longer than kGapPatience. The server runs it
  // every five minutes.
  Status sync_all();
  static constexpr std::chrono::seconds kGapPatience{60};
  // Keeps the log of changes short, so that sync() reads little: deletes all but the newest
  // `keep` entries (every server then reads the log once more, and no unit). Run nightly as
  // the job org.changes.trim, by one server. Returns how many entries it deleted.
  Result<int64_t> trim_changes(int64_t keep = 1000);
  const OrgTree& tree() const { return tree_; }
  // How the tree has kept in step, for monitoring and tests: full reads of the tree, and units
  // read one by one because another server changed them.
  struct SyncStats {
    int64_t loads = 0;
    int64_t units_caught_up = 0;
    int64_t settled_line = 0;
  };
  SyncStats sync_stats() const;

  // Code checks answer invalid_argument (field "code") for a malformed code and not_found for
  // a well-formed code that names no current unit.
  Result<UnitView> unit(std::string_view code) const;

  // The reads and writes below check the unit against the actor's scope for the permission the
  // operation needs: a unit outside every subtree the actor holds it in is not_found, exactly
  // like a unit that does not exist, so scope cannot be probed by guessing codes.
  // True when one of the actor's grants carries `permission` over a subtree holding `code`: the
  // one test of scope, used by every service.
  bool covers(const Actor& actor, std::string_view permission, std::string_view code) const;
  Status in_scope(const Actor& actor, std::string_view permission, std::string_view code) const;
  Result<UnitView> unit(const Actor& actor, std::string_view code) const;
  // The subtrees a scoped list reads (storage::in_subtrees): `unit` alone when given (not_found
  // outside the actor's scope for `permission`), else every unit where the actor holds it.
  Result<std::vector<std::string>> list_roots(const Actor& actor, std::string_view permission,
                                              const std::optional<std::string>& unit) const;
  // The ancestors of a unit in scope, for the breadcrumb: names and codes of the units above.
  Result<std::vector<UnitView>> ancestors(const Actor& actor, std::string_view code) const;
  Result<Page<UnitView>> children(const Actor& actor, std::string_view code,
                                  const PageRequest& page) const;
  // Units under `root` (inclusive; default: the actor's first scope root) whose name contains
  // `query` (1-50 characters).
  Result<Page<UnitView>> search(const Actor& actor, const std::optional<std::string>& root,
                                std::string_view query, const PageRequest& page) const;
  Result<SubtreeSummary> summary(const Actor& actor, std::string_view code) const;

  // Validates the whole CSV first; stores nothing unless every row is valid. `as_of` (YYYY-MM-DD)
  // dates new units and parent changes. On bad rows: invalid_argument listing every problem.
  // `who` is recorded in the audit log.
  Result<ImportReport> import_divisions(std::istream& csv, const std::string& as_of,
                                        const audit::Who& who);

  // Grids under a village or community (level 5).
  Result<std::vector<Grid>> grids(const Actor& actor, std::string_view village_code) const;
  Result<Grid> grid(const Actor& actor, std::string_view code) const;
  Result<Grid> create_grid(const Actor& actor, std::string_view village_code,
                           const GridChange& input);
  // Fails with conflict when the stored version differs (someone changed it meanwhile).
  Result<Grid> update_grid(const Actor& actor, std::string_view code, int64_t expected_version,
                           const GridChange& input);
  // Retires the grid: it disappears from the tree, its history stays in storage.
  Status retire_grid(const Actor& actor, std::string_view code, int64_t expected_version);
  // The current grid of a village or community whose boundary holds the point, for routing a
  // request made there; none when no drawn grid does. Where drawn grids overlap, the one with
  // the lowest code. Reads inside the caller's transaction `s`; asks storage only when the
  // village has grids at all.
  Result<std::optional<std::string>> grid_at(storage::Session& s, std::string_view village_code,
                                             double lon, double lat) const;

  // The office details of a township, village or community; none when none are kept.
  // Without an actor: for services that have checked scope themselves (the resident pages).
  Result<std::optional<Office>> office(std::string_view code) const;
  Result<std::optional<Office>> office(const Actor& actor, std::string_view code) const;
  // Sets them (org:office:update in scope); every field is required. Audited.
  Result<Office> set_office(const Actor& actor, std::string_view code, Office office);

 private:
  Result<UnitView> existing(std::string_view code, std::string_view field = "code") const;
  // The change with its texts through normalise_text, or every problem with it at once.
  Result<GridChange> validated_grid_change(const GridChange& input, bool creating) const;
  Result<Grid> stored_grid(std::string_view code) const;

  // Inside a write, after it appended `change` to org_change: notes the entry as this server's
  // own (in `own`, which collects them however often the write runs), so that a check racing
  // the commit does not read the unit back.
  void note_own(std::vector<int64_t>& own, int64_t change);
  // After the write: when it committed (`written` ok), applies it to the tree (`apply`) and
  // counts its entry as taken up; in any case forgets the notes. Returns `written`.
  Status adopt(const std::vector<int64_t>& own, Status written, const std::function<void()>& apply);
  // Compares the log above `after` with what the tree has taken up; catches up on a difference.
  Status sync_above(int64_t after);
  // Under sync_mutex_: reads the whole tree and every entry of the change log.
  Status load_locked();
  // Under sync_mutex_: takes up the entries above `after` not yet taken up, unit by unit (a full
  // load when there are many, as after an import).
  Status catch_up_locked(int64_t after);
  ChangeMark known_mark_locked(int64_t after) const;
  // Under sync_mutex_: moves the settled line up over what is taken up, and over a gap that has
  // been open for kGapPatience.
  void settle_locked();

  storage::Database& db_;
  const Clock& clock_;
  const audit::Log& audit_;
  OrgTree tree_;
  mutable std::mutex sync_mutex_;  // one reload at a time; guards what follows up to own_mutex_
  // The ids of the change log's entries that the tree reflects: those read at the last load or
  // catch-up, and this server's own since. Compared by count and highest id with the log.
  std::set<int64_t> taken_up_;
  int64_t settled_ = 0;
  // Where the settled line stopped at a gap, and when it first did.
  std::optional<std::pair<int64_t, TimePoint>> gap_;
  // Entries this server's writes appended and have not yet adopted (note_own, adopt).
  std::mutex own_mutex_;  // never held while waiting for the database or sync_mutex_
  std::set<int64_t> own_in_flight_;
  SyncStats stats_;
};

}  // namespace shequ::org
