#include "residents/resident_repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "storage/bulk_insert.hpp"
#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::residents::repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kHouseholdColumns =
    "id, unit_code, grid_code, address_sealed, lat_e7, lon_e7, household_type, created_at, "
    "updated_at, version";

Household household_from_row(const Row& row) {
  Household h;
  h.id = row.integer(0);
  h.unit_code = row.text(1);
  h.grid_code = row.text(2);
  h.address_sealed = row.text(3);
  if (auto lat = row.optional_integer(4)) h.lat_e7 = static_cast<int32_t>(*lat);
  if (auto lon = row.optional_integer(5)) h.lon_e7 = static_cast<int32_t>(*lon);
  h.type = row.text(6);
  h.created_at = row.text(7);
  h.updated_at = row.text(8);
  h.version = row.integer(9);
  return h;
}

const std::string kPersonColumns =
    "id, unit_code, grid_code, household_id, name_sealed, id_number_sealed, id_number_index, "
    "phone_sealed, phone_index, sex, birth_date, ethnicity, registration, moved_out, "
    "anonymised_at, created_at, updated_at, version, (SELECT m.relation FROM resident_membership "
    "m WHERE m.person_id = resident_person.id AND m.moved_out IS NULL)";

Person person_from_row(const Row& row) {
  Person p;
  p.id = row.integer(0);
  p.unit_code = row.text(1);
  p.grid_code = row.text(2);
  p.household_id = row.optional_integer(3);
  p.name_sealed = row.optional_text(4);
  p.id_number_sealed = row.optional_text(5);
  p.id_number_index = row.optional_text(6);
  p.phone_sealed = row.optional_text(7);
  p.phone_index = row.optional_text(8);
  p.sex = row.text(9);
  p.birth_date = row.text(10);
  p.ethnicity = row.text(11);
  p.registration = row.text(12);
  p.moved_out = row.optional_text(13);
  p.anonymised_at = row.optional_text(14);
  p.created_at = row.text(15);
  p.updated_at = row.text(16);
  p.version = row.integer(17);
  p.relation = row.optional_text(18).value_or("");
  return p;
}

// The people of `rows` with their tags, read a slice of people at a time (so that no statement
// carries more parameters than a backend takes).
Result<std::vector<Person>> people_with_tags(storage::Session& s, const Rows& rows) {
  constexpr std::size_t kSlice = 500;
  std::vector<Person> people;
  people.reserve(rows.size());
  std::map<int64_t, std::size_t> at;
  for (const Row& row : rows) {
    people.push_back(person_from_row(row));
    at[people.back().id] = people.size() - 1;
  }
  for (std::size_t from = 0; from < people.size(); from += kSlice) {
    std::vector<Value> ids;
    std::string placeholders;
    for (std::size_t i = from; i < std::min(people.size(), from + kSlice); ++i) {
      ids.emplace_back(people[i].id);
      placeholders += (placeholders.empty() ? "$" : ", $") + std::to_string(ids.size());
    }
    SHEQU_ASSIGN_OR_RETURN(
        Rows tags, s.query("SELECT person_id, tag, detail FROM resident_tag WHERE person_id IN (" +
                               placeholders + ") ORDER BY person_id, tag",
                           ids));
    for (const Row& row : tags) {
      people[at.at(row.integer(0))].tags.push_back({row.text(1), row.text(2)});
    }
  }
  return people;
}

Status insert_tags(storage::Session& s, int64_t person_id, const std::vector<Tag>& tags) {
  for (const Tag& t : tags) {
    SHEQU_TRY(s.execute("INSERT INTO resident_tag (person_id, tag, detail) VALUES ($1, $2, $3)",
                        std::vector<Value>{person_id, t.key, t.detail}));
  }
  return {};
}

// The value of an optional moved out of it; NULL when it is empty.
Value taken(std::optional<std::string>& v) {
  return v ? Value(std::move(*v)) : Value(nullptr);
}

