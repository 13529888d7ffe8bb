// The indicator engine: for each period asked for, the unit tree as it stood on the period's last
// day, and every unit's facts (catalogue.hpp, facts.hpp) and entered values summed over its
// subtree, held in memory.
//
// Before every read the engine catches up with what was committed since its last read, by any
// server: it follows the change logs of facilities, base figures and entered values and
// recounts only the units they name, adding the difference to their ancestors; a change of the
// tree (org_change), or a change committed late under a lower id, makes it count everything
// again. So every server answers from the database's state, not from what it alone saw.
//
// Thread-safe: reads run together; catching up waits for them and they for it.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "facility/facility.hpp"
#include "indicator/catalogue.hpp"
#include "indicator/period.hpp"
#include "indicator/rollup.hpp"
#include "indicator/value.hpp"
#include "org/org_repository.hpp"
#include "storage/database.hpp"

namespace shequ::indicator {

// The columns of a Rollup: the facts, then three per entered indicator (numerator, entered
// denominator, number of entries).
std::size_t column_count();
std::size_t numerator_column(const Indicator& entered);

// An indicator's figure at one unit, from its subtree's totals.
struct Figure {
  bool has_data = false;  // a denominator above zero, or (plain counts) at least one entry
  double value = 0;       // in the indicator's measure (a percentage as 50.0)
  double numerator = 0;   // in the facts' units (m², people, units)
  std::optional<double> denominator;
};
// Not for indicators computed from the circle (from_circle).
Figure figure_of(const Indicator& indicator, std::span<const int64_t> totals);

struct Snapshot {
  Snapshot(const PeriodId& period, std::vector<HierarchyUnit> units)
      : period(period),
        day(last_day(period)),
        hierarchy(std::move(units)),
        rollup(hierarchy, column_count()) {}
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  PeriodId period;
  std::string day;
  Hierarchy hierarchy;
  Rollup rollup;  // points into hierarchy
};

class Engine {
 public:
  // `db` must outlive the engine. It keeps at most `max_periods` periods counted (the least
  // recently read are dropped and counted again when asked for).
  explicit Engine(storage::Database& db, std::size_t max_periods = 8);

  // Catches up, counts the periods not yet counted, then calls `read` with their snapshots (in
  // the order asked) while no change is applied. `read` must not call the engine.
  Status read(std::span<const PeriodId> periods,
              const std::function<Status(std::span<const Snapshot* const>)>& read);

  // How many times the engine counted everything, and how many units it recounted after changes
  // (tests and benchmarks see what catching up did).
  struct Counters {
    std::size_t full_counts = 0;
    std::size_t units_recounted = 0;
  };
  Counters counters() const;

  // The check the nightly job runs (indicator.recount): counts `periods` afresh in an engine of
  // its own and compares every unit's totals with this engine's, caught up from the same snapshot
  // of the database. When any differ (a change the logs did not carry, say a row mended by hand
  // in the database), this engine counts everything again at its next read. Reads wait while it
  // runs (about a second for the province, release build).
  struct Verification {
    std::size_t units = 0;      // units compared, over all periods
    std::size_t differing = 0;  // of them, with other totals (or on one side only)
  };
  Result<Verification> verify(std::span<const PeriodId> periods);

  // Where the engine stands in a change log: its last id, and how many entries it saw in the
  // window of ids just below (a late commit lands there, under an id already passed).
  struct LogMark {
    int64_t last_id = 0;
    int64_t window = 0;
  };

 private:
  struct Marks {
    org::ChangeMark org;
    LogMark facilities, figures, values;
  };
  Status catch_up(storage::Session& s);
  Status load_everything(storage::Session& s);
  void recount(const std::vector<std::string>& units);
  Result<std::shared_ptr<Snapshot>> count_period(storage::Session& s, const PeriodId& period);
  // The cached snapshot of `period`, or a new count of it cached in place of the least recently
  // read. Under the unique lock.
  Result<std::shared_ptr<Snapshot>> snapshot_for(storage::Session& s, const PeriodId& period);
  void own_facts(const Snapshot& snapshot, uint32_t node, std::span<int64_t> out) const;

  storage::Database& db_;
  const std::size_t max_periods_;
  mutable std::shared_mutex mutex_;
  bool loaded_ = false;
  Marks marks_;
  std::unordered_map<int64_t, facility::Facility> facilities_;
  std::unordered_map<std::string, std::vector<int64_t>> facilities_by_unit_;
  std::unordered_map<std::string, std::vector<facility::UnitFigures>> figures_;  // by year
  // period + '/' + unit → the values entered for it
  std::unordered_map<std::string, std::vector<EnteredValue>> values_;
  struct Cached {
    std::shared_ptr<Snapshot> snapshot;
    uint64_t last_read = 0;
  };
  std::vector<Cached> cache_;
  uint64_t reads_ = 0;
  Counters counters_;
};

}  // namespace shequ::indicator
