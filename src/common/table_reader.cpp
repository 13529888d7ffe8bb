#include "common/table_reader.hpp"

#include <csv.h>
#include <expat.h>
#include <iconv.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <functional>
#include <string_view>

#include <fmt/format.h>

#include "common/strings.hpp"

namespace shequ {

namespace {

Error file_error(Text reason, int64_t line = 0) {
  return Error::invalid({FieldError{"file", std::move(reason), line}});
}

Error too_many_columns(const TableLimits& limits, int64_t line) {
  return file_error({fmt::format("列数超过 {}", limits.max_columns),
                     fmt::format("more than {} columns", limits.max_columns)},
                    line);
}

Error cell_too_long(int64_t line) {
  return file_error({"单元格内容过长（最多 32,767 个字符）",
                     "a cell holds too much text (at most 32,767 characters)"},
                    line);
}

bool all_empty(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return c.empty(); });
}

// ---- CSV -------------------------------------------------------------------------------------

// GB18030 → UTF-8, or nullopt when the bytes are not GB18030 either.
std::optional<std::string> from_gb18030(std::string_view text) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(text.size() * 2 + 16, '\0');
  auto* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<std::size_t>(-1)) continue;
    if (errno != E2BIG) {
      ok = false;
      break;
    }
    const std::size_t used = out.size() - out_left;
    out.resize(out.size() * 2);
    dst = out.data() + used;
    out_left = out.size() - used;
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

class CsvTable final : public TableReader {
 public:
  CsvTable(std::string text, TableLimits limits) : text_(std::move(text)), limits_(limits) {
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  }
  ~CsvTable() override { csv_free(&parser_); }

  Format format() const override { return Format::csv; }

  Result<std::optional<TableRow>> next() override {
    while (ready_.empty()) {
      if (failed_) return *failed_;
      if (finished_) return std::optional<TableRow>();
      feed_line();
    }
    TableRow row = std::move(ready_.front());
    ready_.pop_front();
    return std::optional<TableRow>(std::move(row));
  }

 private:
  // Feeds one physical line (with its terminator) to libcsv, or finishes at the end of the text.
  void feed_line() {
    if (position_ >= text_.size()) {
      if (csv_fini(&parser_, on_field, on_record, this) != 0) {
        fail(file_error({"文件在引号内结束（文件可能被截断）",
                         "the file ends inside a quoted value (it may be truncated)"},
                        pending_line()));
      }
      finished_ = true;
      return;
    }
    const std::size_t end = text_.find('\n', position_);
    const std::size_t stop = end == std::string::npos ? text_.size() : end + 1;
    ++line_;
    // libcsv skips blank lines; a record not yet begun starts on this line (pstate 0 is its
    // ROW_NOT_BEGUN: the state is public in csv.h, its names are not).
    if (parser_.pstate == 0) field_start_line_ = line_;
    const std::string_view chunk(text_.data() + position_, stop - position_);
    position_ = stop;
    if (csv_parse(&parser_, chunk.data(), chunk.size(), on_field, on_record, this) !=
        chunk.size()) {
      fail(file_error({"CSV 格式错误（引号不匹配？）", "malformed CSV (unbalanced quotes?)"},
                      pending_line()));
    }
  }

  int64_t pending_line() const { return current_.cells.empty() ? line_ : current_.line; }

  void fail(Error error) {
    if (!failed_) failed_ = std::move(error);
  }

  static void on_field(void* data, std::size_t size, void* self_ptr) {
    auto* self = static_cast<CsvTable*>(self_ptr);
    if (self->current_.cells.empty()) self->current_.line = self->field_start_line_;
    if (size > self->limits_.max_cell_bytes) self->fail(cell_too_long(self->current_.line));
    if (self->current_.cells.size() >= self->limits_.max_columns) {
      self->fail(too_many_columns(self->limits_, self->current_.line));
    }
    if (!self->failed_) self->current_.cells.emplace_back(static_cast<const char*>(data), size);
    self->field_start_line_ = self->line_;
  }

  static void on_record(int, void* self_ptr) {
    auto* self = static_cast<CsvTable*>(self_ptr);
    if (self->current_.cells.empty()) self->current_.line = self->field_start_line_;
    auto& cells = self->current_.cells;
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (!cells.empty() && !self->failed_) self->ready_.push_back(std::move(self->current_));
    self->current_ = {};
    self->field_start_line_ = self->line_ + 1;
  }