// " WHERE …" over the filter's scope (on grid_code) and unit.
std::string scoped(storage::Session& s, const Filter& filter, std::vector<Value>& params) {
  std::string where =
      " WHERE " + storage::in_subtrees(s.dialect(), {"grid_code"}, filter.roots, params);
  if (filter.unit) {
    const std::vector<std::string> unit{*filter.unit};
    where += " AND " + storage::in_subtrees(s.dialect(), {"grid_code"}, unit, params);
  }
  return where;
}

}  // namespace

Result<int64_t> insert_household(storage::Session& s, const Household& h) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO resident_household (unit_code, grid_code, address_sealed, lat_e7, "
          "lon_e7, household_type, created_at, updated_at, version) VALUES ($1, $2, $3, "
          "$4, $5, $6, $7, $7, 1) RETURNING id",
          std::vector<Value>{h.unit_code, h.grid_code, h.address_sealed, optional_value(h.lat_e7),
                             optional_value(h.lon_e7), h.type, h.created_at}));
  if (!row) return Error::internal("INSERT INTO resident_household returned no id");
  return row->integer(0);
}

Status insert_households(storage::Session& s, std::vector<HouseholdRows> rows) {
  // The ids are reserved first, so that people name their household and stays and tags their
  // person without an answer per row (RETURNING would also make SQLite journal each statement).
  std::size_t people = 0;
  for (const HouseholdRows& r : rows) people += r.people.size();
  SHEQU_ASSIGN_OR_RETURN(const std::vector<int64_t> household_ids,
                         storage::reserve_ids(s, "resident_household", rows.size()));
  SHEQU_ASSIGN_OR_RETURN(const std::vector<int64_t> person_ids,
                         storage::reserve_ids(s, "resident_person", people));
  std::vector<std::vector<Value>> households;
  std::vector<std::vector<Value>> persons;
  std::vector<std::vector<Value>> stays;
  std::vector<std::vector<Value>> tags;
  households.reserve(rows.size());
  persons.reserve(people);
  stays.reserve(people);
  std::set<std::string> units;
  std::size_t next_person = 0;
  // The values are moved into the statements' rows: the caller gave the households away.
  for (std::size_t h = 0; h < rows.size(); ++h) {
    Household& household = rows[h].household;
    const int64_t household_id = household_ids[h];
    units.insert(household.unit_code);
    households.push_back({household_id, std::move(household.unit_code),
                          std::move(household.grid_code), std::move(household.address_sealed),
                          optional_value(household.lat_e7), optional_value(household.lon_e7),
                          std::move(household.type), std::move(household.created_at),
                          std::move(household.updated_at), int64_t{1}});
    for (std::size_t m = 0; m < rows[h].people.size(); ++m) {
      Person& p = rows[h].people[m];
      const int64_t person_id = person_ids[next_person++];
      for (Tag& t : p.tags) tags.push_back({person_id, std::move(t.key), std::move(t.detail)});
      persons.push_back({person_id, std::move(p.unit_code), std::move(p.grid_code), household_id,
                         taken(p.name_sealed), taken(p.id_number_sealed), taken(p.id_number_index),
                         taken(p.phone_sealed), taken(p.phone_index), std::move(p.sex),
                         std::move(p.birth_date), std::move(p.ethnicity), std::move(p.registration),
                         std::move(p.created_at), std::move(p.updated_at), int64_t{1}});
      Membership& stay = rows[h].stays[m];
      stays.push_back({person_id, household_id, std::move(stay.relation), std::move(stay.moved_in),
                       optional_value(stay.moved_out)});
    }
  }
  static constexpr std::string_view kHouseholdInsert[] = {
      "id",     "unit_code",      "grid_code",  "address_sealed", "lat_e7",
      "lon_e7", "household_type", "created_at", "updated_at",     "version"};
  static constexpr std::string_view kPersonInsert[] = {"id",
                                                       "unit_code",
                                                       "grid_code",
                                                       "household_id",
                                                       "name_sealed",
                                                       "id_number_sealed",
                                                       "id_number_index",
                                                       "phone_sealed",
                                                       "phone_index",
                                                       "sex",
                                                       "birth_date",
                                                       "ethnicity",
                                                       "registration",
                                                       "created_at",
                                                       "updated_at",
                                                       "version"};
  static constexpr std::string_view kStayInsert[] = {"person_id", "household_id", "relation",
                                                     "moved_in", "moved_out"};
  static constexpr std::string_view kTagInsert[] = {"person_id", "tag", "detail"};
  SHEQU_TRY(storage::insert_rows(s, "resident_household", kHouseholdInsert, households));
  SHEQU_TRY(storage::insert_rows(s, "resident_person", kPersonInsert, persons));
  SHEQU_TRY(storage::insert_rows(s, "resident_membership", kStayInsert, stays));
  for (const std::string& unit : units) {
    SHEQU_TRY(s.execute("INSERT INTO resident_home_change (unit_code) VALUES ($1)",
                        std::vector<Value>{unit}));
  }
  return storage::insert_rows(s, "resident_tag", kTagInsert, tags);
}

