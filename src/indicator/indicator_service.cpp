#include "indicator/indicator_service.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/strings.hpp"
#include "indicator/facts.hpp"
#include "indicator/indicator_repository.hpp"

namespace shequ::indicator {

namespace {

constexpr int kTargetYear = 2025;

ValueChange change_by(const Actor& actor, std::string action, std::string now, Json before,
                      Json after) {
  // The operator at the console has no account (user id 0).
  const auto user = actor.user_id > 0 ? std::optional(actor.user_id) : std::nullopt;
  return {0,
          std::move(action),
          std::move(now),
          user,
          actor.username,
          std::move(before),
          std::move(after)};
}

std::string object_id(const ValueKey& key) {
  return fmt::format("{}/{}/{}", key.indicator, key.unit_code, key.period);
}

Error no_value(const ValueKey& key) {
  return Error::not_found(
      {fmt::format("没有指标 {} 在 {} 的填报值", key.indicator, key.period),
       fmt::format("no value of indicator {} for {}", key.indicator, key.period)});
}

// What a unit selection of the analytics names.
struct UnitSelection {
  std::vector<std::string> codes;
  std::optional<org::Level> level;  // LEVEL-n
  bool children = false;            // CHILDREN
};

std::optional<double> progress_of(const Indicator& indicator, const Figure& figure) {
  if (!figure.has_data || indicator.target <= 0) return std::nullopt;
  double share = 0;
  if (indicator.comparator == Comparator::at_most) {
    share = figure.value <= indicator.target ? 100 : indicator.target / figure.value * 100;
  } else {
    share = figure.value / indicator.target * 100;
  }
  return std::clamp(share, 0.0, 100.0);
}

// met; else on track when the change over the last year, kept up, meets the target by 2025.
std::string status_of(const Indicator& indicator, const Figure& figure, const PeriodId& period,
                      const std::optional<Figure>& year_before) {
  if (!figure.has_data) return "no_data";
  if (meets(indicator, figure.value)) return "met";
  if (period.year >= kTargetYear || !year_before || !year_before->has_data) return "at_risk";
  const double projected =
      figure.value + (figure.value - year_before->value) * (kTargetYear - period.year);
  return meets(indicator, projected) ? "on_track" : "at_risk";
}

// Who enters at a level, as the refusal names them.
Text entered_by(org::Level level) {
  switch (level) {
    case org::Level::province:
      return {"省级", "the province"};
    case org::Level::city:
      return {"市（州）", "each city"};
    case org::Level::county:
      return {"县（市、区）", "each county"};
    case org::Level::township:
      return {"乡镇（街道）", "each township"};
    default:
      return {"村（社区）", "each village or community"};
  }
}

// The columns of the requests' counts as the roll-up sums them (RequestCounts' order).
constexpr std::size_t kRequestColumns = 6;

Figure request_figure(RequestRate rate, std::span<const int64_t> totals) {
  const auto [numerator, denominator] = [&]() -> std::pair<int64_t, int64_t> {
    switch (rate) {
      case RequestRate::response:
        return {totals[1], totals[0]};
      case RequestRate::resolution:
        return {totals[3], totals[2]};
      case RequestRate::satisfaction:
        return {totals[5], totals[4]};
    }
    return {0, 0};
  }();
  Figure figure;
  figure.numerator = static_cast<double>(numerator);
  figure.denominator = static_cast<double>(denominator);
  if (denominator > 0) {
    figure.has_data = true;
    figure.value = figure.numerator / static_cast<double>(denominator) * 100;
  }
  return figure;
}

// Whether `period` is one the indicator is entered for (a year, or a month for row 12).
bool entered_for(const Indicator& indicator, const PeriodId& period) {
  return period.kind ==
         (indicator.entry_period == Period::month ? PeriodId::Kind::month : PeriodId::Kind::year);
}

// An entered row that a module counts from its records, for one period: the counts summed up the
// tree, and, at and above the row's entry level, each entry-level unit's counts in place of its
// entered value where its subtree has any (its entered value elsewhere). Columns: numerator,
// denominator, units counted, as the engine keeps an entered row's.
class ModuleRollups {
 public:
  explicit ModuleRollups(const Hierarchy& tree) : counts_(tree, 3), mixed_(tree, 3) {}

