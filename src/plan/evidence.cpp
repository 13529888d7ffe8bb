#include "plan/evidence.hpp"

#include <array>
#include <optional>
#include <vector>

#include "common/compression.hpp"
#include "requests/photo.hpp"

namespace shequ::plan {

namespace {

// Everything one PDF's object streams may inflate to: a small stream can inflate a
// thousandfold, so the check stops at this.
constexpr std::size_t kMaxInflated = 64 * 1024 * 1024;

Error not_evidence(Text why) {
  return Error::invalid("file", std::move(why));
}

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool is_delimiter(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
         c == '{' || c == '}' || c == '/' || c == '%';
}
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Where the string literal "(...)" opening at `open` ends (after its closing parenthesis):
// parentheses nest, a backslash escapes the next character.
std::size_t after_string(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '(') {
      ++depth;
    } else if (text[i] == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

// The names (without the slash, #xx decoded) in a stretch of PDF syntax, outside its strings
// ("(...)", "<hex>") and comments, so that a link's text naming /JS is not taken for a script.
std::vector<std::string> names_in(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') {
      i = after_string(text, i) - 1;
      continue;
    }
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] != '<') {
      const std::size_t close = text.find('>', i);
      i = close == std::string_view::npos ? text.size() : close;
      continue;
    }
    if (text[i] == '<') {
      ++i;  // "<<" opens a dictionary
      continue;
    }
    if (text[i] == '%') {
      const std::size_t eol = text.find_first_of("\r\n", i);
      i = eol == std::string_view::npos ? text.size() : eol;
      continue;
    }
    if (text[i] != '/') continue;
    std::string name;
    std::size_t j = i + 1;
    for (; j < text.size() && !is_delimiter(text[j]); ++j) {
      if (text[j] == '#' && j + 2 < text.size() && hex_value(text[j + 1]) >= 0 &&
          hex_value(text[j + 2]) >= 0) {
        name.push_back(static_cast<char>(hex_value(text[j + 1]) * 16 + hex_value(text[j + 2])));
        j += 2;
      } else {
        name.push_back(text[j]);
      }
    }
    names.push_back(std::move(name));
    i = j - 1;
  }
  return names;
}

struct Forbidden {
  std::string_view name;
  Text why;
};

const std::array<Forbidden, 10>& forbidden_names() {
  static const std::array<Forbidden, 10> names{{
      {"JavaScript", {"PDF 含有脚本", "the PDF holds a script"}},
      {"JS", {"PDF 含有脚本", "the PDF holds a script"}},
      {"Launch", {"PDF 含有启动程序的动作", "the PDF launches a program"}},
      {"EmbeddedFile", {"PDF 含有嵌入的文件", "the PDF embeds files"}},
      {"EmbeddedFiles", {"PDF 含有嵌入的文件", "the PDF embeds files"}},
      {"RichMedia", {"PDF 含有多媒体内容", "the PDF holds rich media"}},
      {"XFA", {"PDF 含有 XFA 表单", "the PDF holds an XFA form"}},
      {"SubmitForm", {"PDF 含有提交表单的动作", "the PDF submits a form"}},
      {"ImportData", {"PDF 含有导入数据的动作", "the PDF imports data"}},
      {"Encrypt", {"PDF 已加密，无法检查", "the PDF is encrypted and cannot be checked"}},
  }};
  return names;
}

Status check_names(std::string_view text) {
  for (const std::string& name : names_in(text)) {
    for (const Forbidden& f : forbidden_names()) {
      if (name == f.name) return not_evidence(f.why);
    }
  }
  return {};
}

// A stream: its dictionary's text and its data.
struct Stream {
  std::string_view dictionary;
  std::string_view data;
};

// The streams of a PDF and the syntax around them (everything that is not a stream's data).
struct Layout {
  std::vector<Stream> streams;
  std::string outside;
};

