#include "org/division_import.hpp"

#include <csv.h>

#include <array>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "common/strings.hpp"
#include "org/unit_codes.hpp"

namespace shequ::org {

namespace {

constexpr std::array<std::string_view, 8> kHeader{"code",
                                                  "name",
                                                  "level",
                                                  "level_name",
                                                  "parent_code",
                                                  "unit_type",
                                                  "urban_rural_code",
                                                  "urban_rural_name"};
constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxFieldBytes = 1024;

struct Record {
  std::vector<std::string> fields;
  int64_t line = 0;
};

// Collects libcsv's callbacks into records, remembering the line each record starts on.
class RecordReader {
 public:
  RecordReader() { csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL); }
  ~RecordReader() { csv_free(&parser_); }
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Feeds one physical line (with its terminator); returns false on a CSV syntax error.
  bool feed(std::string_view text, int64_t line) {
    line_ = line;
    // libcsv skips blank lines silently; a record not yet begun starts on this line. (pstate 0
    // is libcsv's ROW_NOT_BEGUN; the state is public in csv.h but its names are not.)
    if (parser_.pstate == 0) field_start_line_ = line;
    return csv_parse(&parser_, text.data(), text.size(), on_field, on_record, this) == text.size();
  }
  bool finish() { return csv_fini(&parser_, on_field, on_record, this) == 0; }

  std::vector<Record>& ready() { return ready_; }
  int64_t pending_start() const { return current_.fields.empty() ? line_ : current_.line; }

 private:
  static void on_field(void* data, std::size_t size, void* self_ptr) {
    auto* self = static_cast<RecordReader*>(self_ptr);
    if (self->current_.fields.empty()) self->current_.line = self->field_start_line_;
    self->current_.fields.emplace_back(static_cast<const char*>(data), size);
    self->field_start_line_ = self->line_;
  }
  static void on_record(int, void* self_ptr) {
    auto* self = static_cast<RecordReader*>(self_ptr);
    if (self->current_.fields.empty()) self->current_.line = self->field_start_line_;
    self->ready_.push_back(std::move(self->current_));
    self->current_ = {};
    self->field_start_line_ = self->line_ + 1;
  }

  csv_parser parser_{};
  int64_t line_ = 0;
  int64_t field_start_line_ = 1;
  Record current_;
  std::vector<Record> ready_;
};

class Validator {
 public:
  explicit Validator(ParsedDivisions& out) : out_(out) {}

  void problem(int64_t line, std::string field, Text reason) {
    out_.problems.push_back({std::move(field), std::move(reason), line});
  }

  void row(const Record& record) {
    ++out_.rows;
    const auto& f = record.fields;
    const int64_t line = record.line;
    if (f.size() != kHeader.size()) {
      problem(line, "row",
              {fmt::format("应有 {} 列，实际 {} 列（文件可能被截断）", kHeader.size(), f.size()),
               fmt::format("expected {} columns, found {} (the file may be truncated)",
                           kHeader.size(), f.size())});
      return;
    }
    const std::size_t before = out_.problems.size();
    for (std::size_t c = 0; c < f.size(); ++c) {
      if (!is_valid_utf8(f[c])) {
        problem(line, std::string(kHeader[c]),
                {"不是有效的 UTF-8 文本（文件是否为 GBK 编码？请另存为 UTF-8）",
                 "not valid UTF-8 (is the file GBK-encoded? save it as UTF-8)"});
      } else if (f[c].size() > kMaxFieldBytes) {
        problem(line, std::string(kHeader[c]), {"内容过长", "the value is too long"});
      }
    }
    if (out_.problems.size() != before) return;

    Unit unit;
    unit.code = f[0];
    const auto code_level = level_of_code(unit.code);
    if (unit.code.size() != 12 || !code_level || *code_level == Level::grid) {
      problem(line, "code",
              {"必须是 12 位数字的统计用区划代码", "must be a 12-digit division code"});
    }
    if (auto name = normalise_text(trim(f[1]), "name"); !name) {
      for (FieldError& e : std::move(name).error().details) {
        problem(line, std::move(e.field), std::move(e.reason));
      }
    } else if (name->empty()) {
      problem(line, "name", {"不能为空", "must not be empty"});
    } else if (utf8_length(*name) > kMaxNameChars) {
      problem(line, "name",
              {fmt::format("长度不能超过 {} 个字符", kMaxNameChars),
               fmt::format("must be at most {} characters", kMaxNameChars)});
    } else {
      unit.name = std::move(name).value();
    }
    const auto level_number = parse_decimal(f[2]);
    if (!level_number || *level_number < 1 || *level_number > 5) {
      // Every later rule depends on the level; checking them against a guess would only bury
      // the real problem under follow-on ones.
      problem(line, "level", {"必须是 1 到 5 之间的整数", "must be an integer from 1 to 5"});
      return;
    }
    {
      unit.level = static_cast<Level>(*level_number);
      if (code_level && *code_level != unit.level) {
        problem(line, "level",
                {"与编码所示的层级不一致", "does not match the level the code implies"});
      }
      if (f[3] != level_name(unit.level)) {
        problem(
            line, "level_name",
            {fmt::format("应为“{}”", level_name(unit.level)),
             fmt::format("must be \"{}\" for level {}", level_name(unit.level), *level_number)});
      }
    }
    unit.parent_code = f[4];
    if (unit.level == Level::province) {
      if (!unit.parent_code.empty()) {
        problem(line, "parent_code", {"省级单位不能有上级", "a province has no parent"});
      }
    } else if (unit.parent_code.size() != 12 || !level_of_code(unit.parent_code)) {
      problem(line, "parent_code",
              {"必须是 12 位数字的统计用区划代码", "must be a 12-digit division code"});
    }
    const auto type = unit_type_from_label(f[5]);
    if (!type || level_of_type(*type) != unit.level || *type == UnitType::grid) {
      problem(line, "unit_type", {"不是该层级的单位类型", "is not a unit type of this level"});
    } else {
      unit.type = *type;
      const auto implied = type_of_code(unit.code);
      if (implied && *implied != *type) {
        problem(line, "unit_type",
                {fmt::format("编码范围对应“{}”", unit_type_label(*implied)),
                 fmt::format("the code range means \"{}\"", unit_type_key(*implied))});
      }
    }
    unit.urban_rural_code = f[6];
    if (unit.level == Level::village) {
      const auto name = urban_rural_name(unit.urban_rural_code);
      if (!name) {
        problem(
            line, "urban_rural_code",
            {"村级单位必须有城乡分类代码（111、112、121、122、123、210、220）",
             "a village-level unit needs an urban-rural code (111, 112, 121, 122, 123, 210, 220)"});
      } else if (f[7] != *name) {
        problem(line, "urban_rural_name",
                {fmt::format("应为“{}”", *name), fmt::format("must be \"{}\"", *name)});
      }
    } else if (!unit.urban_rural_code.empty() || !f[7].empty()) {
      problem(line, "urban_rural_code",
              {"只有村级单位有城乡分类代码", "only village-level units have an urban-rural code"});
    }
    if (out_.problems.size() != before) return;

    if (const auto [it, added] = lines_.emplace(unit.code, line); !added) {
      problem(line, "code",
              {fmt::format("与第 {} 行重复", it->second),
               fmt::format("duplicates line {}", it->second)});
      return;
    }
    levels_.emplace(unit.code, unit.level);
    out_.units.push_back(std::move(unit));
    unit_lines_.push_back(line);
  }