  void fill(const Indicator& indicator, const std::vector<kit::UnitCounts>& counts,
            const Snapshot& now) {
    const Hierarchy& tree = now.hierarchy;
    for (const kit::UnitCounts& c : counts) {
      const uint32_t at = tree.index_of(c.unit);
      if (at == Hierarchy::kNone) continue;  // not a unit on the period's last day
      const std::array<int64_t, 3> own{c.numerator, c.denominator, 1};
      counts_.set_own(at, own);
    }
    counts_.sum_all();
    const std::size_t column = numerator_column(indicator);
    for (uint32_t node = 0; node < tree.size(); ++node) {
      if (tree.node(node).unit.level != indicator.entry_level) continue;
      const auto counted = counts_.total(node);
      mixed_.set_own(node, counted[2] > 0 ? counted : now.rollup.own(node).subspan(column, 3));
    }
    mixed_.sum_all();
  }

  // Whether the unit's subtree has counts.
  bool counted(uint32_t node) const { return counts_.total(node)[2] > 0; }

  Figure figure(const Indicator& indicator, const Snapshot& now, uint32_t node) const {
    const bool below = now.hierarchy.node(node).unit.level > indicator.entry_level;
    const auto counted = (below ? counts_ : mixed_).total(node);
    std::vector<int64_t> totals(now.rollup.total(node).begin(), now.rollup.total(node).end());
    std::copy(counted.begin(), counted.end(), totals.begin() + numerator_column(indicator));
    return figure_of(indicator, totals);
  }