  std::string text_;
  TableLimits limits_;
  csv_parser parser_{};
  std::size_t position_ = 0;
  int64_t line_ = 0;
  int64_t field_start_line_ = 1;
  TableRow current_;
  std::deque<TableRow> ready_;
  std::optional<Error> failed_;
  bool finished_ = false;
};

// ---- Excel -----------------------------------------------------------------------------------

Error not_a_workbook() {
  return file_error({"无法读取 Excel 文件（文件已损坏，或不是 .xlsx 工作簿）",
                     "cannot read the Excel file (it is damaged, or not an .xlsx workbook)"});
}

// The local part of an element or attribute name from expat's namespace-aware parser
// ("uri|row" → "row"), so that prefixed documents (<x:row>) read like plain ones.
std::string_view local_name(const XML_Char* name) {
  const std::string_view full(name);
  const auto bar = full.rfind('|');
  return bar == std::string_view::npos ? full : full.substr(bar + 1);
}

std::optional<std::string_view> attribute(const XML_Char** attributes, std::string_view name) {
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    if (local_name(attributes[i]) == name) return std::string_view(attributes[i + 1]);
  }
  return std::nullopt;
}

// A zip member inflated a chunk at a time into an expat parser whose handlers the caller set.
class XmlPart {
 public:
  XmlPart(zip_t* archive, const TableLimits& limits) : archive_(archive), limits_(limits) {
    parser_ = XML_ParserCreateNS(nullptr, '|');
  }
  ~XmlPart() {
    if (file_ != nullptr) zip_fclose(file_);
    if (parser_ != nullptr) XML_ParserFree(parser_);
  }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  XML_Parser parser() const { return parser_; }

  // Opens the member `name`; false when it is absent or larger than the limits allow.
  Status open(const std::string& name) {
    if (parser_ == nullptr) return Error::internal("expat: cannot create a parser");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_, name.c_str(), 0, &stat) != 0) return not_a_workbook();
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > limits_.max_part_bytes) {
      return Error::too_large({"Excel 文件解压后过大", "the Excel file is too large unpacked"});
    }
    file_ = zip_fopen(archive_, name.c_str(), 0);
    if (file_ == nullptr) return not_a_workbook();
    return Status();
  }

  // Inflates and parses the next chunk; returns false at the end of the member.
  Result<bool> step() {
    if (done_) return false;
    char buffer[64 * 1024];
    const zip_int64_t got = zip_fread(file_, buffer, sizeof buffer);
    if (got < 0) return not_a_workbook();
    read_ += static_cast<uint64_t>(got);
    if (read_ > limits_.max_part_bytes) {
      return Error::too_large({"Excel 文件解压后过大", "the Excel file is too large unpacked"});
    }
    done_ = got == 0;
    if (XML_Parse(parser_, buffer, static_cast<int>(got), done_ ? 1 : 0) == XML_STATUS_ERROR) {
      if (XML_GetErrorCode(parser_) == XML_ERROR_ABORTED) return done_ ? false : true;
      return not_a_workbook();
    }
    return !done_;
  }

  // Parses the whole member.
  Status run() {
    for (;;) {
      SHEQU_ASSIGN_OR_RETURN(bool more, step());
      if (!more) return Status();
    }
  }

 private:
  zip_t* archive_;
  const TableLimits& limits_;
  XML_Parser parser_ = nullptr;
  zip_file_t* file_ = nullptr;
  uint64_t read_ = 0;
  bool done_ = false;
};

// Expat calls back into a handler object through these.
template <class Handler>
void bind(XML_Parser parser, Handler* handler) {
  XML_SetUserData(parser, handler);
  XML_SetElementHandler(
      parser,
      [](void* self, const XML_Char* name, const XML_Char** attributes) {
        static_cast<Handler*>(self)->start(local_name(name), attributes);
      },
      [](void* self, const XML_Char* name) { static_cast<Handler*>(self)->end(local_name(name)); });
  XML_SetCharacterDataHandler(parser, [](void* self, const XML_Char* text, int length) {
    static_cast<Handler*>(self)->text(std::string_view(text, static_cast<std::size_t>(length)));
  });
}