  void check_parents(const KnownUnitLookup& known) {
    for (std::size_t i = 0; i < out_.units.size(); ++i) {
      const Unit& unit = out_.units[i];
      if (unit.parent_code.empty()) continue;
      std::optional<Level> parent_level;
      if (const auto it = levels_.find(unit.parent_code); it != levels_.end()) {
        parent_level = it->second;
      } else {
        parent_level = known(unit.parent_code);
      }
      if (!parent_level) {
        problem(unit_lines_[i], "parent_code",
                {"上级单位不存在（文件中和数据库中都没有）",
                 "the parent is neither in the file nor in the database"});
      } else if (static_cast<int>(*parent_level) != static_cast<int>(unit.level) - 1) {
        problem(unit_lines_[i], "parent_code",
                {"上级单位必须正好高一级", "the parent must be exactly one level up"});
      }
    }
  }

 private:
  ParsedDivisions& out_;
  std::unordered_map<std::string, int64_t> lines_;
  std::unordered_map<std::string, Level> levels_;
  std::vector<int64_t> unit_lines_;
};

}  // namespace

ParsedDivisions parse_divisions_csv(std::istream& in, const KnownUnitLookup& known) {
  ParsedDivisions out;
  Validator validator(out);
  RecordReader reader;
  bool header_seen = false;
  bool header_ok = true;
  auto consume = [&] {
    for (Record& record : reader.ready()) {
      if (!header_seen) {
        header_seen = true;
        if (!record.fields.empty() && record.fields[0].starts_with("\xEF\xBB\xBF")) {
          record.fields[0].erase(0, 3);  // a byte-order mark, as Excel writes
        }
        if (!std::equal(record.fields.begin(), record.fields.end(), kHeader.begin(),
                        kHeader.end())) {
          header_ok = false;
          validator.problem(record.line, "header",
                            {fmt::format("表头必须是：{}", fmt::join(kHeader, ",")),
                             fmt::format("the header must be: {}", fmt::join(kHeader, ","))});
        }
        continue;
      }
      validator.row(record);
    }
    reader.ready().clear();
  };

  std::string text;
  int64_t line = 0;
  while (header_ok && std::getline(in, text)) {
    ++line;
    if (!in.eof()) text.push_back('\n');
    if (!reader.feed(text, line)) {
      validator.problem(reader.pending_start(), "row",
                        {"CSV 格式错误（引号不匹配？）", "malformed CSV (unbalanced quotes?)"});
      return out;
    }
    consume();
  }
  if (!header_ok) return out;
  if (!reader.finish()) {
    validator.problem(reader.pending_start(), "row",
                      {"文件在引号内结束（文件可能被截断）",
                       "the file ends inside a quoted value (it may be truncated)"});
    return out;
  }
  consume();
  if (!header_seen) {
    validator.problem(1, "header", {"文件为空", "the file is empty"});
    return out;
  }
  validator.check_parents(known);
  return out;
}

}  // namespace shequ::org
