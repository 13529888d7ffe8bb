#include "support/xlsx_reader.hpp"

#include <zlib.h>

#include <cstdint>
#include <cstring>

namespace shequ::testing {

namespace {

uint32_t le(std::string_view bytes, std::size_t at, int size) {
  uint32_t value = 0;
  for (int i = size - 1; i >= 0; --i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  }
  return value;
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const auto end = text.find(';', i);
    const std::string_view entity = text.substr(i + 1, end - i - 1);
    if (entity == "amp") out += '&';
    if (entity == "lt") out += '<';
    if (entity == "gt") out += '>';
    if (entity == "quot") out += '"';
    if (entity == "apos") out += '\'';
    i = end;
  }
  return out;
}

// "AB12" → column 27 (0-based).
std::size_t column_of(std::string_view reference) {
  std::size_t column = 0;
  for (char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  return column - 1;
}

}  // namespace

std::optional<std::string> zip_member(std::string_view archive, std::string_view name) {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  if (archive.size() < 22) return std::nullopt;
  std::size_t eocd = archive.size() - 22;
  while (le(archive, eocd, 4) != 0x06054b50) {
    if (eocd == 0) return std::nullopt;
    --eocd;
  }
  const uint32_t entries = le(archive, eocd + 10, 2);
  std::size_t at = le(archive, eocd + 16, 4);
  for (uint32_t e = 0; e < entries; ++e) {
    if (at + 46 > archive.size() || le(archive, at, 4) != 0x02014b50) return std::nullopt;
    const uint32_t method = le(archive, at + 10, 2);
    const uint32_t compressed = le(archive, at + 20, 4);
    const uint32_t size = le(archive, at + 24, 4);
    const uint32_t name_length = le(archive, at + 28, 2);
    const uint32_t extra = le(archive, at + 30, 2);
    const uint32_t comment = le(archive, at + 32, 2);
    const uint32_t local = le(archive, at + 42, 4);
    if (archive.substr(at + 46, name_length) == name) {
      const std::size_t data = local + 30 + le(archive, local + 26, 2) + le(archive, local + 28, 2);
      if (data + compressed > archive.size()) return std::nullopt;
      const std::string_view packed = archive.substr(data, compressed);
      if (method == 0) return std::string(packed);
      if (method != 8) return std::nullopt;
      std::string out(size, '\0');
      z_stream z{};
      if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return std::nullopt;
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
      z.avail_in = compressed;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = size;
      const int result = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      if (result != Z_STREAM_END || z.total_out != size) return std::nullopt;
      return out;
    }
    at += 46 + name_length + extra + comment;
  }
  return std::nullopt;
}

std::optional<std::vector<std::vector<std::string>>> read_first_sheet(std::string_view xlsx) {
  const auto sheet = zip_member(xlsx, "xl/worksheets/sheet1.xml");
  if (!sheet) return std::nullopt;
  std::vector<std::vector<std::string>> rows;
  const std::string_view xml = *sheet;
  std::size_t at = 0;
  while ((at = xml.find("<row ", at)) != std::string_view::npos) {
    const auto row_end = xml.find("</row>", at);
    if (row_end == std::string_view::npos) return std::nullopt;
    const std::string_view row = xml.substr(at, row_end - at);
    std::vector<std::string> cells;
    std::size_t c = 0;
    while ((c = row.find("<c ", c)) != std::string_view::npos) {
      const auto ref = row.find("r=\"", c) + 3;
      const std::size_t column = column_of(row.substr(ref));
      const auto open_end = row.find('>', c);
      std::string value;
      if (row[open_end - 1] != '/') {
        const auto close = row.find("</c>", open_end);
        const std::string_view inner = row.substr(open_end + 1, close - open_end - 1);
        for (std::string_view tag : {"<t>", "<t xml:space=\"preserve\">", "<v>"}) {
          const auto begin = inner.find(tag);
          if (begin == std::string_view::npos) continue;
          const auto end = inner.find('<', begin + tag.size());
          value = unescape(inner.substr(begin + tag.size(), end - begin - tag.size()));
          break;
        }
      }
      if (cells.size() <= column) cells.resize(column + 1);
      cells[column] = std::move(value);
      c = open_end;
    }
    rows.push_back(std::move(cells));
    at = row_end;
  }
  return rows;
}

}  // namespace shequ::testing
