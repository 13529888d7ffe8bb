// Emergency supplies (应急物资) as stored, and their SQL. Every function runs inside the caller's
// transaction; scoped reads take the roots of the caller's subtrees (storage::in_subtrees).
//
// Thread-safe: plain data and free functions over the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/choice.hpp"
#include "common/result.hpp"
#include "org/model.hpp"
#include "storage/database.hpp"

namespace shequ::readiness {

// What a store keeps: food, drinking water, medicine, tents and bedding, lighting, rescue tools,
// other.
const std::vector<Choice>& supply_categories();

struct Supply {
  int64_t id = 0;
  std::string unit_code;  // a county, township, village or community
  std::string name;
  std::string category;
  int64_t quantity = 0;                   // 0: used up
  std::string measure;                    // what the quantity counts: 箱, 顶, 件
  std::string place;                      // where it is stored
  std::optional<std::string> expires_on;  // China date; none: it does not expire
  std::string note;
  std::string updated_by_name;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

struct SupplyFilter {
  std::vector<std::string> roots;  // the subtrees listed
  std::string category;            // "" any
  // Only items in stock (quantity above 0) expiring on or before this China date ("" any);
  // with `expired_only`, before it.
  std::string expires_by;
  bool expired_only = false;
};

enum class SupplyOrder {
  by_unit,    // unit, category, name
  by_expiry,  // the soonest expiry first
};

namespace repository {

Result<int64_t> insert_supply(storage::Session& s, const Supply& supply);
Result<std::optional<Supply>> find_supply(storage::Session& s, int64_t id);
// Rewrites it at `expected_version`; false when it changed since.
Result<bool> update_supply(storage::Session& s, const Supply& supply, int64_t expected_version);
// Deletes it at `expected_version`; false when it changed since.
Result<bool> delete_supply(storage::Session& s, int64_t id, int64_t expected_version);
Result<org::Page<Supply>> list_supplies(storage::Session& s, const SupplyFilter& filter,
                                        SupplyOrder order, const org::PageRequest& page);
Result<int64_t> count_supplies(storage::Session& s, const SupplyFilter& filter);

}  // namespace repository

}  // namespace shequ::readiness
