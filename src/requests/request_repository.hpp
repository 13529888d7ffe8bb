// SQL of the requests module: the catalogue, the calendar, cases, co-handlers and timelines.
// Stateless: every function runs inside the caller's transaction (Session), with parameters
// bound, portable across SQLite and PostgreSQL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "org/model.hpp"
#include "requests/calendar.hpp"
#include "requests/catalogue.hpp"
#include "requests/model.hpp"
#include "storage/database.hpp"

namespace shequ::requests::repository {

// Every category, groups and leaves, by sort order.
Result<std::vector<Category>> categories(storage::Session& s);
Result<std::optional<Category>> category(storage::Session& s, const std::string& code);
// A category and the group above it (none for a group, or a code that names nothing), in one
// round trip: intake asks for both.
struct CategoryInGroup {
  std::optional<Category> category;
  std::optional<Category> group;
};
Result<CategoryInGroup> category_in_group(storage::Session& s, const std::string& code);

// Every day of the calendar table, by date.
Result<std::vector<CalendarDay>> calendar_days(storage::Session& s);
// Replaces the days of `year` with `days` (all of that year).
Status replace_calendar_year(storage::Session& s, int year, const std::vector<CalendarDay>& days);

// Inserts a case (its id and version are ignored); its id. conflict when its tracking code, or
// its channel's external id, is taken.
Result<int64_t> insert_case(storage::Session& s, const Case& c);
Result<std::optional<Case>> find_case(storage::Session& s, int64_t id);
Result<std::optional<Case>> find_case_by_tracking_code(storage::Session& s,
                                                       const std::string& tracking_code);
Result<std::optional<Case>> find_case_by_external_id(storage::Session& s,
                                                     const std::string& channel,
                                                     const std::string& external_id);
// CaseSearch's cases, newest first.
Result<std::vector<Case>> search_cases(storage::Session& s, const CaseSearch& search);
// The steps taken over [from, to] (timestamps) on the cases read from `roots` (as list_cases
// reads them), oldest first, at most `limit`.
Result<std::vector<CaseUpdate>> updates(storage::Session& s, const std::vector<std::string>& roots,
                                        const std::string& from, const std::string& to,
                                        int64_t limit);
// The note of the latest step of `action` on each of `case_ids` that has one, by case.
Result<std::map<int64_t, std::string>> latest_notes(storage::Session& s,
                                                    const std::vector<int64_t>& case_ids,
                                                    const std::string& action);
// Writes the case's changing fields (status, unit, grid, step times, escalation flags) when it
// is still at `expected_version`, and bumps the version; false when someone changed it since.
Result<bool> update_case(storage::Session& s, const Case& c, int64_t expected_version);
Status add_co_handler(storage::Session& s, int64_t case_id, const std::string& unit,
                      const std::string& at);

Status append_event(storage::Session& s, int64_t case_id, const CaseEvent& event);
// Oldest first, with the names of the accounts that took each step.
Result<std::vector<CaseEvent>> events(storage::Session& s, int64_t case_id);

// Newest first.
Result<org::Page<Case>> list_cases(storage::Session& s, const CaseFilter& filter,
                                   const org::PageRequest& page);

Result<std::optional<Rating>> find_rating(storage::Session& s, int64_t case_id);
// conflict when the case already has one.
Status insert_rating(storage::Session& s, int64_t case_id, const Rating& rating);
// Writes the appeal fields of the case's rating.
Status update_appeal(storage::Session& s, int64_t case_id, const Rating& rating);

// A category changed when it is still at `expected_version` (false: it was not); a new one, after
// the last of its group (or of the groups).
Result<bool> update_category(storage::Session& s, const Category& c, int64_t expected_version);
Status insert_category(storage::Session& s, const Category& c);

// A box of latitude and longitude, degrees × 10^7, bounds included.
struct Area {
  int32_t lat_min_e7 = 0, lat_max_e7 = 0, lon_min_e7 = 0, lon_max_e7 = 0;
};
// Open cases of `category` received at or after `since` located in `area`, `except` aside; the
// newest fifty.
Result<std::vector<Case>> open_near(storage::Session& s, const std::string& category,
                                    const Area& area, const std::string& since, int64_t except);

// A case's photos, oldest first; one of them by id (nullopt unless it shows that case).
Result<std::vector<Photo>> photos(storage::Session& s, int64_t case_id);
Result<std::optional<Photo>> photo(storage::Session& s, int64_t case_id, int64_t photo_id);
// Holds the case's row lock until the transaction ends, so that writers that count its rows
// (photos, at most nine) take turns on PostgreSQL. SQLite serialises writers anyway.
Status lock_case(storage::Session& s, int64_t id);
Result<int64_t> insert_photo(storage::Session& s, int64_t case_id, const Photo& p);

// The case's latest rectification, if any.
Result<std::optional<Rectification>> latest_rectification(storage::Session& s, int64_t case_id);
Status open_rectification(storage::Session& s, int64_t case_id, const std::string& at,
                          const std::string& due);
// Marks the case's open rectification done at `at` (none open: nothing).
Status finish_rectification(storage::Session& s, int64_t case_id, const std::string& at);

// The counts of the three rates for cases received in [from, to): one row per unit of `units`
// (over its subtree, by lead unit), in that order.
Result<std::vector<RateCounts>> rates_by_unit(storage::Session& s,
                                              const std::vector<std::string>& units,
                                              const std::string& from, const std::string& to,
                                              const std::string& now);
// The same for the whole province, one row per lead unit with cases (its own cases, not its
// subtree's), by code: what the indicator engine rolls up its own tree.
Result<std::vector<RateCounts>> rates_by_lead_unit(storage::Session& s, const std::string& from,
                                                   const std::string& to, const std::string& now);
// The same for the subtree of `unit`, one row per category with cases, by category code.
Result<std::vector<RateCounts>> rates_by_category(storage::Session& s, const std::string& unit,
                                                  const std::string& from, const std::string& to,
                                                  const std::string& now);

// Cases awaiting acceptance led by one of `units`, or falling in one of them (grids).
Result<int64_t> count_to_accept(storage::Session& s, const std::vector<std::string>& units);

// Open cases past their acceptance deadline (still submitted) or their resolution deadline
// (not yet resolved) at `now`, not yet escalated for it; at most `limit`, oldest deadline first.
Result<std::vector<Case>> overdue_unescalated(storage::Session& s, const std::string& now,
                                              int64_t limit);

}  // namespace shequ::requests::repository
