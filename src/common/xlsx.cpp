#include "common/xlsx.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <xlsxwriter.h>

namespace shequ {

namespace {

constexpr std::size_t kMaxCellText = 32'767;
constexpr std::size_t kMaxRows = 1'048'575;  // the last row's index

// Cuts UTF-8 text to at most `bytes` bytes without splitting a character.
std::string cut_utf8(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

struct XlsxWriter::Book {
  std::string path;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* datetime = nullptr;
  std::array<lxw_format*, 7> decimals{};  // "0", "0.0", ... "0.000000"
  ~Book() {
    // A writer abandoned before finish(): close to free the library's memory, drop the file.
    if (workbook != nullptr) workbook_close(workbook);
    if (!path.empty()) std::remove(path.c_str());
  }
};

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::create(std::string_view sheet,
                                                       const std::vector<std::string>& header,
                                                       const std::vector<double>& widths) {
  return create(XlsxSheet{std::string(sheet), {}, header, widths});
}

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::create(const XlsxSheet& sheet) {
  auto book = std::make_unique<Book>();
  std::string pattern =
      (std::filesystem::temp_directory_path() / "shequ-export-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) return Error::unavailable("cannot create a temporary file for an export");
  ::close(fd);
  book->path = pattern;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  book->workbook = workbook_new_opt(book->path.c_str(), &options);
  if (book->workbook == nullptr) return Error::unavailable("cannot start an xlsx workbook");
  book->title = workbook_add_format(book->workbook);
  format_set_bold(book->title);
  format_set_font_size(book->title, 14);
  book->header = workbook_add_format(book->workbook);
  format_set_bold(book->header);
  book->datetime = workbook_add_format(book->workbook);
  format_set_num_format(book->datetime, "yyyy-mm-dd hh:mm:ss");
  for (std::size_t d = 0; d < book->decimals.size(); ++d) {
    book->decimals[d] = workbook_add_format(book->workbook);
    format_set_num_format(book->decimals[d], d == 0 ? "0" : ("0." + std::string(d, '0')).c_str());
  }
  auto writer = std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(book)));
  SHEQU_TRY(writer->add_sheet(sheet));
  return writer;
}

XlsxWriter::XlsxWriter(std::unique_ptr<Book> book) : book_(std::move(book)) {}
XlsxWriter::~XlsxWriter() = default;

Status XlsxWriter::add_sheet(const XlsxSheet& sheet) {
  if (book_ == nullptr || book_->workbook == nullptr) {
    return Error::internal("an xlsx sheet added after finish()");
  }
  lxw_worksheet* added = workbook_add_worksheet(book_->workbook, sheet.name.c_str());
  if (added == nullptr) return Error::internal(fmt::format("bad sheet name {}", sheet.name));
  book_->sheet = added;
  for (std::size_t c = 0; c < sheet.widths.size(); ++c) {
    worksheet_set_column(added, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         sheet.widths[c], nullptr);
  }
  for (std::size_t r = 0; r < sheet.preamble.size(); ++r) {
    worksheet_write_string(added, static_cast<lxw_row_t>(r), 0,
                           cut_utf8(sheet.preamble[r], kMaxCellText).c_str(),
                           r == 0 ? book_->title : nullptr);
  }
  const auto header_row = static_cast<lxw_row_t>(sheet.preamble.size());
  for (std::size_t c = 0; c < sheet.header.size(); ++c) {
    worksheet_write_string(added, header_row, static_cast<lxw_col_t>(c),
                           cut_utf8(sheet.header[c], kMaxCellText).c_str(), book_->header);
  }
  worksheet_freeze_panes(added, header_row + 1, 0);
  if (!sheet.header.empty()) {
    worksheet_autofilter(added, header_row, 0, header_row,
                         static_cast<lxw_col_t>(sheet.header.size() - 1));
  }
  columns_ = sheet.header.size();
  first_row_ = header_row;
  rows_ = 0;
  return {};
}

Status XlsxWriter::add_row(const std::vector<XlsxCell>& cells) {
  if (book_ == nullptr || book_->workbook == nullptr) {
    return Error::internal("an xlsx row added after finish()");
  }
  if (cells.size() > columns_) return Error::internal("an xlsx row wider than its header");
  if (first_row_ + rows_ >= kMaxRows) {
    return Error::too_large(
        {"超过 Excel 的最大行数（1,048,576 行）", "more rows than Excel holds (1,048,576)"});
  }
  const auto row = static_cast<lxw_row_t>(first_row_ + ++rows_);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    lxw_error written = LXW_NO_ERROR;
    if (const auto* text = std::get_if<std::string>(&cells[c])) {
      if (!text->empty()) {
        written = worksheet_write_string(book_->sheet, row, col,
                                         cut_utf8(*text, kMaxCellText).c_str(), nullptr);
      }
    } else if (const auto* number = std::get_if<double>(&cells[c])) {
      written = worksheet_write_number(book_->sheet, row, col, *number, nullptr);
    } else if (const auto* moment = std::get_if<XlsxDateTime>(&cells[c])) {
      lxw_datetime value{moment->year, moment->month,  moment->day,
                         moment->hour, moment->minute, moment->second};
      written = worksheet_write_datetime(book_->sheet, row, col, &value, book_->datetime);
    } else if (const auto* decimal = std::get_if<XlsxDecimal>(&cells[c])) {
      const auto digits = static_cast<std::size_t>(
          std::clamp(decimal->decimals, 0, static_cast<int>(book_->decimals.size()) - 1));
      written =
          worksheet_write_number(book_->sheet, row, col, decimal->value, book_->decimals[digits]);
    }
    if (written != LXW_NO_ERROR) {
      return Error::internal(
          fmt::format("xlsx row {} column {}: {}", row, c, lxw_strerror(written)));
    }
  }
  return {};
}

Result<std::string> XlsxWriter::finish() {
  if (book_ == nullptr || book_->workbook == nullptr) {
    return Error::internal("an xlsx workbook finished twice");
  }
  const lxw_error closed = workbook_close(book_->workbook);
  book_->workbook = nullptr;
  if (closed != LXW_NO_ERROR) {
    return Error::unavailable(fmt::format("cannot write the xlsx file: {}", lxw_strerror(closed)));
  }
  std::ifstream in(book_->path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return Error::unavailable("cannot read back the xlsx file " + book_->path);
  book_.reset();  // removes the file
  return std::move(bytes).str();
}

}  // namespace shequ