Result<std::optional<Household>> find_household(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT " + kHouseholdColumns +
                                                   " FROM resident_household WHERE id = $1",
                                               std::vector<Value>{id}));
  if (!row) return std::optional<Household>();
  return std::optional<Household>(household_from_row(*row));
}

Result<org::Page<std::pair<Household, int64_t>>> list_households(storage::Session& s,
                                                                 const Filter& filter,
                                                                 const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where = " FROM resident_household" + scoped(s, filter, params);
  SHEQU_ASSIGN_OR_RETURN(
      const storage::PageRows found,
      storage::query_page(s,
                          kHouseholdColumns + ", (SELECT COUNT(*) FROM resident_person p WHERE "
                                              "p.household_id = resident_household.id)",
                          where, "id DESC", std::move(params), page.page_size, page.offset()));
  org::Page<std::pair<Household, int64_t>> out;
  out.total = found.total;
  for (const Row& row : found.rows) {
    out.items.emplace_back(household_from_row(row), row.integer(10));
  }
  return out;
}

Result<int64_t> insert_person(storage::Session& s, const Person& p) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO resident_person (unit_code, grid_code, household_id, name_sealed, "
          "id_number_sealed, id_number_index, phone_sealed, phone_index, sex, birth_date, "
          "ethnicity, registration, moved_out, created_at, updated_at, version) VALUES ($1, $2, "
          "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, 1) RETURNING id",
          std::vector<Value>{p.unit_code, p.grid_code, optional_value(p.household_id),
                             optional_value(p.name_sealed), optional_value(p.id_number_sealed),
                             optional_value(p.id_number_index), optional_value(p.phone_sealed),
                             optional_value(p.phone_index), p.sex, p.birth_date, p.ethnicity,
                             p.registration, optional_value(p.moved_out), p.created_at}));
  if (!row) return Error::internal("INSERT INTO resident_person returned no id");
  const int64_t id = row->integer(0);
  SHEQU_TRY(insert_tags(s, id, p.tags));
  return id;
}

Result<std::optional<Person>> find_person(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT " + kPersonColumns + " FROM resident_person WHERE id = $1",
                                 std::vector<Value>{id}));
  SHEQU_ASSIGN_OR_RETURN(auto people, people_with_tags(s, rows));
  if (people.empty()) return std::optional<Person>();
  return std::optional<Person>(std::move(people.front()));
}

Result<std::map<std::string, std::string>> registered_id_numbers(
    storage::Session& s, const std::vector<std::string>& indexes) {
  // Indexes per statement: well under every backend's limit on parameters.
  constexpr std::size_t kBatch = 500;
  std::map<std::string, std::string> registered;
  for (std::size_t from = 0; from < indexes.size(); from += kBatch) {
    const std::size_t to = std::min(indexes.size(), from + kBatch);
    std::vector<Value> params;
    std::string placeholders;
    for (std::size_t i = from; i < to; ++i) {
      params.emplace_back(indexes[i]);
      placeholders += fmt::format("{}${}", placeholders.empty() ? "" : ", ", params.size());
    }
    SHEQU_ASSIGN_OR_RETURN(Rows rows,
                           s.query("SELECT id_number_index, unit_code FROM resident_person WHERE "
                                   "id_number_index IN (" +
                                       placeholders + ")",
                                   params));
    for (const Row& row : rows) registered.emplace(row.text(0), row.text(1));
  }
  return registered;
}