 private:
  Rollup counts_;
  Rollup mixed_;
};

bool better(const Indicator& indicator, double a, double b) {
  return indicator.comparator == Comparator::at_most ? a < b : a > b;
}

}  // namespace

IndicatorService::IndicatorService(const org::OrgService& org, storage::Database& db,
                                   const audit::Log& audit, const Clock& clock, Engine& engine,
                                   CircleSource circle, RequestSource requests,
                                   ModuleSource modules)
    : org_(org),
      db_(db),
      audit_(audit),
      clock_(clock),
      engine_(engine),
      circle_(std::move(circle)),
      requests_(std::move(requests)),
      modules_(std::move(modules)) {}

int IndicatorService::current_year() const {
  return china_year(clock_.now());
}

Result<AnalyticsResult> IndicatorService::analytics(const Actor& actor,
                                                    const AnalyticsQuery& query) const {
  std::vector<FieldError> problems;
  AnalyticsResult result;
  for (const std::string& id : query.indicators) {
    const auto found = indicators_for(id);
    if (found.empty()) {
      problems.push_back(
          {"indicators",
           {fmt::format("没有指标“{}”", id), fmt::format("no indicator \"{}\"", id)}});
    }
    for (const Indicator& i : found) {
      if (std::find(result.indicators.begin(), result.indicators.end(), &i) ==
          result.indicators.end()) {
        result.indicators.push_back(&i);
      }
    }
  }
  if (query.indicators.empty()) {
    problems.push_back({"indicators", {"至少选择一个指标", "name at least one indicator"}});
  }
  std::vector<PeriodId> periods;
  for (const std::string& text : query.periods) {
    const auto period = parse_period(text);
    if (!period) {
      problems.push_back(
          {"periods",
           {fmt::format("“{}”不是年（2025）、季度（2025Q1）或月份（202511）", text),
            fmt::format("\"{}\" is not a year (2025), quarter (2025Q1) or month (202511)", text)}});
    } else if (std::find(periods.begin(), periods.end(), *period) == periods.end()) {
      periods.push_back(*period);
    }
  }
  if (query.periods.empty()) {
    problems.push_back({"periods", {"至少选择一个期间", "name at least one period"}});
  }
  UnitSelection selection;
  for (const std::string& token : query.units) {
    if (token == "CHILDREN") {
      selection.children = true;
    } else if (token.starts_with("LEVEL-")) {
      const auto level = parse_decimal(std::string_view(token).substr(6));
      if (!level || *level < 1 || *level > 5) {
        problems.push_back(
            {"units", {"层级须为 LEVEL-1 至 LEVEL-5", "levels are LEVEL-1 to LEVEL-5"}});
      } else {
        selection.level = static_cast<org::Level>(*level);
      }
    } else {
      selection.codes.push_back(token);
    }
  }
  if (query.units.empty()) {
    problems.push_back({"units", {"至少选择一个单位", "name at least one unit"}});
  }
  const bool relative = selection.children || selection.level;
  if (!problems.empty()) return Error::invalid(std::move(problems));
  for (const std::string& code : selection.codes) {
    SHEQU_TRY(org_.unit(actor, code));
    SHEQU_TRY(org_.in_scope(actor, kValueRead, code));
  }
  // Relative selections start from the units named, or from the caller's own.
  std::vector<std::string> boundaries = selection.codes;
  if (relative && boundaries.empty()) boundaries = actor.roots_for(kValueRead);

  // Each period with the year before it, for the trend.
  std::vector<PeriodId> counted = periods;
  for (const PeriodId& p : periods) {
    if (p.year > kFirstPeriodYear) counted.push_back(year_before(p));
  }
  std::sort(counted.begin(), counted.end());
  counted.erase(std::unique(counted.begin(), counted.end()), counted.end());

  const int this_year = current_year();
  std::set<std::string> named;
  std::unordered_set<std::string> listed;  // named in result.units
  SHEQU_TRY(engine_.read(counted, [&](std::span<const Snapshot* const> snapshots) -> Status {
    const auto snapshot_of = [&](const PeriodId& p) -> const Snapshot* {
      const auto at = std::lower_bound(counted.begin(), counted.end(), p);
      return at != counted.end() && *at == p ? snapshots[at - counted.begin()] : nullptr;
    };
    for (const PeriodId& period : periods) {
      const Snapshot& now = *snapshot_of(period);
      const Snapshot* before =
          period.year > kFirstPeriodYear ? snapshot_of(year_before(period)) : nullptr;
      const Hierarchy& tree = now.hierarchy;
      std::vector<uint32_t> nodes;
      for (const std::string& code : boundaries) {
        const uint32_t at = tree.index_of(code);
        if (at == Hierarchy::kNone) continue;  // not yet or no longer a unit then
        if (!relative) nodes.push_back(at);
        if (selection.children) {
          const auto& kids = tree.node(at).children;
          nodes.insert(nodes.end(), kids.begin(), kids.end());
        }
        if (selection.level) {
          const auto below = tree.descendants_at(at, *selection.level);
          nodes.insert(nodes.end(), below.begin(), below.end());
        }
      }
      // Each unit once, in the order asked (a province's villages are 17,000: no linear search).
      std::vector<uint32_t> once;
      std::unordered_set<uint32_t> seen;
      for (uint32_t n : nodes) {
        if (seen.insert(n).second) once.push_back(n);
      }
      if (once.size() * result.indicators.size() + result.rows.size() > kMaxRows) {
        return Error::invalid("units", {fmt::format("结果超过 {} 行，请缩小范围", kMaxRows),
                                        fmt::format("more than {} rows: ask for less", kMaxRows)});
      }
      // The requests' counts of the period summed up its tree, when a row reads them.
      std::optional<Rollup> requested;
      const bool reads_requests =
          std::any_of(result.indicators.begin(), result.indicators.end(),
                      [](const Indicator* i) { return i->from_requests.has_value(); });
      if (requests_ && reads_requests) {
        SHEQU_ASSIGN_OR_RETURN(const std::vector<RequestCounts> counts,
                               requests_(first_day(period), last_day(period)));
        requested.emplace(tree, kRequestColumns);
        for (const RequestCounts& c : counts) {
          const uint32_t at = tree.index_of(c.unit);
          if (at == Hierarchy::kNone) continue;  // no longer a unit on the period's last day
          const std::array<int64_t, kRequestColumns> own{c.received,       c.accepted_in_time,
                                                         c.resolution_due, c.resolved_in_time,
                                                         c.rated,          c.satisfied};
          requested->set_own(at, own);
        }
        requested->sum_all();
      }
      // The rows modules count from their records, for the period they are entered for.
      std::map<const Indicator*, ModuleRollups> from_modules;
      for (const Indicator* indicator : result.indicators) {
        if (!modules_ || indicator->source != Source::entered || !entered_for(*indicator, period)) {
          continue;
        }
        SHEQU_ASSIGN_OR_RETURN(const auto counts,
                               modules_(indicator->id, first_day(period), last_day(period)));
        if (!counts) continue;
        auto [at, added] = from_modules.try_emplace(indicator, tree);
        at->second.fill(*indicator, *counts, now);
      }
      // A unit's figure of an indicator counted on the tree (every row but the circle's).
      const auto figure_at = [&](const Indicator& indicator, uint32_t node) -> Figure {
        if (indicator.from_requests) {
          return requested ? request_figure(*indicator.from_requests, requested->total(node))
                           : Figure{};
        }
        if (const auto m = from_modules.find(&indicator); m != from_modules.end()) {
          return m->second.figure(indicator, now, node);
        }
        return figure_of(indicator, now.rollup.total(node));
      };
      // The values of a parent's children, best first, per indicator: the rank of each.
      std::map<std::pair<uint32_t, const Indicator*>, std::vector<double>> ranked;
      const auto siblings = [&](uint32_t parent, const Indicator& indicator) -> const auto& {
        auto [it, added] = ranked.try_emplace({parent, &indicator});
        if (added) {
          for (uint32_t child : tree.node(parent).children) {
            const Figure f = figure_at(indicator, child);
            if (f.has_data) it->second.push_back(f.value);
          }
          std::sort(it->second.begin(), it->second.end(),
                    [&](double a, double b) { return better(indicator, a, b); });
        }
        return it->second;
      };
      for (const Indicator* indicator : result.indicators) {
        for (uint32_t node : once) {
          const HierarchyUnit& unit = tree.node(node).unit;
          named.insert(unit.code);
          AnalyticsRow row{indicator, unit.code, to_string(period), {}, {}, {}, {}, 0};
          if (const auto m = from_modules.find(indicator); m != from_modules.end()) {
            row.from_records = m->second.counted(node);
          }
          if (indicator->from_circle) {
            if (circle_ && period.year == this_year) {
              if (auto share = circle_(unit.code); share && share->residences > 0) {
                row.figure.has_data = true;
                row.figure.numerator =
                    indicator->fitness ? share->reached_fitness : share->reached_daily;
                row.figure.denominator = share->residences;
                row.figure.value = row.figure.numerator / share->residences * 100;
              }
            }
            row.status = status_of(*indicator, row.figure, period, std::nullopt);
          } else {
            row.figure = figure_at(*indicator, node);
            std::optional<Figure> earlier;
            // A rate of requests has no trend: this year's cases say nothing of 2025's.
            // Nor has a row counted from records: the year before was counted otherwise.
            if (before && !indicator->from_requests && !from_modules.contains(indicator)) {
              const uint32_t then = before->hierarchy.index_of(unit.code);
              if (then != Hierarchy::kNone) {
                earlier = figure_of(*indicator, before->rollup.total(then));
              }
            }
            row.status = status_of(*indicator, row.figure, period, earlier);
            const uint32_t parent = tree.node(node).parent;
            if (row.figure.has_data && parent != Hierarchy::kNone) {
              const auto& values = siblings(parent, *indicator);
              row.ranked = static_cast<int>(values.size());
              row.rank =
                  1 + static_cast<int>(std::count_if(values.begin(), values.end(), [&](double v) {
                    return better(*indicator, v, row.figure.value);
                  }));
            }
          }
          row.progress = progress_of(*indicator, row.figure);
          result.rows.push_back(std::move(row));
        }
      }
      for (const std::string& code : named) {
        const uint32_t at = tree.index_of(code);
        if (at != Hierarchy::kNone && listed.insert(code).second) {
          result.units.push_back({code, tree.node(at).unit.name});
        }
      }
    }
    return {};
  }));
  return result;
}

Result<std::vector<EntryRow>> IndicatorService::entries(const Actor& actor,
                                                        const std::string& indicator_id,
                                                        const std::string& unit_code,
                                                        const std::string& period_text) const {
  std::vector<FieldError> problems;
  const Indicator* indicator = find_indicator(indicator_id);
  if (!indicator) {
    problems.push_back({"indicator", {"没有这个指标", "no such indicator"}});
  } else if (indicator->source != Source::entered) {
    problems.push_back({"indicator", {"该指标由系统计算，不需填报", "this indicator is computed"}});
  }
  const auto period = parse_period(period_text);
  if (!period) problems.push_back({"period", {"期间格式不正确", "not a period"}});
  if (!problems.empty()) return Error::invalid(std::move(problems));
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView root, org_.unit(actor, unit_code));
  SHEQU_TRY(org_.in_scope(actor, kValueRead, unit_code));
  if (root.unit.level > indicator->entry_level) {
    return Error::invalid("unit", {"该单位低于本指标的填报层级",
                                   "this unit is below the level the indicator is entered at"});
  }
  const auto counted = [&](const org::Unit& u) {
    if (u.level != indicator->entry_level) return false;
    if (u.level == org::Level::village) return is_village(u.type) || is_community(u.type);
    if (u.level == org::Level::township) return is_township(u.type);
    return true;
  };
  std::vector<EntryRow> rows;
  if (counted(root.unit)) {
    rows.push_back({{root.unit.code, root.unit.name}, {}, {}});
  } else {
    const auto all = org_.tree().search(unit_code, "", {1, 1'000'000});
    for (const org::UnitView& view : all ? all->items : std::vector<org::UnitView>{}) {
      if (!counted(view.unit)) continue;
      if (rows.size() == kMaxEntryRows) {
        return Error::invalid(
            "unit", {fmt::format("超过 {} 个填报单位，请选择下级单位", kMaxEntryRows),
                     fmt::format("more than {} units: choose a unit further down", kMaxEntryRows)});
      }
      rows.push_back({{view.unit.code, view.unit.name}, {}, {}});
    }
  }
  SHEQU_ASSIGN_OR_RETURN(
      auto values, db_.read_value<std::vector<EnteredValue>>([&](storage::Session& s) {
        return IndicatorRepository::under(s, indicator->id.data(), to_string(*period), unit_code);
      }));
  std::unordered_map<std::string, std::size_t> row_of;
  for (std::size_t i = 0; i < rows.size(); ++i) row_of.emplace(rows[i].unit.code, i);
  for (EnteredValue& v : values) {
    if (const auto row = row_of.find(v.key.unit_code); row != row_of.end()) {
      rows[row->second].value = std::move(v);
    }
  }
  // A unit whose records a module counts has that count in place of its entry (analytics does
  // the same): say so, lest someone enters a value that never shows.
  if (modules_ && entered_for(*indicator, *period)) {
    SHEQU_ASSIGN_OR_RETURN(const auto counts,
                           modules_(indicator->id, first_day(*period), last_day(*period)));
    for (const kit::UnitCounts& c : counts ? *counts : std::vector<kit::UnitCounts>{}) {
      auto row = row_of.find(c.unit);
      if (row == row_of.end()) {
        for (const org::UnitView& above : org_.tree().ancestors(c.unit)) {
          row = row_of.find(above.unit.code);
          if (row != row_of.end()) break;
        }
      }
      if (row == row_of.end()) continue;  // outside the units asked for
      std::optional<CountedValue>& counted = rows[row->second].counted;
      if (!counted) counted.emplace();
      counted->numerator += c.numerator;
      counted->denominator += c.denominator;
    }
  }
  if (indicator->denominator) {
    const PeriodId periods[] = {*period};
    SHEQU_TRY(engine_.read(periods, [&](std::span<const Snapshot* const> snapshots) -> Status {
      const Snapshot& snapshot = *snapshots[0];
      for (EntryRow& row : rows) {
        const uint32_t at = snapshot.hierarchy.index_of(row.unit.code);
        if (at == Hierarchy::kNone) continue;
        const Fact fact = *indicator->denominator;
        row.denominator_fact =
            static_cast<double>(snapshot.rollup.total(at)[static_cast<std::size_t>(fact)]) /
            static_cast<double>(fact_divisor(fact));
      }
      return {};
    }));
  }
  return rows;
}

