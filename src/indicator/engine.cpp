#include "indicator/engine.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_set>

#include "facility/facility_repository.hpp"
#include "indicator/facts.hpp"
#include "indicator/indicator_repository.hpp"

namespace shequ::indicator {

namespace {

using facility::FacilityRepository;
using org::OrgRepository;

// Each entered indicator's place among the entered ones, in the catalogue's order.
std::size_t entered_slot(const Indicator& entered) {
  std::size_t slot = 0;
  for (const Indicator& i : indicators()) {
    if (&i == &entered) return slot;
    if (i.source == Source::entered) ++slot;
  }
  return slot;
}

std::size_t entered_count() {
  return static_cast<std::size_t>(
      std::count_if(indicators().begin(), indicators().end(),
                    [](const Indicator& i) { return i.source == Source::entered; }));
}

std::string values_key(const std::string& period, const std::string& unit) {
  return period + '/' + unit;
}

double in_units(const int64_t* totals, Fact fact) {
  return static_cast<double>(totals[static_cast<std::size_t>(fact)]) /
         static_cast<double>(fact_divisor(fact));
}

}  // namespace

std::size_t column_count() {
  static const std::size_t count = kFactCount + 3 * entered_count();
  return count;
}

std::size_t numerator_column(const Indicator& entered) {
  return kFactCount + 3 * entered_slot(entered);
}

Figure figure_of(const Indicator& indicator, std::span<const int64_t> totals) {
  Figure figure;
  const double scale = indicator.measure.scale;
  if (indicator.source == Source::entered) {
    const std::size_t column = numerator_column(indicator);
    const auto entries = totals[column + 2];
    figure.numerator = static_cast<double>(totals[column]);
    if (indicator.no_denominator) {
      figure.has_data = entries > 0;
      figure.value = figure.numerator * scale;
      return figure;
    }
    figure.denominator = indicator.denominator ? in_units(totals.data(), *indicator.denominator)
                                               : static_cast<double>(totals[column + 1]);
    figure.has_data = entries > 0 && *figure.denominator > 0;
  } else {
    figure.numerator = in_units(totals.data(), *indicator.numerator);
    figure.denominator = in_units(totals.data(), *indicator.denominator);
    figure.has_data = *figure.denominator > 0;
  }
  if (figure.has_data) figure.value = figure.numerator / *figure.denominator * scale;
  return figure;
}

Engine::Engine(storage::Database& db, std::size_t max_periods)
    : db_(db), max_periods_(std::max<std::size_t>(max_periods, 1)) {}

Engine::Counters Engine::counters() const {
  std::shared_lock lock(mutex_);
  return counters_;
}

Status Engine::read(std::span<const PeriodId> periods,
                    const std::function<Status(std::span<const Snapshot* const>)>& read) {
  std::vector<std::shared_ptr<Snapshot>> held;
  {
    std::unique_lock lock(mutex_);
    SHEQU_TRY(db_.read([&](storage::Session& s) -> Status {
      SHEQU_TRY(catch_up(s));
      ++reads_;
      for (const PeriodId& period : periods) {
        SHEQU_ASSIGN_OR_RETURN(auto snapshot, snapshot_for(s, period));
        held.push_back(std::move(snapshot));
      }
      return {};
    }));
  }
  std::shared_lock lock(mutex_);
  std::vector<const Snapshot*> views;
  for (const auto& snapshot : held) views.push_back(snapshot.get());
  return read(views);
}

namespace {

// How far below its last id the engine watches a log for entries committed late. Transactions
// take their ids when they write and commit moments later: a late entry lands a few ids below.
constexpr int64_t kLateWindow = 10'000;

using MarkOf = Result<org::ChangeMark> (*)(storage::Session&, int64_t after);

enum class LogState { unchanged, appended, rewritten };

// Whether a log only grew above `known.last_id` since; `next` is where it stands now. Each check
// counts a window of the log's latest ids (its primary key), never the whole log.
Result<LogState> follow(storage::Session& s, MarkOf mark, const Engine::LogMark& known,
                        Engine::LogMark& next) {
  SHEQU_ASSIGN_OR_RETURN(auto recent, mark(s, std::max<int64_t>(0, known.last_id - kLateWindow)));
  if (recent.last_id == known.last_id && recent.count == known.window) {
    next = known;
    return LogState::unchanged;
  }
  SHEQU_ASSIGN_OR_RETURN(auto since, mark(s, known.last_id));
  SHEQU_ASSIGN_OR_RETURN(auto window, mark(s, std::max<int64_t>(0, recent.last_id - kLateWindow)));
  next = {recent.last_id, window.count};
  return known.window + since.count == recent.count ? LogState::appended : LogState::rewritten;
}

Result<Engine::LogMark> mark_now(storage::Session& s, MarkOf mark) {
  SHEQU_ASSIGN_OR_RETURN(auto all, mark(s, 0));
  SHEQU_ASSIGN_OR_RETURN(auto window, mark(s, std::max<int64_t>(0, all.last_id - kLateWindow)));
  return Engine::LogMark{all.last_id, window.count};
}

}  // namespace

Status Engine::catch_up(storage::Session& s) {
  SHEQU_ASSIGN_OR_RETURN(const org::ChangeMark org, OrgRepository::change_mark(s, 0));
  if (!loaded_ || org != marks_.org) return load_everything(s);
  Marks now{org, {}, {}, {}};
  SHEQU_ASSIGN_OR_RETURN(
      const LogState facilities,
      follow(s, &FacilityRepository::facility_change_mark, marks_.facilities, now.facilities));
  SHEQU_ASSIGN_OR_RETURN(const LogState figures, follow(s, &FacilityRepository::figure_change_mark,
                                                        marks_.figures, now.figures));
  SHEQU_ASSIGN_OR_RETURN(const LogState values,
                         follow(s, &IndicatorRepository::change_mark, marks_.values, now.values));
  if (facilities == LogState::rewritten || figures == LogState::rewritten ||
      values == LogState::rewritten) {
    return load_everything(s);
  }

  std::vector<std::string> units;
  if (facilities == LogState::appended) {
    SHEQU_ASSIGN_OR_RETURN(
        auto ids, FacilityRepository::facilities_changed_after(s, marks_.facilities.last_id));
    for (int64_t id : ids) {
      SHEQU_ASSIGN_OR_RETURN(auto found, FacilityRepository::find(s, id));
      if (const auto old = facilities_.find(id); old != facilities_.end()) {
        const std::string& unit = old->second.fields.unit_code;
        units.push_back(unit);
        std::erase(facilities_by_unit_[unit], id);
        facilities_.erase(old);
      }
      if (found) {
        units.push_back(found->fields.unit_code);
        facilities_by_unit_[found->fields.unit_code].push_back(id);
        facilities_.emplace(id, std::move(*found));
      }
    }
  }
  if (figures == LogState::appended) {
    SHEQU_ASSIGN_OR_RETURN(
        auto changed, FacilityRepository::figure_units_changed_after(s, marks_.figures.last_id));
    for (const std::string& unit : changed) {
      SHEQU_ASSIGN_OR_RETURN(auto years, FacilityRepository::figures(s, unit));
      std::reverse(years.begin(), years.end());
      figures_[unit] = std::move(years);
      units.push_back(unit);
    }
  }
  if (values == LogState::appended) {
    SHEQU_ASSIGN_OR_RETURN(auto keys, IndicatorRepository::changed_after(s, marks_.values.last_id));
    for (const ValueKey& key : keys) {
      SHEQU_ASSIGN_OR_RETURN(auto found, IndicatorRepository::find(s, key));
      auto& here = values_[values_key(key.period, key.unit_code)];
      std::erase_if(here, [&](const EnteredValue& v) { return v.key == key; });
      if (found) here.push_back(std::move(*found));
      units.push_back(key.unit_code);
    }
  }
  marks_ = now;
  recount(units);
  return {};
}

Result<std::shared_ptr<Snapshot>> Engine::snapshot_for(storage::Session& s,
                                                       const PeriodId& period) {
  auto cached = std::find_if(cache_.begin(), cache_.end(),
                             [&](const Cached& c) { return c.snapshot->period == period; });
  if (cached != cache_.end()) {
    cached->last_read = reads_;
    return cached->snapshot;
  }
  if (cache_.size() >= max_periods_) {
    cache_.erase(std::min_element(
        cache_.begin(), cache_.end(),
        [](const Cached& a, const Cached& b) { return a.last_read < b.last_read; }));
  }
  SHEQU_ASSIGN_OR_RETURN(auto snapshot, count_period(s, period));
  cache_.push_back({snapshot, reads_});
  return snapshot;
}

Result<Engine::Verification> Engine::verify(std::span<const PeriodId> periods) {
  // Both counts from one snapshot of the database, with no catch-up in between: a write
  // committed meanwhile is in neither, so only what the logs did not carry differs.
  Engine fresh(db_, periods.size());
  Verification result;
  std::unique_lock lock(mutex_);
  SHEQU_TRY(db_.read([&](storage::Session& s) -> Status {
    SHEQU_TRY(catch_up(s));
    SHEQU_TRY(fresh.load_everything(s));
    for (const PeriodId& period : periods) {
      SHEQU_ASSIGN_OR_RETURN(const auto truth, fresh.count_period(s, period));
      // A period held is compared as held; another is counted from what this engine keeps,
      // without holding it (the check changes nothing a reader would notice).
      const auto held = std::find_if(cache_.begin(), cache_.end(),
                                     [&](const Cached& c) { return c.snapshot->period == period; });
      std::shared_ptr<Snapshot> kept;
      if (held != cache_.end()) {
        kept = held->snapshot;
      } else {
        SHEQU_ASSIGN_OR_RETURN(kept, count_period(s, period));
      }
      for (uint32_t node = 0; node < truth->hierarchy.size(); ++node) {
        ++result.units;
        const uint32_t there = kept->hierarchy.index_of(truth->hierarchy.node(node).unit.code);
        if (there == Hierarchy::kNone ||
            !std::ranges::equal(truth->rollup.total(node), kept->rollup.total(there))) {
          ++result.differing;
        }
      }
      if (kept->hierarchy.size() > truth->hierarchy.size()) {
        result.differing += kept->hierarchy.size() - truth->hierarchy.size();
      }
    }
    return {};
  }));
  if (result.differing > 0) loaded_ = false;
  return result;
}

Status Engine::load_everything(storage::Session& s) {
  // The marks first: what changes while the rows are read is read again at the next catch-up.
  Marks marks;
  SHEQU_ASSIGN_OR_RETURN(marks.org, OrgRepository::change_mark(s, 0));
  SHEQU_ASSIGN_OR_RETURN(marks.facilities, mark_now(s, &FacilityRepository::facility_change_mark));
  SHEQU_ASSIGN_OR_RETURN(marks.figures, mark_now(s, &FacilityRepository::figure_change_mark));
  SHEQU_ASSIGN_OR_RETURN(marks.values, mark_now(s, &IndicatorRepository::change_mark));
  facilities_.clear();
  facilities_by_unit_.clear();
  figures_.clear();
  values_.clear();
  cache_.clear();
  SHEQU_ASSIGN_OR_RETURN(auto facilities, FacilityRepository::all(s));
  for (facility::Facility& f : facilities) {
    facilities_by_unit_[f.fields.unit_code].push_back(f.id);
    const int64_t id = f.id;
    facilities_.emplace(id, std::move(f));
  }
  SHEQU_ASSIGN_OR_RETURN(auto figures, FacilityRepository::all_figures(s));  // by unit, year
  for (facility::UnitFigures& f : figures) {
    const std::string unit = f.unit_code;
    figures_[unit].push_back(std::move(f));
  }
  SHEQU_ASSIGN_OR_RETURN(auto values, IndicatorRepository::all(s));
  for (EnteredValue& v : values) {
    const std::string key = values_key(v.key.period, v.key.unit_code);
    values_[key].push_back(std::move(v));
  }
  marks_ = marks;
  loaded_ = true;
  ++counters_.full_counts;
  return {};
}

void Engine::recount(const std::vector<std::string>& units) {
  const std::unordered_set<std::string> once(units.begin(), units.end());
  std::vector<int64_t> own(column_count());
  for (Cached& cached : cache_) {
    Snapshot& snapshot = *cached.snapshot;
    for (const std::string& code : once) {
      const uint32_t node = snapshot.hierarchy.index_of(code);
      if (node == Hierarchy::kNone) continue;
      own_facts(snapshot, node, own);
      snapshot.rollup.change_own(node, own);
      ++counters_.units_recounted;
    }
  }
}

Result<std::shared_ptr<Snapshot>> Engine::count_period(storage::Session& s,
                                                       const PeriodId& period) {
  SHEQU_ASSIGN_OR_RETURN(auto units, OrgRepository::load_on(s, last_day(period)));
  std::vector<HierarchyUnit> nodes;
  nodes.reserve(units.size());
  for (org::Unit& u : units) {
    nodes.push_back(
        {std::move(u.code), std::move(u.name), std::move(u.parent_code), u.level, u.type});
  }
  auto snapshot = std::make_shared<Snapshot>(period, std::move(nodes));
  std::vector<int64_t> own(column_count());
  for (uint32_t node = 0; node < snapshot->hierarchy.size(); ++node) {
    own_facts(*snapshot, node, own);
    snapshot->rollup.set_own(node, own);
  }
  snapshot->rollup.sum_all();
  return snapshot;
}

void Engine::own_facts(const Snapshot& snapshot, uint32_t node, std::span<int64_t> out) const {
  const HierarchyUnit& unit = snapshot.hierarchy.node(node).unit;
  std::vector<const facility::FacilityFields*> here;
  if (const auto it = facilities_by_unit_.find(unit.code); it != facilities_by_unit_.end()) {
    for (int64_t id : it->second) here.push_back(&facilities_.at(id).fields);
  }
  const facility::UnitFigures* figures = nullptr;
  if (const auto it = figures_.find(unit.code); it != figures_.end()) {
    for (const facility::UnitFigures& f : it->second) {  // by year
      if (f.year <= snapshot.period.year) figures = &f;
    }
  }
  count_facts(unit, here, figures, snapshot.day, out.first(kFactCount));
  std::fill(out.begin() + kFactCount, out.end(), 0);
  const auto entered = values_.find(values_key(to_string(snapshot.period), unit.code));
  if (entered == values_.end()) return;
  for (const EnteredValue& v : entered->second) {
    const Indicator* indicator = find_indicator(v.key.indicator);
    if (!indicator || indicator->source != Source::entered) continue;
    const std::size_t column = numerator_column(*indicator);
    out[column] = v.numerator;
    out[column + 1] = v.denominator.value_or(0);
    out[column + 2] = 1;
  }
}

}  // namespace shequ::indicator