Result<std::optional<Person>> find_person_by_id_number(storage::Session& s,
                                                       const std::string& index) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT " + kPersonColumns +
                                                " FROM resident_person WHERE id_number_index = $1",
                                            std::vector<Value>{index}));
  SHEQU_ASSIGN_OR_RETURN(auto people, people_with_tags(s, rows));
  if (people.empty()) return std::optional<Person>();
  return std::optional<Person>(std::move(people.front()));
}

Result<std::vector<Person>> find_people_by_phone(storage::Session& s, const std::string& index,
                                                 const std::vector<std::string>& roots) {
  std::vector<Value> params{index};
  const std::string scope = storage::in_subtrees(s.dialect(), {"grid_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT " + kPersonColumns +
                                                " FROM resident_person WHERE phone_index = $1 "
                                                "AND " +
                                                scope + " ORDER BY id LIMIT 20",
                                            params));
  return people_with_tags(s, rows);
}

Result<org::Page<Person>> list_people(storage::Session& s, const Filter& filter,
                                      const org::PageRequest& page) {
  std::vector<Value> params;
  std::string where = " FROM resident_person" + scoped(s, filter, params);
  if (!filter.include_moved_out) where += " AND moved_out IS NULL";
  if (!filter.tag.empty()) {
    params.emplace_back(filter.tag);
    where += fmt::format(" AND id IN (SELECT person_id FROM resident_tag WHERE tag = ${})",
                         params.size());
  }
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kPersonColumns, where, "id DESC", std::move(params),
                                             page.page_size, page.offset()));
  org::Page<Person> out;
  out.total = found.total;
  SHEQU_ASSIGN_OR_RETURN(out.items, people_with_tags(s, found.rows));
  return out;
}

Result<std::vector<CareCandidate>> care_candidates(storage::Session& s, const Filter& filter,
                                                   const std::vector<std::string>& tags) {
  std::vector<CareCandidate> out;
  if (tags.empty()) return out;
  std::vector<Value> params;
  // One pass over the tag index: a person appears once per target tag, in id order.
  std::string sql =
      "SELECT p.id, p.grid_code, t.tag, t.detail, (SELECT MAX(v.visited_on) FROM resident_visit "
      "v WHERE v.person_id = p.id) FROM resident_tag t JOIN resident_person p ON p.id = "
      "t.person_id" +
      scoped(s, filter, params) +
      " AND p.moved_out IS NULL AND p.anonymised_at IS NULL AND t.tag IN (";
  for (std::size_t i = 0; i < tags.size(); ++i) {
    params.emplace_back(tags[i]);
    sql += fmt::format("{}${}", i == 0 ? "" : ", ", params.size());
  }
  sql += ") ORDER BY p.id";
  SHEQU_TRY(s.for_each(sql, params, [&](const Row& row) -> Status {
    const int64_t id = row.integer(0);
    if (out.empty() || out.back().person_id != id) {
      out.push_back({id, row.text(1), {}, row.optional_text(4)});
    }
    out.back().tags.push_back({row.text(2), row.text(3)});
    return {};
  }));
  return out;
}

Result<std::vector<Person>> members(storage::Session& s, int64_t household_id) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT " + kPersonColumns +
                                     " FROM resident_person WHERE household_id = $1 ORDER BY id",
                                 std::vector<Value>{household_id}));
  return people_with_tags(s, rows);
}

Result<bool> update_person(storage::Session& s, const Person& p, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      int64_t changed,
      s.execute(
          "UPDATE resident_person SET unit_code = $1, grid_code = $2, household_id = $3, "
          "name_sealed = $4, id_number_sealed = $5, id_number_index = $6, phone_sealed = $7, "
          "phone_index = $8, ethnicity = $9, registration = $10, moved_out = $11, "
          "anonymised_at = $12, updated_at = $13, version = version + 1 WHERE id = $14 AND "
          "version = $15",
          std::vector<Value>{p.unit_code, p.grid_code, optional_value(p.household_id),
                             optional_value(p.name_sealed), optional_value(p.id_number_sealed),
                             optional_value(p.id_number_index), optional_value(p.phone_sealed),
                             optional_value(p.phone_index), p.ethnicity, p.registration,
                             optional_value(p.moved_out), optional_value(p.anonymised_at),
                             p.updated_at, p.id, expected_version}));
  if (changed == 0) return false;
  SHEQU_TRY(s.execute("DELETE FROM resident_tag WHERE person_id = $1", std::vector<Value>{p.id}));
  SHEQU_TRY(insert_tags(s, p.id, p.tags));
  return true;
}

