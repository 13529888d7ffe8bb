#include "org/unit_codes.hpp"

#include <array>
#include <utility>

#include "common/strings.hpp"

namespace shequ::org {

namespace {

struct TypeInfo {
  UnitType type;
  std::string_view key;
  std::string_view label;
  Level level;
};

constexpr std::array<TypeInfo, 16> kTypes{{
    {UnitType::province, "province", "省", Level::province},
    {UnitType::prefecture_city, "prefecture_city", "地级市", Level::city},
    {UnitType::autonomous_prefecture, "autonomous_prefecture", "自治州", Level::city},
    {UnitType::district, "district", "市辖区", Level::county},
    {UnitType::county, "county", "县", Level::county},
    {UnitType::county_level_city, "county_level_city", "县级市", Level::county},
    {UnitType::county_like, "county_like", "类似县级(新区/开发区)", Level::county},
    {UnitType::subdistrict, "subdistrict", "街道", Level::township},
    {UnitType::town, "town", "镇", Level::township},
    {UnitType::township, "township", "乡", Level::township},
    {UnitType::township_like, "township_like", "政企合一单位/类似乡级", Level::township},
    {UnitType::residents_committee, "residents_committee", "居委会", Level::village},
    {UnitType::villagers_committee, "villagers_committee", "村委会", Level::village},
    {UnitType::residents_committee_like, "residents_committee_like", "类似居委会(4xx)",
     Level::village},
    {UnitType::villagers_committee_like, "villagers_committee_like", "类似村委会(5xx)",
     Level::village},
    {UnitType::grid, "grid", "网格", Level::grid},
}};

const TypeInfo& info(UnitType type) {
  return kTypes[static_cast<std::size_t>(type)];
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kUrbanRural{{
    {"111", "主城区"},
    {"112", "城乡结合区"},
    {"121", "镇中心区"},
    {"122", "镇乡结合区"},
    {"123", "特殊区域"},
    {"210", "乡中心区"},
    {"220", "村庄"},
}};

bool all_zero(std::string_view digits) {
  return digits.find_first_not_of('0') == std::string_view::npos;
}

int number(std::string_view digits) {
  return static_cast<int>(*parse_decimal(digits));
}

}  // namespace

bool is_well_formed_code(std::string_view code) {
  return (code.size() == 12 || code.size() == 15) && is_digits(code);
}

std::optional<Level> level_of_code(std::string_view code) {
  if (!is_well_formed_code(code)) return std::nullopt;
  if (code.size() == 15) {
    if (level_of_code(code.substr(0, 12)) != Level::village || all_zero(code.substr(12))) {
      return std::nullopt;
    }
    return Level::grid;
  }
  if (all_zero(code.substr(0, 2))) return std::nullopt;
  if (all_zero(code.substr(2))) return Level::province;
  if (all_zero(code.substr(2, 2))) return std::nullopt;  // a lower group without a city
  if (all_zero(code.substr(4))) return Level::city;
  if (all_zero(code.substr(4, 2))) return std::nullopt;
  if (all_zero(code.substr(6))) return Level::county;
  if (all_zero(code.substr(6, 3))) return std::nullopt;
  if (all_zero(code.substr(9))) return Level::township;
  return Level::village;
}

Status check_code(std::string_view code, const std::string& field) {
  if (level_of_code(code)) return {};
  return Error::invalid(field, {"必须是 12 位数字的区划代码或 15 位数字的网格编码",
                                "must be a 12-digit division code or a 15-digit grid code"});
}

std::string implied_parent_code(std::string_view code) {
  std::string parent(code);
  switch (*level_of_code(code)) {
    case Level::province:
      return {};
    case Level::city:
      parent.replace(2, 10, 10, '0');
      break;
    case Level::county:
      parent.replace(4, 8, 8, '0');
      break;
    case Level::township:
      parent.replace(6, 6, 6, '0');
      break;
    case Level::village:
      parent.replace(9, 3, 3, '0');
      break;
    case Level::grid:
      parent.resize(12);
      break;
  }
  return parent;
}

std::optional<UnitType> type_of_code(std::string_view code) {
  const auto level = level_of_code(code);
  if (!level) return std::nullopt;
  switch (*level) {
    case Level::county: {
      const int n = number(code.substr(4, 2));
      if (n <= 20) return UnitType::district;
      if (n <= 70) return UnitType::county;
      if (n <= 80) return UnitType::county_like;
      return UnitType::county_level_city;
    }
    case Level::township: {
      const int n = number(code.substr(6, 3));
      if (n <= 99) return UnitType::subdistrict;
      if (n <= 199) return UnitType::town;
      if (n <= 399) return UnitType::township;
      if (n <= 599) return UnitType::township_like;
      return std::nullopt;
    }
    case Level::village: {
      const int n = number(code.substr(9, 3));
      if (n <= 199) return UnitType::residents_committee;
      if (n <= 399) return UnitType::villagers_committee;
      if (n <= 499) return UnitType::residents_committee_like;
      if (n <= 599) return UnitType::villagers_committee_like;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

std::string_view unit_type_key(UnitType type) {
  return info(type).key;
}
std::string_view unit_type_label(UnitType type) {
  return info(type).label;
}
Level level_of_type(UnitType type) {
  return info(type).level;
}

std::optional<UnitType> unit_type_from_label(std::string_view label) {
  for (const TypeInfo& t : kTypes) {
    if (t.label == label) return t.type;
  }
  return std::nullopt;
}

std::optional<std::string_view> urban_rural_name(std::string_view code) {
  for (const auto& [c, name] : kUrbanRural) {
    if (c == code) return name;
  }
  return std::nullopt;
}

bool is_urban(std::string_view urban_rural_code) {
  return !urban_rural_code.empty() && urban_rural_code.front() == '1';
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::province:
      return "省";
    case Level::city:
      return "地级";
    case Level::county:
      return "县级";
    case Level::township:
      return "乡级";
    case Level::village:
      return "村级";
    case Level::grid:
      return "网格";
  }
  return "";
}

bool is_community(UnitType type) {
  return type == UnitType::residents_committee || type == UnitType::residents_committee_like;
}

bool is_village(UnitType type) {
  return type == UnitType::villagers_committee || type == UnitType::villagers_committee_like;
}

}  // namespace shequ::org