Layout layout_of(std::string_view pdf) {
  Layout out;
  std::size_t from = 0;  // where the syntax not yet copied to `outside` begins
  std::size_t search = 0;
  while (true) {
    const std::size_t keyword = pdf.find("stream", search);
    if (keyword == std::string_view::npos) break;
    search = keyword + 6;
    // "stream" as a keyword: after a dictionary's ">>" and white space, followed by an end of
    // line ("endstream" and words that merely contain it are not).
    std::size_t before = keyword;
    while (before > from && is_space(pdf[before - 1])) --before;
    if (before < from + 2 || pdf.substr(before - 2, 2) != ">>") continue;
    std::size_t data = keyword + 6;
    if (pdf.substr(data, 2) == "\r\n") {
      data += 2;
    } else if (data < pdf.size() && (pdf[data] == '\n' || pdf[data] == '\r')) {
      data += 1;
    } else {
      continue;
    }
    const std::size_t end = pdf.find("endstream", data);
    if (end == std::string_view::npos) break;
    // The dictionary: from its object's "obj" keyword (or the syntax before) to the keyword.
    const std::size_t obj = pdf.rfind("obj", keyword);
    const std::size_t dict_from = obj != std::string_view::npos && obj >= from ? obj + 3 : from;
    out.streams.push_back(
        {pdf.substr(dict_from, keyword - dict_from), pdf.substr(data, end - data)});
    out.outside.append(pdf.substr(from, data - from));
    from = end;
    search = end + 9;
  }
  out.outside.append(pdf.substr(from));
  return out;
}

bool has_name(std::string_view text, std::string_view wanted) {
  for (const std::string& name : names_in(text)) {
    if (name == wanted) return true;
  }
  return false;
}

}  // namespace

Status check_pdf(std::string_view pdf) {
  if (!pdf.starts_with("%PDF-1.") && !pdf.starts_with("%PDF-2.")) {
    return not_evidence({"不是 PDF 文件", "not a PDF"});
  }
  const std::size_t tail = pdf.size() > 1024 ? pdf.size() - 1024 : 0;
  if (pdf.find("%%EOF", tail) == std::string_view::npos) {
    return not_evidence({"PDF 文件不完整（缺少结束标记）", "the PDF is cut short (no end marker)"});
  }
  const Layout layout = layout_of(pdf);
  SHEQU_TRY(check_names(layout.outside));
  std::size_t inflated = 0;
  for (const Stream& stream : layout.streams) {
    if (!has_name(stream.dictionary, "ObjStm")) continue;
    std::vector<std::string> filters;
    bool in_filter = false;
    for (const std::string& name : names_in(stream.dictionary)) {
      if (name == "Filter") {
        in_filter = true;
      } else if (in_filter && (name == "FlateDecode" || name.ends_with("Decode") || name == "Fl")) {
        filters.push_back(name);
      } else {
        in_filter = false;
      }
    }
    if (has_name(stream.dictionary, "DecodeParms") ||
        (filters.size() == 1 && filters.front() != "FlateDecode") || filters.size() > 1) {
      return not_evidence({"PDF 的对象流编码无法检查", "the PDF's object streams cannot be read"});
    }
    std::string decoded(stream.data);
    if (filters.size() == 1) {
      auto out = inflate_at_most(stream.data, kMaxInflated - inflated);
      if (!out) {
        return not_evidence({"PDF 的对象流已损坏或过大", "the PDF's object streams are damaged"});
      }
      decoded = std::move(*out);
    }
    inflated += decoded.size();
    SHEQU_TRY(check_names(decoded));
  }
  return {};
}

Result<CleanEvidence> clean_evidence(std::string_view upload) {
  if (upload.empty()) return not_evidence({"文件为空", "the file is empty"});
  if (upload.size() > kMaxEvidenceBytes) {
    return not_evidence({"文件不能超过 10 MB", "the file is larger than 10 MB"});
  }
  if (upload.starts_with("%PDF-")) {
    SHEQU_TRY(check_pdf(upload));
    return CleanEvidence{"pdf", std::string(upload), std::string(kPdfMediaType)};
  }
  if (!upload.starts_with("\xFF\xD8\xFF") && !upload.starts_with("\x89PNG\r\n\x1A\n")) {
    return not_evidence({"只接受 JPEG、PNG 照片或 PDF 文件", "only JPEG or PNG photos and PDFs"});
  }
  auto photo = requests::clean_photo(upload);
  if (!photo) {
    const auto& details = photo.error().details;
    return not_evidence(details.empty() ? Text{"照片已损坏，无法读取", "the photo is damaged"}
                                        : details.front().reason);
  }
  return CleanEvidence{"photo", std::move(photo->bytes), std::move(photo->media_type)};
}

}  // namespace shequ::plan
