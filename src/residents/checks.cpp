#include "residents/checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "common/clock.hpp"
#include "common/geo.hpp"
#include "common/strings.hpp"
#include "privacy/validators.hpp"
#include "residents/declaration.hpp"

namespace shequ::residents {

Error person_not_found() {
  return Error::not_found({"未找到该居民", "no such resident"});
}

std::optional<int32_t> e7(const std::optional<double>& degrees) {
  if (!degrees) return std::nullopt;
  return static_cast<int32_t>(std::lround(*degrees * 1e7));
}

void check_length(std::vector<FieldError>& errors, const std::string& field,
                  const std::string& value, std::size_t min, std::size_t max) {
  const std::size_t n = utf8_length(value);
  if (n < min || n > max) {
    errors.push_back({field,
                      {fmt::format("长度应为 {} 至 {} 个字", min, max),
                       fmt::format("must be {} to {} characters", min, max)}});
  }
}

void check_choice(std::vector<FieldError>& errors, const std::string& field,
                  const std::vector<Choice>& choices, const std::string& value) {
  if (!is_choice(choices, value)) {
    std::string keys;
    for (const Choice& c : choices) keys += (keys.empty() ? "" : ", ") + std::string(c.key);
    errors.push_back({field, {"应为以下之一：" + keys, "must be one of " + keys}});
  }
}

// A date given by a user: real, not in the future, not before `earliest`.
void check_date(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                const std::string& today, const std::string& earliest) {
  if (!is_valid_date(value)) {
    errors.push_back({field, {"日期应为 YYYY-MM-DD", "must be a date, YYYY-MM-DD"}});
  } else if (value > today) {
    errors.push_back({field, {"日期不能晚于今天", "must not be in the future"}});
  } else if (value < earliest) {
    errors.push_back({field,
                      {fmt::format("日期不能早于 {}", earliest),
                       fmt::format("must not be before {}", earliest)}});
  }
}

void check_household(std::vector<FieldError>& errors, const NewHousehold& input) {
  check_length(errors, "address", input.address, 2, kMaxAddress);
  check_choice(errors, "type", household_types(), input.type);
  if (input.lat.has_value() != input.lon.has_value()) {
    errors.push_back({"lat", {"经纬度应同时给出", "give both latitude and longitude, or neither"}});
  } else if (input.lat && !geo::in_gansu(*input.lon, *input.lat)) {
    errors.push_back({"lat", {"位置不在甘肃省内", "the point is not in Gansu"}});
  }
}

void check_tags(std::vector<FieldError>& errors, const std::vector<Tag>& tags,
                bool may_set_sensitive) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string field = fmt::format("tags[{}]", i);
    const Tag& t = tags[i];
    const TagKind* kind = find_tag_kind(t.key);
    if (kind == nullptr) {
      errors.push_back({field, {"未知的标签", "unknown tag"}});
      continue;
    }
    if (!seen.insert(t.key).second) {
      errors.push_back({field, {"标签重复", "the tag is given twice"}});
    }
    if (kind->sensitive && !may_set_sensitive) {
      errors.push_back({field, {"无权标注该类人群", "you may not set this tag"}});
    }
    if (kind->detail) {
      const auto colon = t.detail.find(':');
      const std::string disability = t.detail.substr(0, colon);
      const std::string grade = colon == std::string::npos ? "" : t.detail.substr(colon + 1);
      if (!is_choice(disability_kinds(), disability) || grade.size() != 1 || grade[0] < '1' ||
          grade[0] > '4') {
        errors.push_back({field + ".detail",
                          {"应为残疾类别和等级，如 physical:2",
                           "must be a kind and a grade "
                           "1-4, as physical:2"}});
      }
    } else if (!t.detail.empty()) {
      errors.push_back({field + ".detail", {"该标签没有详情", "this tag has no detail"}});
    }
  }
}

std::string check_person(std::vector<FieldError>& errors, const NewPerson& input,
                         const std::string& today, bool may_set_sensitive) {
  check_length(errors, "name", input.name, 1, kMaxName);
  std::string compact_today = today;
  std::erase(compact_today, '-');
  const Status id_checked =
      privacy::validate_resident_id(input.id_number, compact_today, "idNumber");
  append_problems(errors, id_checked);
  if (!input.phone.empty()) append_problems(errors, privacy::validate_mobile(input.phone, "phone"));
  check_length(errors, "ethnicity", input.ethnicity, 0, kMaxEthnicity);
  check_choice(errors, "relation", relations(), input.relation);
  check_choice(errors, "registration", registrations(), input.registration);
  // Moved in on or after the birth date the ID number gives (a bad number is its own error).
  const std::string birth =
      id_checked ? fmt::format("{}-{}-{}", input.id_number.substr(6, 4),
                               input.id_number.substr(10, 2), input.id_number.substr(12, 2))
                 : "";
  check_date(errors, "movedIn", input.moved_in, today, birth.empty() ? "1900-01-01" : birth);
  check_tags(errors, input.tags, may_set_sensitive);
  return birth;
}

Household sealed_household(const privacy::Keyring& keyring, const NewHousehold& input,
                           const std::string& unit_code, const std::string& now) {
  Household h;
  h.grid_code = input.grid;
  h.unit_code = unit_code;
  h.address_sealed = keyring.seal(input.address, kAddressContext);
  h.lat_e7 = e7(input.lat);
  h.lon_e7 = e7(input.lon);
  h.type = input.type;
  h.created_at = now;
  h.updated_at = now;
  return h;
}

Person sealed_person(const privacy::Keyring& keyring, const NewPerson& input,
                     const Household& household, const std::string& id_index,
                     const std::string& birth, const std::string& now) {
  Person p;
  p.unit_code = household.unit_code;
  p.grid_code = household.grid_code;
  if (household.id != 0) p.household_id = household.id;
  p.name_sealed = keyring.seal(input.name, kNameContext);
  p.id_number_sealed = keyring.seal(input.id_number, kIdNumberContext);
  p.id_number_index = id_index;
  if (!input.phone.empty()) {
    p.phone_sealed = keyring.seal(input.phone, kPhoneContext);
    p.phone_index = keyring.blind_index(input.phone, kPhoneContext);
  }
  p.sex = (input.id_number[16] - '0') % 2 == 1 ? "male" : "female";
  p.birth_date = birth;
  p.ethnicity = input.ethnicity;
  p.registration = input.registration;
  p.created_at = now;
  p.updated_at = now;
  p.tags = input.tags;
  std::sort(p.tags.begin(), p.tags.end(), [](const Tag& a, const Tag& b) { return a.key < b.key; });
  return p;
}

void append_problems(std::vector<FieldError>& errors, const Status& status) {
  if (!status) {
    for (const FieldError& e : status.error().details) errors.push_back(e);
  }
}

}  // namespace shequ::residents
