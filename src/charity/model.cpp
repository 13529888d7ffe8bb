#include "charity/model.hpp"

#include <fmt/format.h>

#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::charity {

const std::vector<Choice>& directions() {
  static const std::vector<Choice> directions{
      {kIncome, {"收入", "Income"}},
      {kOutgoing, {"支出", "Outgoing"}},
  };
  return directions;
}

const std::vector<Choice>& forms() {
  static const std::vector<Choice> forms{
      {kMoney, {"资金", "Money"}},
      {kGoods, {"物资", "Goods"}},
  };
  return forms;
}

namespace repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kFundColumns =
    "unit_code, balance_fen, income_fen, outgoing_fen, entries, updated_at";

Fund fund_from(const Row& row) {
  return {row.text(0), row.integer(1), row.integer(2), row.integer(3), row.integer(4), row.text(5)};
}

// The entry's columns, then the id and number of the entry that reverses it and the number of
// the one it reverses.
const std::string kEntryColumns =
    "e.id, e.unit_code, e.seq, e.direction, e.form, e.amount_fen, e.item, e.quantity, "
    "e.item_unit, e.donor_sealed, e.donor_phone_sealed, e.donor_public, e.purpose, "
    "e.destination, e.occurred_on, e.corrects_id, e.note, e.balance_after_fen, e.stock_after, "
    "e.recorded_by, e.recorded_by_name, e.created_at, r.id, r.seq, c.seq";
const std::string kEntryFrom =
    " FROM charity_entry e LEFT JOIN charity_entry r ON r.corrects_id = e.id "
    "LEFT JOIN charity_entry c ON c.id = e.corrects_id";

Entry entry_from(const Row& row) {
  Entry e;
  e.id = row.integer(0);
  e.unit_code = row.text(1);
  e.seq = row.integer(2);
  e.direction = row.text(3);
  e.form = row.text(4);
  e.amount_fen = row.integer(5);
  e.item = row.text(6);
  e.quantity = row.integer(7);
  e.item_unit = row.text(8);
  e.donor_sealed = row.optional_text(9);
  e.donor_phone_sealed = row.optional_text(10);
  e.donor_public = row.text(11);
  e.purpose = row.text(12);
  e.destination = row.text(13);
  e.occurred_on = row.text(14);
  e.corrects_id = row.optional_integer(15);
  e.note = row.text(16);
  e.balance_after_fen = row.integer(17);
  e.stock_after = row.integer(18);
  e.recorded_by = row.optional_integer(19);
  e.recorded_by_name = row.text(20);
  e.created_at = row.text(21);
  e.corrected_by = row.optional_integer(22);
  e.corrected_by_seq = row.optional_integer(23);
  e.corrects_seq = row.optional_integer(24);
  return e;
}

}  // namespace

Status ensure_fund(storage::Session& s, const std::string& unit, const std::string& now) {
  SHEQU_TRY(
      s.execute("INSERT INTO charity_fund (unit_code, balance_fen, income_fen, outgoing_fen, "
                "entries, updated_at) VALUES ($1, 0, 0, 0, 0, $2) "
                "ON CONFLICT (unit_code) DO NOTHING",
                std::vector<Value>{unit, now}));
  return {};
}

Result<std::optional<Fund>> find_fund(storage::Session& s, const std::string& unit) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kFundColumns + " FROM charity_fund WHERE unit_code = $1",
                            std::vector<Value>{unit}));
  if (!row) return std::optional<Fund>();
  return std::optional<Fund>(fund_from(*row));
}

Result<org::Page<Fund>> list_funds(storage::Session& s, const std::vector<std::string>& roots,
                                   const org::PageRequest& page) {
  std::vector<Value> params;
  const std::string where =
      " FROM charity_fund WHERE " + storage::in_subtrees(s.dialect(), {"unit_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kFundColumns, where, "unit_code", std::move(params),
                                             page.page_size, page.offset()));
  org::Page<Fund> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(fund_from(row));
  return out;
}

