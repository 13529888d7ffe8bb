// Reading uploaded tables (CSV and .xlsx) for imports: rows, their lines, encodings, and every
// kind of file that must be refused with the reason.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/compression.hpp"
#include "common/table_reader.hpp"
#include "common/xlsx.hpp"

namespace shequ {
namespace {

struct Read {
  std::vector<TableRow> rows;
  std::optional<Error> error;
};

Read read_all(std::string bytes, TableLimits limits = {}) {
  Read out;
  auto reader = TableReader::open(std::move(bytes), limits);
  if (!reader) {
    out.error = reader.error();
    return out;
  }
  for (;;) {
    auto row = (*reader)->next();
    if (!row) {
      out.error = row.error();
      return out;
    }
    if (!*row) return out;
    out.rows.push_back(std::move(**row));
  }
}

using Cells = std::vector<std::string>;

std::vector<Cells> cells_of(const Read& read) {
  std::vector<Cells> out;
  for (const TableRow& r : read.rows) out.push_back(r.cells);
  return out;
}

std::vector<int64_t> lines_of(const Read& read) {
  std::vector<int64_t> out;
  for (const TableRow& r : read.rows) out.push_back(r.line);
  return out;
}

// The one detail of a refusal: on "file", with its line.
void expect_refused(const Read& read, int64_t line, std::string_view reason_part) {
  ASSERT_TRUE(read.error.has_value()) << "expected a refusal mentioning " << reason_part;
  EXPECT_EQ(read.error->code, ErrorCode::invalid_argument);
  ASSERT_EQ(read.error->details.size(), 1u);
  EXPECT_EQ(read.error->details[0].field, "file");
  EXPECT_EQ(read.error->details[0].line, line);
  EXPECT_NE(read.error->details[0].reason.zh.find(reason_part), std::string::npos)
      << read.error->details[0].reason.zh;
}

TEST(TableReaderCsv, RowsWithTheLinesTheyStartOn) {
  const Read read = read_all(
      "\xEF\xBB\xBF"  // Excel's byte-order mark
      "名称,面积\r\n"
      "\"城关区, 第一\",120\r\n"
      "\r\n"
      "\"写着\"\"引号\"\"\n跨两行\",30.5\n"
      ",,\n"
      "末行,\n");
  ASSERT_FALSE(read.error) << read.error->details[0].reason.en;
  EXPECT_EQ(
      cells_of(read),
      (std::vector<Cells>{
          {"名称", "面积"}, {"城关区, 第一", "120"}, {"写着\"引号\"\n跨两行", "30.5"}, {"末行"}}));
  EXPECT_EQ(lines_of(read), (std::vector<int64_t>{1, 2, 4, 7}));
}

TEST(TableReaderCsv, ChineseExcelCsvInGb18030IsReadAsUtf8) {
  // "名称,面积\n社区服务站,60\n" as Excel on a Chinese Windows saves it.
  const std::string gbk =
      "\xC3\xFB\xB3\xC6,\xC3\xE6\xBB\xFD\n\xC9\xE7\xC7\xF8\xB7\xFE\xCE\xF1\xD5\xBE,60\n";
  const Read read = read_all(gbk);
  ASSERT_FALSE(read.error);
  EXPECT_EQ(cells_of(read), (std::vector<Cells>{{"名称", "面积"}, {"社区服务站", "60"}}));
}

TEST(TableReaderCsv, BrokenFilesAreRefusedAtTheirLine) {
  struct Case {
    const char* name;
    std::string bytes;
    int64_t line;
    const char* reason;
  };
  const std::vector<Case> cases{
      {"a quote inside an unquoted field", "a,b\nc,d\"e\n", 2, "CSV 格式错误"},
      {"a file cut inside quotes", "a,b\n\"c,d\n", 2, "引号内结束"},
      {"binary", std::string("\x01\x02\x00\x03", 4), 0, "不是 CSV 或 Excel"},
      {"an old .xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), 0, ".xls"},
      {"neither UTF-8 nor GB18030", "a,\xFF\xFF\n", 0, "编码"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    expect_refused(read_all(c.bytes), c.line, c.reason);
  }
}

TEST(TableReaderCsv, LimitsOnColumnsAndCells) {
  TableLimits limits;
  limits.max_columns = 3;
  limits.max_cell_bytes = 10;
  expect_refused(read_all("a,b,c\n1,2,3,4\n", limits), 2, "列数超过 3");
  expect_refused(read_all("a,b\n1,12345678901\n", limits), 2, "过长");
  EXPECT_FALSE(read_all("a,b,c\n1,2,3\n", limits).error);
}

// A workbook as Excel writes one: shared strings, numbers, an empty row, a cell left blank in
// the middle of a row, and (when asked) a merged range below the data.
std::string excel_workbook(bool merged) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("shequ-table-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* first = workbook_add_worksheet(book, "设施");
  lxw_worksheet* second = workbook_add_worksheet(book, "说明");
  worksheet_write_string(first, 0, 0, "名称", nullptr);
  worksheet_write_string(first, 0, 1, "建筑面积", nullptr);
  worksheet_write_string(first, 0, 2, "开放时间", nullptr);
  worksheet_write_string(first, 1, 0, "城关区社区服务站", nullptr);
  worksheet_write_number(first, 1, 1, 120.5, nullptr);
  worksheet_write_string(first, 1, 2, "08:00-20:00", nullptr);
  // Row 3 left empty; row 4 with its middle cell blank.
  worksheet_write_string(first, 3, 0, "名称重复", nullptr);
  worksheet_write_number(first, 3, 2, 42, nullptr);
  worksheet_write_boolean(first, 4, 0, 1, nullptr);
  if (merged) worksheet_merge_range(first, 6, 0, 6, 2, "合并", nullptr);
  worksheet_write_string(second, 0, 0, "不读这一页", nullptr);
  EXPECT_EQ(workbook_close(book), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

TEST(TableReaderXlsx, TheFirstSheetRowByRow) {
  const Read read = read_all(excel_workbook(false));
  ASSERT_FALSE(read.error) << read.error->details[0].reason.en;
  EXPECT_EQ(cells_of(read), (std::vector<Cells>{{"名称", "建筑面积", "开放时间"},
                                                {"城关区社区服务站", "120.5", "08:00-20:00"},
                                                {"名称重复", "", "42"},
                                                {"1"}}));
  EXPECT_EQ(lines_of(read), (std::vector<int64_t>{1, 2, 4, 5}));
}

TEST(TableReaderXlsx, OurOwnDownloadsReadBack) {
  // The console's templates and list downloads (inline strings, constant-memory mode).
  auto writer = XlsxWriter::create("设施", {"名称", "面积"}, {20, 10});
  ASSERT_TRUE(writer);
  ASSERT_TRUE((*writer)->add_row({std::string("社区服务站"), 60.0}));
  ASSERT_TRUE((*writer)->add_row({std::monostate{}, std::string("备注")}));
  auto bytes = (*writer)->finish();
  ASSERT_TRUE(bytes);
  const Read read = read_all(*bytes);
  ASSERT_FALSE(read.error);
  EXPECT_EQ(cells_of(read),
            (std::vector<Cells>{{"名称", "面积"}, {"社区服务站", "60"}, {"", "备注"}}));
}

TEST(TableReaderXlsx, MergedCellsAreRefused) {
  const Read merged = read_all(excel_workbook(true));
  expect_refused(merged, 0, "合并单元格（A7:C7）");
  // The rows before the merge came first: an import keeps nothing until the end is reached.
  EXPECT_EQ(merged.rows.size(), 5u);
}

// A zip archive of the given members, made with libzip.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& members) {
  const auto path =
      std::filesystem::temp_directory_path() / ("shequ-zip-" + std::to_string(::getpid()) + ".zip");
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(archive, nullptr);
  for (const auto& [name, text] : members) {
    zip_source_t* source = zip_source_buffer(archive, text.data(), text.size(), 0);
    EXPECT_GE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(archive), 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

// The parts of a workbook as other programs write them: namespace prefixes (x:row), a package-
// absolute sheet path, rich text runs, phonetic hints, cells without references.
std::string handmade_workbook(const std::string& cells) {
  const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zip_of({
      {"xl/workbook.xml", "<x:workbook xmlns:x=\"" + main + "\" xmlns:r=\"" + rel +
                              "\"><x:sheets><x:sheet name=\"表\" sheetId=\"1\" r:id=\"rId7\"/>"
                              "</x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId7\" Type=\"" +
           rel +
           "/worksheet\" Target=\"/xl/sheets/data.xml\"/>"
           "</Relationships>"},
      {"xl/sharedStrings.xml",
       "<x:sst xmlns:x=\"" + main +
           "\"><x:si><x:r><x:t>社区</x:t></x:r>"
           "<x:r><x:t>服务站</x:t></x:r><x:rPh><x:t>しゃく</x:t></x:rPh></x:si>"
           "</x:sst>"},
      {"xl/sheets/data.xml", "<x:worksheet xmlns:x=\"" + main + "\"><x:sheetData>" + cells +
                                 "</x:sheetData></x:worksheet>"},
  });
}

TEST(TableReaderXlsx, WorkbooksOfOtherProgramsReadAlike) {
  const Read read = read_all(handmade_workbook(
      "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:r><x:t>面积</x:t>"
      "</x:r></x:is></x:c></x:row>"
      "<x:row r=\"3\"><x:c r=\"C3\"><x:v>1.5E-3</x:v></x:c></x:row>"));
  ASSERT_FALSE(read.error) << read.error->details[0].reason.en;
  EXPECT_EQ(cells_of(read), (std::vector<Cells>{{"社区服务站", "面积"}, {"", "", "1.5E-3"}}));
  EXPECT_EQ(lines_of(read), (std::vector<int64_t>{1, 3}));
}

TEST(TableReaderXlsx, BrokenCellsAreRefusedAtTheirRow) {
  expect_refused(read_all(handmade_workbook(
                     "<x:row r=\"4\"><x:c r=\"B4\" t=\"e\"><x:v>#DIV/0!</x:v></x:c></x:row>")),
                 4, "第 2 列的公式出错（#DIV/0!）");
  expect_refused(read_all(handmade_workbook(
                     "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>9</x:v></x:c></x:row>")),
                 0, "无法读取 Excel");
  expect_refused(read_all(handmade_workbook("<x:row><x:c><x:v>1</x:v></x:c>")), 0,
                 "无法读取 Excel");  // not well-formed XML
}

TEST(TableReaderXlsx, DamagedWorkbooksAreRefused) {
  std::string bytes = excel_workbook(false);
  expect_refused(read_all(bytes.substr(0, bytes.size() / 2)), 0, "无法读取 Excel");
  expect_refused(read_all(std::string("PK\x03\x04", 4) + "not a zip at all"), 0, "无法读取 Excel");
  TableLimits tiny;
  tiny.max_part_bytes = 100;
  const Read too_big = read_all(bytes, tiny);
  ASSERT_TRUE(too_big.error);
  EXPECT_EQ(too_big.error->code, ErrorCode::too_large);
}

// A register is kept compressed until its import job reads it back (common/compression.hpp).
TEST(Compression, WhatGoesInComesBackAndDamageIsNoticed) {
  std::string register_text = "户编号,网格编码,住址\r\n";
  for (int i = 0; i < 20'000; ++i)
    register_text += fmt::format("{},620102001001001,畅家巷{}号\r\n", i, i);
  for (const std::string& bytes : {std::string(), std::string("x"), register_text}) {
    const std::string compressed = compress(bytes);
    const auto back = decompress(compressed, bytes.size());
    ASSERT_TRUE(back) << bytes.size();
    EXPECT_EQ(*back, bytes);
  }
  const std::string compressed = compress(register_text);
  EXPECT_LT(compressed.size() * 4, register_text.size());
  // The wrong length, a damaged byte, or a cut end: an error, never other bytes.
  EXPECT_FALSE(decompress(compressed, register_text.size() - 1));
  EXPECT_FALSE(decompress(compressed, register_text.size() + 1));
  std::string damaged = compressed;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x55);
  EXPECT_FALSE(decompress(damaged, register_text.size()));
  EXPECT_FALSE(decompress(compressed.substr(0, compressed.size() - 4), register_text.size()));
  EXPECT_FALSE(decompress(compressed + "tail", register_text.size()));
}

}  // namespace
}  // namespace shequ
