#include "workforce/compliance.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <set>

namespace shequ::workforce {

std::string_view need_key(Need need) {
  switch (need) {
    case Need::county_training:
      return "county_training";
    case Need::biennial_training:
      return "biennial_training";
    case Need::children_director:
      return "children_director";
    case Need::hours_120:
      return "hours_120";
  }
  return "";
}

std::string years_before(const std::string& day, int years) {
  const int year = std::stoi(day.substr(0, 4)) - years;
  std::string rest = day.substr(4);
  if (rest == "-02-29") rest = "-02-28";
  return fmt::format("{:04d}{}", year, rest);
}

namespace {

bool in_force(const Post& p, const std::string& day) {
  return p.started_on <= day && (!p.ended_on || *p.ended_on >= day);
}

struct Training {
  std::optional<std::string> last;         // any course, up to the day
  std::optional<std::string> last_county;  // county level or above, in the year
  std::optional<std::string> last_in_year;
  int64_t hours = 0;
};

}  // namespace

RosterStanding assess(const RosterInput& input) {
  std::map<int64_t, Training> trained;
  for (const CompletedCourse& c : input.training) {
    if (c.completed_on > input.day) continue;
    Training& t = trained[c.worker_id];
    t.hours += c.hours;
    t.last = std::max(t.last.value_or(""), c.completed_on);
    if (c.completed_on >= input.year_start) {
      t.last_in_year = std::max(t.last_in_year.value_or(""), c.completed_on);
      if (c.level != CourseLevel::township) {
        t.last_county = std::max(t.last_county.value_or(""), c.completed_on);
      }
    }
  }
  const std::string two_years_ago = years_before(input.day, 2);
  std::map<int64_t, Standing> workers;
  for (const Post& p : input.posts) {
    if (!in_force(p, input.day)) continue;
    Standing& w = workers[p.worker_id];
    w.worker_id = p.worker_id;
    if (is_main_post(p.position)) {
      w.positions.insert(w.positions.begin(), p.position);
      w.unit_code = p.unit_code;
    } else {
      w.positions.push_back(p.position);
      if (w.unit_code.empty()) w.unit_code = p.unit_code;
    }
  }
  RosterStanding out;
  for (const Post& p : input.posts) {
    if (!in_force(p, input.day)) continue;
    const Training& t = trained[p.worker_id];
    UnitStanding& u = out.units[p.unit_code];
    switch (p.position) {
      case Position::secretary:
      case Position::director:
      case Position::secretary_director:
        ++u.leaders;
        if (t.last_county) ++u.leaders_trained;
        if (p.position != Position::director) ++u.secretaries;
        break;
      case Position::committee_member:
      case Position::full_time_worker:
      case Position::grid_worker:
        ++u.others;
        if (t.last && *t.last > two_years_ago) ++u.others_trained;
        break;
      case Position::children_director:
        ++u.children_directors;
        if (t.last_in_year) ++u.children_directors_trained;
        break;
      case Position::disaster_officer:
        u.disaster_officer = true;
        break;
      case Position::minors_officer:
        u.minors_officer = true;
        break;
      case Position::reserve_secretary:
        ++u.reserves;
        break;
    }
    if (is_main_post(p.position)) ++u.main_posts;
  }
  for (auto& [id, w] : workers) {
    const Training& t = trained[id];
    w.last_trained_on = t.last;
    w.hours = t.hours;
    const auto holds = [&](auto&& test) {
      return std::any_of(w.positions.begin(), w.positions.end(), test);
    };
    if (holds(is_leader) && !t.last_county) w.needs.push_back(Need::county_training);
    if (holds([](Position p) { return is_main_post(p) && !is_leader(p); }) &&
        !(t.last && *t.last > two_years_ago)) {
      w.needs.push_back(Need::biennial_training);
    }
    if (holds([](Position p) { return p == Position::children_director; }) && !t.last_in_year) {
      w.needs.push_back(Need::children_director);
    }
    const auto social = input.social_service.find(id);
    if (social != input.social_service.end() && social->second) {
      UnitStanding& u = out.units[w.unit_code];
      ++u.social_service;
      if (t.hours >= kSocialServiceHours) {
        ++u.social_service_hours;
      } else {
        w.needs.push_back(Need::hours_120);
      }
    }
    out.workers.push_back(std::move(w));
  }
  return out;
}

std::vector<kit::UnitCounts> indicator_counts(std::string_view indicator,
                                              const RosterStanding& standing,
                                              const org::OrgTree& tree) {
  std::vector<kit::UnitCounts> counts;
  const auto add = [&](const std::string& unit, int64_t numerator, int64_t denominator,
                       bool own_denominator) {
    if (!own_denominator || denominator > 0) counts.push_back({unit, numerator, denominator});
  };
  if (indicator == "14") {
    // A township's roster is the roster of its subtree: one without an officer counts 0.
    std::set<std::string> townships;
    for (const auto& [unit, u] : standing.units) {
      const auto found = tree.find(unit);
      if (found && found->unit.level == org::Level::township) townships.insert(unit);
      for (const org::UnitView& above : tree.ancestors(unit)) {
        if (above.unit.level == org::Level::township) townships.insert(above.unit.code);
      }
    }
    for (const std::string& township : townships) {
      const auto at = standing.units.find(township);
      add(township, at != standing.units.end() && at->second.minors_officer ? 1 : 0, 1, false);
    }
    return counts;
  }
  for (const auto& [unit, u] : standing.units) {
    const auto found = tree.find(unit);
    const bool village = found && found->unit.level == org::Level::village;
    if (indicator == "7" && village) add(unit, u.main_posts, 0, false);
    if (indicator == "20" && village) add(unit, u.disaster_officer ? 1 : 0, 0, false);
    if (indicator == "15") add(unit, u.children_directors_trained, u.children_directors, true);
    if (indicator == "24") add(unit, u.leaders_trained, u.leaders, true);
    if (indicator == "25") add(unit, u.others_trained, u.others, true);
    if (indicator == "27") add(unit, u.social_service_hours, u.social_service, true);
    if (indicator == "28") add(unit, u.reserves, u.secretaries, true);
  }
  return counts;
}

}  // namespace shequ::workforce