Result<std::optional<Fund>> move_money(storage::Session& s, const std::string& unit,
                                       int64_t delta_fen, const std::string& now) {
  const int64_t in = delta_fen > 0 ? delta_fen : 0;
  const int64_t out = delta_fen < 0 ? -delta_fen : 0;
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("UPDATE charity_fund SET balance_fen = balance_fen + $1, income_fen = "
                  "income_fen + $2, outgoing_fen = outgoing_fen + $3, entries = entries + 1, "
                  "updated_at = $4 WHERE unit_code = $5 AND balance_fen + $1 >= 0 RETURNING " +
                      kFundColumns,
                  std::vector<Value>{delta_fen, in, out, now, unit}));
  if (!row) return std::optional<Fund>();
  return std::optional<Fund>(fund_from(*row));
}

Result<std::optional<int64_t>> move_stock(storage::Session& s, const std::string& unit,
                                          const std::string& item, const std::string& item_unit,
                                          int64_t delta) {
  if (delta > 0) {
    SHEQU_TRY(
        s.execute("INSERT INTO charity_stock (unit_code, item, item_unit, quantity) "
                  "VALUES ($1, $2, $3, 0) ON CONFLICT (unit_code, item, item_unit) DO NOTHING",
                  std::vector<Value>{unit, item, item_unit}));
  }
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("UPDATE charity_stock SET quantity = quantity + $1 WHERE unit_code = "
                            "$2 AND item = $3 AND item_unit = $4 AND quantity + $1 >= 0 "
                            "RETURNING quantity",
                            std::vector<Value>{delta, unit, item, item_unit}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->integer(0));
}

Result<std::vector<Stock>> stock_of(storage::Session& s, const std::string& unit) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows, s.query("SELECT item, item_unit, quantity FROM charity_stock WHERE unit_code = $1 "
                         "ORDER BY item, item_unit",
                         std::vector<Value>{unit}));
  std::vector<Stock> out;
  for (const Row& row : rows) out.push_back({row.text(0), row.text(1), row.integer(2)});
  return out;
}

Result<int64_t> insert_entry(storage::Session& s, const Entry& e) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO charity_entry (unit_code, seq, direction, form, amount_fen, item, "
          "quantity, item_unit, donor_sealed, donor_phone_sealed, donor_public, purpose, "
          "destination, occurred_on, corrects_id, note, balance_after_fen, stock_after, "
          "recorded_by, recorded_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
          "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id",
          std::vector<Value>{e.unit_code,
                             e.seq,
                             e.direction,
                             e.form,
                             e.amount_fen,
                             e.item,
                             e.quantity,
                             e.item_unit,
                             optional_value(e.donor_sealed),
                             optional_value(e.donor_phone_sealed),
                             e.donor_public,
                             e.purpose,
                             e.destination,
                             e.occurred_on,
                             optional_value(e.corrects_id),
                             e.note,
                             e.balance_after_fen,
                             e.stock_after,
                             optional_value(e.recorded_by),
                             e.recorded_by_name,
                             e.created_at}));
  return row->integer(0);
}

Result<std::optional<Entry>> find_entry(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT " + kEntryColumns + kEntryFrom + " WHERE e.id = $1",
                                     std::vector<Value>{id}));
  if (!row) return std::optional<Entry>();
  return std::optional<Entry>(entry_from(*row));
}

Result<org::Page<Entry>> list_entries(storage::Session& s, const EntryFilter& filter,
                                      const org::PageRequest& page) {
  std::vector<Value> params;
  std::string where =
      " WHERE " + storage::in_subtrees(s.dialect(), {"e.unit_code"}, filter.roots, params);
  if (!filter.fund.empty())
    where += " AND e.unit_code = " + storage::bind_all(params, {filter.fund});
  if (!filter.direction.empty()) {
    where += " AND e.direction = " + storage::bind_all(params, {filter.direction});
  }
  if (!filter.form.empty()) where += " AND e.form = " + storage::bind_all(params, {filter.form});
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kEntryColumns, kEntryFrom + where, "e.id DESC",
                                             std::move(params), page.page_size, page.offset()));
  org::Page<Entry> out;
  out.total = found.total;
  for (const Row& row : found.rows) out.items.push_back(entry_from(row));
  return out;
}

}  // namespace repository

}  // namespace shequ::charity