// xl/workbook.xml: the relationship id of the first sheet.
struct WorkbookHandler {
  std::string first_sheet_id;
  void start(std::string_view name, const XML_Char** attributes) {
    if (name != "sheet" || !first_sheet_id.empty()) return;
    if (auto id = attribute(attributes, "id")) first_sheet_id = *id;
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

// xl/_rels/workbook.xml.rels: where a relationship id points.
struct RelationsHandler {
  std::string wanted;
  std::string target;
  void start(std::string_view name, const XML_Char** attributes) {
    if (name != "Relationship") return;
    if (attribute(attributes, "Id") == std::optional<std::string_view>(wanted)) {
      if (auto t = attribute(attributes, "Target")) target = *t;
    }
  }
  void end(std::string_view) {}
  void text(std::string_view) {}
};

// xl/sharedStrings.xml: each <si>'s text, its runs joined, phonetic hints (<rPh>) left out.
struct SharedStringsHandler {
  const TableLimits* limits = nullptr;
  std::vector<std::string> strings;
  std::string current;
  bool in_item = false;
  bool in_text = false;
  int phonetic_depth = 0;
  bool too_long = false;
  void start(std::string_view name, const XML_Char**) {
    if (name == "si") {
      in_item = true;
      current.clear();
    } else if (name == "rPh") {
      ++phonetic_depth;
    } else if (name == "t") {
      in_text = in_item && phonetic_depth == 0;
    }
  }
  void end(std::string_view name) {
    if (name == "si") {
      in_item = false;
      strings.push_back(std::move(current));
      current.clear();
    } else if (name == "rPh") {
      --phonetic_depth;
    } else if (name == "t") {
      in_text = false;
    }
  }
  void text(std::string_view t) {
    if (!in_text) return;
    current.append(t);
    if (current.size() > limits->max_cell_bytes) too_long = true;
  }
};

// "BC12" → 54 (1-based column of a cell reference), 0 when it is not one.
std::size_t column_of(std::string_view reference) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + static_cast<std::size_t>(reference[i] - 'A' + 1);
    if (column > 16'384) return 0;
  }
  return i == 0 ? 0 : column;
}

class XlsxTable final : public TableReader {
 public:
  XlsxTable(std::string bytes, TableLimits limits) : bytes_(std::move(bytes)), limits_(limits) {}
  ~XlsxTable() override {
    sheet_.reset();
    if (archive_ != nullptr) zip_discard(archive_);
  }

  Status open() {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (source == nullptr) return not_a_workbook();
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (archive_ == nullptr) {
      zip_source_free(source);
      return not_a_workbook();
    }
    SHEQU_ASSIGN_OR_RETURN(std::string sheet, first_sheet_path());
    SHEQU_TRY(read_shared_strings());
    sheet_ = std::make_unique<XmlPart>(archive_, limits_);
    SHEQU_TRY(sheet_->open(sheet));
    bind(sheet_->parser(), this);
    return Status();
  }

  Format format() const override { return Format::xlsx; }

  Result<std::optional<TableRow>> next() override {
    while (ready_.empty()) {
      if (failed_) return *failed_;
      if (finished_) return std::optional<TableRow>();
      auto more = sheet_->step();
      if (!more) {
        failed_ = more.error();
        continue;
      }
      if (!*more) finished_ = true;
    }
    TableRow row = std::move(ready_.front());
    ready_.pop_front();
    return std::optional<TableRow>(std::move(row));
  }

  // Sheet handlers (expat).
  void start(std::string_view name, const XML_Char** attributes) {
    if (failed_) return;
    if (name == "row") {
      const auto r = attribute(attributes, "r");
      const auto number = r ? parse_decimal(*r) : std::nullopt;
      row_ = {number ? *number : last_row_ + 1, {}};
      next_column_ = 1;
    } else if (name == "c") {
      const auto r = attribute(attributes, "r");
      const std::size_t column = r ? column_of(*r) : 0;
      column_ = column == 0 ? next_column_ : column;
      next_column_ = column_ + 1;
      const auto t = attribute(attributes, "t");
      type_ = t ? std::string(*t) : std::string("n");
      value_.clear();
    } else if (name == "v" || name == "t") {
      in_value_ = true;
    } else if (name == "mergeCell") {
      const auto ref = attribute(attributes, "ref");
      stop(
          file_error({fmt::format("工作表含合并单元格（{}），请取消合并后再导入", ref.value_or("")),
                      fmt::format("the sheet has merged cells ({}): unmerge them and import again",
                                  ref.value_or(""))}));
    }
  }

  void end(std::string_view name) {
    if (failed_) return;
    if (name == "v" || name == "t") {
      in_value_ = false;
    } else if (name == "c") {
      finish_cell();
    } else if (name == "row") {
      last_row_ = row_.line;
      auto& cells = row_.cells;
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
      if (!cells.empty() && !all_empty(cells)) ready_.push_back(std::move(row_));
      row_ = {};
    }
  }

  void text(std::string_view t) {
    if (!in_value_ || failed_) return;
    value_.append(t);
    if (value_.size() > limits_.max_cell_bytes) stop(cell_too_long(row_.line));
  }

