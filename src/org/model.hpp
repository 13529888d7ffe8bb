// Plain data of the administrative hierarchy. No behaviour; only common's geometry types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/geo.hpp"

namespace shequ::org {

// Levels of the hierarchy (统计用区划 levels 1-5, plus grids created by users).
enum class Level : int { province = 1, city = 2, county = 3, township = 4, village = 5, grid = 6 };

// What kind of unit this is. The wire key is stable; labels come from unit_type_label().
enum class UnitType {
  province,                  // 省
  prefecture_city,           // 地级市
  autonomous_prefecture,     // 自治州
  district,                  // 市辖区
  county,                    // 县
  county_level_city,         // 县级市
  county_like,               // 类似县级(新区/开发区)
  subdistrict,               // 街道
  town,                      // 镇
  township,                  // 乡
  township_like,             // 政企合一单位/类似乡级
  residents_committee,       // 居委会 (a community, 社区)
  villagers_committee,       // 村委会 (a village, 村)
  residents_committee_like,  // 类似居委会(4xx)
  villagers_committee_like,  // 类似村委会(5xx)
  grid,                      // 网格
};

// One unit as stored: the current state of a row of org_unit plus its current parent.
struct Unit {
  std::string code;
  std::string name;
  Level level = Level::province;
  UnitType type = UnitType::province;
  std::string urban_rural_code;  // "111".."220" on villages/communities, empty elsewhere
  std::string parent_code;       // empty for the province
  int64_t version = 1;
};

// A unit named by code and name, as in a path.
struct UnitRef {
  std::string code;
  std::string name;
};

// A unit with what the tree knows about it, as answered to readers.
struct UnitView {
  Unit unit;
  int64_t child_count = 0;
  // The units above it from the level below the root (the cities) down to its parent, so that
  // readers can tell 城关区 › 酒泉路街道 › 畅家巷社区 from a namesake elsewhere.
  std::vector<UnitRef> path;
};

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

// 1-based page of at most page_size items. Validated by the caller (page >= 1, 1..200).
struct PageRequest {
  int64_t page = 1;
  int64_t page_size = 20;
  int64_t offset() const { return (page - 1) * page_size; }
};

// Where residents find a township's, village's or community's office.
struct Office {
  std::string address;  // at most 200 characters
  std::string phone;    // a public work number (privacy::validate_work_phone)
  std::string hours;    // at most 100 characters, e.g. 周一至周五 8:30-12:00 14:30-18:00
  std::string updated_at;
};

// A grid (网格) under a village or community. Grids are units of level 6; this adds what only
// grids have.
struct Grid {
  Unit unit;
  std::string description;
  std::string created_at;
  std::string updated_at;
  std::optional<geo::Polygon> boundary;  // none until someone draws it
};

// Counts over a unit's subtree for the console's summary page.
struct SubtreeSummary {
  struct TypeCount {
    UnitType type;
    int64_t count;
  };
  struct UrbanRuralCount {
    std::string code;
    int64_t count;
  };
  std::vector<TypeCount> descendants_by_type;  // every type present, in enum order
  std::vector<UrbanRuralCount> urban_rural;    // level-5 units per 城乡分类代码, ascending
  int64_t urban_villages_and_communities = 0;  // level 5 with a 1xx code
  int64_t rural_villages_and_communities = 0;  // level 5 with a 2xx code
};

}  // namespace shequ::org