Result<std::vector<int64_t>> moved_away_before(storage::Session& s, const std::string& date,
                                               int64_t limit) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT id FROM resident_person WHERE moved_out IS NOT NULL AND "
                                 "moved_out < $1 AND anonymised_at IS NULL ORDER BY id LIMIT $2",
                                 std::vector<Value>{date, limit}));
  std::vector<int64_t> out;
  for (const Row& row : rows) out.push_back(row.integer(0));
  return out;
}

Status anonymise(storage::Session& s, int64_t person_id, const std::string& at) {
  SHEQU_TRY(s.execute(
      "UPDATE resident_person SET name_sealed = NULL, id_number_sealed = NULL, id_number_index = "
      "NULL, phone_sealed = NULL, phone_index = NULL, birth_date = SUBSTR(birth_date, 1, 4) || "
      "'-01-01', anonymised_at = $1, updated_at = $1, version = version + 1 WHERE id = $2",
      std::vector<Value>{at, person_id}));
  SHEQU_TRY(s.execute("UPDATE resident_visit SET note_sealed = NULL WHERE person_id = $1",
                      std::vector<Value>{person_id}));
  return {};
}

namespace {

Status note_home_change(storage::Session& s, int64_t household_id) {
  SHEQU_TRY(s.execute(
      "INSERT INTO resident_home_change (unit_code) SELECT unit_code FROM resident_household "
      "WHERE id = $1",
      std::vector<Value>{household_id}));
  return {};
}

}  // namespace

Status insert_membership(storage::Session& s, const Membership& m) {
  SHEQU_TRY(
      s.execute("INSERT INTO resident_membership (person_id, household_id, relation, moved_in, "
                "moved_out) VALUES ($1, $2, $3, $4, $5)",
                std::vector<Value>{m.person_id, m.household_id, m.relation, m.moved_in,
                                   optional_value(m.moved_out)}));
  return note_home_change(s, m.household_id);
}

namespace {

Membership membership_from_row(const Row& row) {
  return {row.integer(0), row.integer(1), row.integer(2),
          row.text(3),    row.text(4),    row.optional_text(5)};
}

const std::string kMembershipColumns = "id, person_id, household_id, relation, moved_in, moved_out";

}  // namespace

Result<std::optional<Membership>> current_membership(storage::Session& s, int64_t person_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kMembershipColumns +
                                " FROM resident_membership WHERE person_id = $1 AND moved_out "
                                "IS NULL",
                            std::vector<Value>{person_id}));
  if (!row) return std::optional<Membership>();
  return std::optional<Membership>(membership_from_row(*row));
}

Status close_membership(storage::Session& s, int64_t membership_id, const std::string& moved_out) {
  SHEQU_TRY(s.execute("UPDATE resident_membership SET moved_out = $1 WHERE id = $2",
                      std::vector<Value>{moved_out, membership_id}));
  SHEQU_TRY(s.execute(
      "INSERT INTO resident_home_change (unit_code) SELECT h.unit_code FROM resident_membership m "
      "JOIN resident_household h ON h.id = m.household_id WHERE m.id = $1",
      std::vector<Value>{membership_id}));
  return {};
}

