// Printable documents (PDF, A4) laid out from the top down: a title, lines of text, and tables
// whose header row repeats on every page. Text is set by Pango, so Chinese is shaped with a CJK
// font from the system (fonts-wqy-microhei or fonts-noto-cjk, installed by scripts/bootstrap),
// and Cairo embeds the glyphs used, so the file prints the same anywhere. QR codes are drawn as
// vectors (libqrencode), so they scan at any print size.
//
// Not thread-safe: one document per thread. Content is added in reading order; finish() once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace shequ::pdf {

enum class Align { left, right, center };

struct PdfColumn {
  std::string title;
  double share = 1;  // of the page's width, relative to the other columns' shares
  Align align = Align::left;
};

// A colour as red, green and blue from 0 to 1.
struct Rgb {
  double red = 0, green = 0, blue = 0;
};

struct PdfCell {
  std::string text;
  std::optional<Rgb> colour;  // the text's, black when absent
};

struct PdfTable {
  std::vector<PdfColumn> columns;
  std::vector<std::vector<PdfCell>> rows;  // at most as many cells as columns
};

enum class Orientation { portrait, landscape };

class PdfDocument {
 public:
  // An empty document of A4 pages. `title` goes into the file's metadata; `footer` is printed at
  // the foot of every page beside the page's number (`page_label` with {} for the number,
  // "第 {} 页"). unavailable when no installed font has Chinese characters.
  static Result<std::unique_ptr<PdfDocument>> create(Orientation orientation,
                                                     std::string_view title,
                                                     std::string_view footer,
                                                     std::string_view page_label);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // The document's title, large and centred.
  void title(std::string_view text);
  // A section's heading; on a new page when the rest of this one has no room for it and a few
  // lines after it.
  void heading(std::string_view text);
  // A paragraph, wrapped to the page's width.
  void paragraph(std::string_view text);
  // A table as wide as the page; a row never splits across pages, the header repeats.
  void table(const PdfTable& table);
  // A QR code of `text` (byte mode, error correction M) `side` points wide, centred, with
  // `caption` under it; on the next page when this one has no room. invalid_argument when the
  // text is too long for any QR code.
  Status qr_code(std::string_view text, double side, std::string_view caption);
  // Ends the page; what follows starts on the next.
  void new_page();

  // The file's Keywords entry (its Info dictionary), written as it is when it is printable ASCII
  // without parentheses or backslashes; any time before finish().
  void keywords(std::string_view text);

  // Closes the document and returns its bytes; the document is spent after it.
  Result<std::string> finish();

 private:
  struct Canvas;
  explicit PdfDocument(std::unique_ptr<Canvas> canvas);
  std::unique_ptr<Canvas> canvas_;
};

}  // namespace shequ::pdf