 private:
  Result<std::string> first_sheet_path() {
    WorkbookHandler workbook;
    {
      XmlPart part(archive_, limits_);
      SHEQU_TRY(part.open("xl/workbook.xml"));
      bind(part.parser(), &workbook);
      SHEQU_TRY(part.run());
    }
    if (workbook.first_sheet_id.empty()) {
      return file_error({"Excel 文件中没有工作表", "the Excel file has no sheet"});
    }
    RelationsHandler relations{workbook.first_sheet_id, {}};
    {
      XmlPart part(archive_, limits_);
      SHEQU_TRY(part.open("xl/_rels/workbook.xml.rels"));
      bind(part.parser(), &relations);
      SHEQU_TRY(part.run());
    }
    if (relations.target.empty()) return not_a_workbook();
    // Relative to xl/, or absolute within the package.
    if (relations.target.front() == '/') return relations.target.substr(1);
    return "xl/" + relations.target;
  }

  Status read_shared_strings() {
    if (zip_name_locate(archive_, "xl/sharedStrings.xml", 0) < 0) return Status();
    SharedStringsHandler handler;
    handler.limits = &limits_;
    XmlPart part(archive_, limits_);
    SHEQU_TRY(part.open("xl/sharedStrings.xml"));
    bind(part.parser(), &handler);
    SHEQU_TRY(part.run());
    if (handler.too_long) return cell_too_long(0);
    shared_ = std::move(handler.strings);
    return Status();
  }

  void finish_cell() {
    std::string cell;
    if (type_ == "s") {
      const auto index = parse_decimal(value_);
      if (!index || static_cast<std::size_t>(*index) >= shared_.size()) {
        stop(not_a_workbook());
        return;
      }
      cell = shared_[static_cast<std::size_t>(*index)];
    } else if (type_ == "e") {
      stop(
          file_error({fmt::format("第 {} 列的公式出错（{}）", column_, value_),
                      fmt::format("the formula in column {} gives an error ({})", column_, value_)},
                     row_.line));
      return;
    } else {
      cell = std::move(value_);  // inlineStr, str (a formula's text), n, b, d
    }
    value_.clear();
    if (column_ > limits_.max_columns) {
      if (!cell.empty()) stop(too_many_columns(limits_, row_.line));
      return;
    }
    if (row_.cells.size() < column_) row_.cells.resize(column_);
    row_.cells[column_ - 1] = std::move(cell);
  }

  void stop(Error error) {
    if (!failed_) failed_ = std::move(error);
    XML_StopParser(sheet_->parser(), XML_FALSE);
  }

  std::string bytes_;  // libzip reads the archive from here
  TableLimits limits_;
  zip_t* archive_ = nullptr;
  std::vector<std::string> shared_;
  std::unique_ptr<XmlPart> sheet_;
  TableRow row_;
  int64_t last_row_ = 0;
  std::size_t column_ = 1;
  std::size_t next_column_ = 1;
  std::string type_;
  std::string value_;
  bool in_value_ = false;
  std::deque<TableRow> ready_;
  std::optional<Error> failed_;
  bool finished_ = false;
};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<std::unique_ptr<TableReader>> TableReader::open(std::string bytes, TableLimits limits) {
  if (starts_with(bytes, "PK\x03\x04")) {
    auto table = std::make_unique<XlsxTable>(std::move(bytes), limits);
    SHEQU_TRY(table->open());
    return std::unique_ptr<TableReader>(std::move(table));
  }
  if (starts_with(bytes, "\xD0\xCF\x11\xE0")) {
    return file_error(
        {"这是旧版 Excel 文件（.xls），请另存为 .xlsx 或 CSV 后再导入",
         "this is an old Excel file (.xls): save it as .xlsx or CSV and import that"});
  }
  if (bytes.substr(0, 4096).find('\0') != std::string::npos) {
    return file_error({"不是 CSV 或 Excel（.xlsx）文件", "not a CSV or Excel (.xlsx) file"});
  }
  if (starts_with(bytes, "\xEF\xBB\xBF")) bytes.erase(0, 3);
  if (!is_valid_utf8(bytes)) {
    auto converted = from_gb18030(bytes);
    if (!converted) {
      return file_error({"文件编码无法识别：请保存为 UTF-8 编码的 CSV",
                         "the file's encoding is not recognised: save it as CSV in UTF-8"});
    }
    bytes = std::move(*converted);
  }
  return std::unique_ptr<TableReader>(std::make_unique<CsvTable>(std::move(bytes), limits));
}

}  // namespace shequ