Result<std::vector<LocatedHome>> located_homes(
    storage::Session& s, const std::optional<std::vector<std::string>>& units) {
  const std::string select =
      "SELECT h.unit_code, h.lat_e7, h.lon_e7, COUNT(*) FROM resident_household h JOIN "
      "resident_membership m ON m.household_id = h.id AND m.moved_out IS NULL WHERE "
      "h.lat_e7 IS NOT NULL AND h.lon_e7 IS NOT NULL";
  const std::string group = " GROUP BY h.id, h.unit_code, h.lat_e7, h.lon_e7 ORDER BY h.id";
  std::vector<LocatedHome> homes;
  const auto read = [&](const std::string& sql, const std::vector<Value>& params) -> Status {
    SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query(sql, params));
    for (const Row& row : rows) {
      homes.push_back({row.text(0), static_cast<int32_t>(row.integer(1)),
                       static_cast<int32_t>(row.integer(2)), row.integer(3)});
    }
    return {};
  };
  if (!units) {
    SHEQU_TRY(read(select + group, {}));
    return homes;
  }
  // Units per statement: well under every backend's limit on parameters.
  constexpr std::size_t kBatch = 500;
  for (std::size_t from = 0; from < units->size(); from += kBatch) {
    std::vector<Value> params;
    std::string placeholders;
    for (std::size_t i = from; i < std::min(units->size(), from + kBatch); ++i) {
      params.emplace_back((*units)[i]);
      placeholders += fmt::format("{}${}", placeholders.empty() ? "" : ", ", params.size());
    }
    SHEQU_TRY(read(select + " AND h.unit_code IN (" + placeholders + ")" + group, params));
  }
  return homes;
}

Result<std::vector<std::string>> home_change_units(storage::Session& s, int64_t after) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT DISTINCT unit_code FROM resident_home_change WHERE id > $1",
                         std::vector<Value>{after}));
  std::vector<std::string> units;
  units.reserve(rows.size());
  for (const Row& row : rows) units.push_back(row.text(0));
  return units;
}

Result<storage::ChangeMark> home_change_mark(storage::Session& s, int64_t after) {
  return storage::change_mark(s, "resident_home_change", after);
}

Result<std::vector<Membership>> memberships(storage::Session& s, int64_t person_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT " + kMembershipColumns +
                             " FROM resident_membership WHERE person_id = $1 ORDER BY moved_in, id",
                         std::vector<Value>{person_id}));
  std::vector<Membership> out;
  for (const Row& row : rows) out.push_back(membership_from_row(row));
  return out;
}

Result<std::optional<int64_t>> current_head(storage::Session& s, int64_t household_id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT person_id FROM resident_membership WHERE household_id = $1 "
                            "AND relation = 'head' AND moved_out IS NULL",
                            std::vector<Value>{household_id}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->integer(0));
}

Result<int64_t> insert_import(storage::Session& s, const ImportFile& f) {
  // Built in place: the sealed file is megabytes, and a braced list would copy it twice.
  std::vector<Value> params;
  params.reserve(6);
  params.emplace_back(f.unit_code);
  params.push_back(optional_value(f.file_sealed));
  params.emplace_back(f.file_bytes);
  params.emplace_back(int64_t{f.file_deflated});
  params.push_back(optional_value(f.outcome));
  params.emplace_back(f.created_at);
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("INSERT INTO resident_import (unit_code, file_sealed, file_bytes, "
                            "file_deflated, outcome, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                            "RETURNING id",
                            params));
  if (!row) return Error::internal("INSERT INTO resident_import returned no id");
  return row->integer(0);
}

Result<std::optional<ImportFile>> find_import(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT id, unit_code, file_sealed, file_bytes, "
                                               "file_deflated, outcome, created_at "
                                               "FROM resident_import WHERE id = $1",
                                               std::vector<Value>{id}));
  if (!row) return std::optional<ImportFile>();
  return std::optional<ImportFile>(ImportFile{row->integer(0), row->text(1), row->optional_text(2),
                                              row->integer(3), row->integer(4) != 0,
                                              row->optional_text(5), row->text(6)});
}

Status finish_import(storage::Session& s, int64_t id, const std::string& outcome) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE resident_import SET file_sealed = NULL, outcome = $2 WHERE id = $1",
                std::vector<Value>{id, outcome}));
  if (changed != 1) return Error::internal(fmt::format("no import {}", id));
  return {};
}

Result<int64_t> drop_import_files(storage::Session& s, const std::string& created_before) {
  return s.execute(
      "UPDATE resident_import SET file_sealed = NULL WHERE created_at < $1 AND file_sealed IS "
      "NOT NULL",
      std::vector<Value>{created_before});
}

}  // namespace shequ::residents::repository