Result<EnteredValue> IndicatorService::enter(const Actor& actor,
                                             const EntryRequest& request) const {
  std::vector<FieldError> problems;
  const Indicator* indicator = find_indicator(request.indicator);
  if (!indicator) {
    problems.push_back({"indicator", {"没有这个指标", "no such indicator"}});
  } else if (indicator->source != Source::entered) {
    problems.push_back({"indicator",
                        {"该指标由系统根据数据计算，不能填报",
                         "this indicator is computed from the data, not entered"}});
  }
  const auto period = parse_period(request.period);
  const std::string today = china_date(clock_.now());
  if (!period) {
    problems.push_back({"period", {"期间格式不正确", "not a period"}});
  } else if (indicator && indicator->source == Source::entered) {
    const bool monthly = indicator->entry_period == Period::month;
    if (monthly != (period->kind == PeriodId::Kind::month) ||
        (!monthly && period->kind != PeriodId::Kind::year)) {
      problems.push_back({"period", monthly ? Text{"该指标按月填报（如 202511）",
                                                   "this indicator is entered by month (202511)"}
                                            : Text{"该指标按年填报（如 2025）",
                                                   "this indicator is entered by year (2025)"}});
    } else if (first_day(*period) > today) {
      problems.push_back({"period", {"该期间尚未开始", "this period has not begun"}});
    }
  }
  const auto check_count = [&](std::string_view field, const std::optional<int64_t>& n) {
    if (n && (*n < 0 || *n > kMaxEntered)) {
      problems.push_back({std::string(field),
                          {fmt::format("须在 0 到 {} 之间", kMaxEntered),
                           fmt::format("must be from 0 to {}", kMaxEntered)}});
      return false;
    }
    return true;
  };
  if (!request.numerator) {
    problems.push_back({"numerator", {"请填写数值", "enter the number"}});
  }
  const bool numerator_ok = check_count("numerator", request.numerator);
  const bool denominator_ok = check_count("denominator", request.denominator);
  if (indicator && indicator->source == Source::entered) {
    const bool wants_denominator = !indicator->denominator && !indicator->no_denominator;
    if (wants_denominator && !request.denominator) {
      problems.push_back({"denominator", {"请填写分母", "enter the denominator"}});
    } else if (!wants_denominator && request.denominator) {
      problems.push_back(
          {"denominator",
           {"该指标的分母由系统计算，不用填写", "the system counts this indicator's denominator"}});
    }
    if (wants_denominator && indicator->measure.key == "percent" && request.numerator &&
        request.denominator && numerator_ok && denominator_ok &&
        *request.numerator > *request.denominator) {
      problems.push_back({"numerator", {"不能大于分母", "must not exceed the denominator"}});
    }
    const bool yes_no = indicator->denominator == Fact::townships ||
                        indicator->denominator == Fact::villages_and_communities;
    if (yes_no && request.numerator && numerator_ok && *request.numerator > 1) {
      problems.push_back(
          {"numerator", {"本单位有填 1，没有填 0", "1 when the unit has one, else 0"}});
    }
  }
  if (request.expected_version < 0) {
    problems.push_back({"version", {"版本不正确", "not a version"}});
  }
  // Unknown or out of scope first (404), before the fields are judged (400).
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, request.unit_code));
  SHEQU_TRY(org_.in_scope(actor, kValueEnter, request.unit_code));
  if (indicator && indicator->source == Source::entered &&
      unit.unit.level != indicator->entry_level) {
    problems.push_back(
        {"unitCode",
         {fmt::format("该指标由{}填报", entered_by(indicator->entry_level).zh),
          fmt::format("this indicator is entered by {}", entered_by(indicator->entry_level).en)}});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems));

  const std::string now = format_timestamp(clock_.now());
  EnteredValue value;
  value.key = {std::string(indicator->id), request.unit_code, to_string(*period)};
  value.numerator = *request.numerator;
  value.denominator = request.denominator;
  value.entered_at = now;
  value.entered_by = actor.username;
  value.version = request.expected_version + 1;
  return db_.write_value<EnteredValue>([&](storage::Session& s) -> Result<EnteredValue> {
    SHEQU_ASSIGN_OR_RETURN(auto before, IndicatorRepository::find(s, value.key));
    if (before && before->state == kApproved) {
      return Error::conflict({"该数值已审核并锁定，需上级撤销审核后才能修改",
                              "this value is approved and locked: it can change once unapproved"});
    }
    SHEQU_TRY(IndicatorRepository::put(s, value, request.expected_version));
    SHEQU_TRY(IndicatorRepository::add_change(
        s, value.key,
        change_by(actor, "enter", now, before ? to_json(*before) : Json(nullptr), to_json(value))));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kValueEnter),
                            {"indicator.value.enter", "indicator_value", object_id(value.key),
                             "success", "", value.key.unit_code}));
    return value;
  });
}

