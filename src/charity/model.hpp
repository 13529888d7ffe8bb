// Charity funds, their stock of goods and their ledger entries as stored, and their SQL. Every
// function runs inside the caller's transaction; scoped reads take the roots of the caller's
// subtrees (storage::in_subtrees).
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

namespace shequ::charity {

inline constexpr std::string_view kIncome = "income";
inline constexpr std::string_view kOutgoing = "outgoing";
inline constexpr std::string_view kMoney = "money";
inline constexpr std::string_view kGoods = "goods";

const std::vector<Choice>& directions();  // income, outgoing
const std::vector<Choice>& forms();       // money, goods

struct Fund {
  std::string unit_code;
  int64_t balance_fen = 0;
  int64_t income_fen = 0;
  int64_t outgoing_fen = 0;
  int64_t entries = 0;
  std::string updated_at;
};

struct Stock {
  std::string item;
  std::string item_unit;
  int64_t quantity = 0;
};

struct Entry {
  int64_t id = 0;
  std::string unit_code;
  int64_t seq = 0;
  std::string direction;
  std::string form;
  int64_t amount_fen = 0;  // money: the amount; goods: their estimated value
  std::string item;        // goods only
  int64_t quantity = 0;    // goods only
  std::string item_unit;   // goods only
  std::optional<std::string> donor_sealed;
  std::optional<std::string> donor_phone_sealed;
  std::string donor_public;
  std::string purpose;
  std::string destination;
  std::string occurred_on;
  std::optional<int64_t> corrects_id;
  std::optional<int64_t> corrected_by;      // read, not stored: the entry reversing this one
  std::optional<int64_t> corrects_seq;      // read: the number of the entry this reverses
  std::optional<int64_t> corrected_by_seq;  // read: the number of the entry reversing this
  std::string note;
  int64_t balance_after_fen = 0;
  int64_t stock_after = 0;
  std::optional<int64_t> recorded_by;
  std::string recorded_by_name;
  std::string created_at;
};

struct EntryFilter {
  std::vector<std::string> roots;
  std::string fund;       // "" any; else only this unit's own fund (not its subtree's)
  std::string direction;  // "" any
  std::string form;       // "" any
};

namespace repository {

// Makes `unit`'s fund when it has none.
Status ensure_fund(storage::Session& s, const std::string& unit, const std::string& now);
Result<std::optional<Fund>> find_fund(storage::Session& s, const std::string& unit);
// Funds in the subtrees, by unit code.
Result<org::Page<Fund>> list_funds(storage::Session& s, const std::vector<std::string>& roots,
                                   const org::PageRequest& page);

// Moves the fund's money by `delta_fen` (income positive) and counts one entry; the fund after
// it, or nothing when the balance would fall below zero (nothing is changed then).
Result<std::optional<Fund>> move_money(storage::Session& s, const std::string& unit,
                                       int64_t delta_fen, const std::string& now);
// Moves an item's stock by `delta` (income positive); the stock after it, or nothing when it
// would fall below zero (nothing is changed then).
Result<std::optional<int64_t>> move_stock(storage::Session& s, const std::string& unit,
                                          const std::string& item, const std::string& item_unit,
                                          int64_t delta);
// Goods in the fund's keeping, by item.
Result<std::vector<Stock>> stock_of(storage::Session& s, const std::string& unit);

Result<int64_t> insert_entry(storage::Session& s, const Entry& entry);
Result<std::optional<Entry>> find_entry(storage::Session& s, int64_t id);
// Newest first.
Result<org::Page<Entry>> list_entries(storage::Session& s, const EntryFilter& filter,
                                      const org::PageRequest& page);

}  // namespace repository

}  // namespace shequ::charity