Result<EnteredValue> IndicatorService::visible(storage::Session& s, const Actor& actor,
                                               std::string_view permission,
                                               const ValueKey& key) const {
  SHEQU_ASSIGN_OR_RETURN(auto found, IndicatorRepository::find(s, key));
  if (!found || !org_.covers(actor, permission, key.unit_code)) return no_value(key);
  return std::move(*found);
}

Result<EnteredValue> IndicatorService::approve(const Actor& actor, const ValueKey& key,
                                               int64_t expected_version) const {
  return set_approval(actor, key, expected_version, true);
}

Result<EnteredValue> IndicatorService::unapprove(const Actor& actor, const ValueKey& key,
                                                 int64_t expected_version) const {
  return set_approval(actor, key, expected_version, false);
}

Result<EnteredValue> IndicatorService::set_approval(const Actor& actor, const ValueKey& key,
                                                    int64_t expected_version, bool approve) const {
  // Approval comes from above: from a unit over the value's, or for the province's own values
  // (nothing is above it) from the province.
  const auto view = org_.unit(key.unit_code);
  const bool from_above =
      view && std::any_of(actor.grants.begin(), actor.grants.end(), [&](const Grant& g) {
        if (!g.allows(kValueApprove) || !org_.tree().contains(g.unit_code, key.unit_code)) {
          return false;
        }
        return g.unit_code != key.unit_code || view->unit.parent_code.empty();
      });
  const std::string now = format_timestamp(clock_.now());
  return db_.write_value<EnteredValue>([&](storage::Session& s) -> Result<EnteredValue> {
    SHEQU_ASSIGN_OR_RETURN(EnteredValue before, visible(s, actor, kValueApprove, key));
    if (!from_above) {
      return Error::forbidden({"数值须由上级单位审核", "a value is approved by a unit above it"});
    }
    if (approve == (before.state == kApproved)) {
      return Error::conflict(approve ? Text{"该数值已审核", "this value is already approved"}
                                     : Text{"该数值尚未审核", "this value is not approved"});
    }
    const std::optional<std::string> by = approve ? std::optional(actor.username) : std::nullopt;
    const std::optional<std::string> at = approve ? std::optional(now) : std::nullopt;
    SHEQU_TRY(IndicatorRepository::set_approval(s, key, expected_version, by, at));
    EnteredValue after = before;
    after.state = approve ? kApproved : kEntered;
    after.approved_by = by;
    after.approved_at = at;
    after.version = expected_version + 1;
    const std::string action = approve ? "approve" : "unapprove";
    SHEQU_TRY(IndicatorRepository::add_change(
        s, key, change_by(actor, action, now, to_json(before), to_json(after))));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kValueApprove),
                            {"indicator.value." + action, "indicator_value", object_id(key),
                             "success", "", key.unit_code}));
    return after;
  });
}

Result<std::vector<ValueChange>> IndicatorService::history(const Actor& actor,
                                                           const ValueKey& key) const {
  return db_.read_value<std::vector<ValueChange>>(
      [&](storage::Session& s) -> Result<std::vector<ValueChange>> {
        SHEQU_TRY(visible(s, actor, kValueRead, key));
        return IndicatorRepository::changes(s, key);
      });
}

}  // namespace shequ::indicator
