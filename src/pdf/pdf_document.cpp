#include "pdf/pdf_document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace shequ::pdf {

namespace {

// A4 in points (1/72 inch).
constexpr double kA4Short = 595.276;
constexpr double kA4Long = 841.890;
constexpr double kMargin = 42;
constexpr double kFooterHeight = 18;
constexpr double kCellPadding = 3;
// A section's heading moves to the next page unless this much room follows it.
constexpr double kRoomAfterHeading = 60;

// A CJK family first, so that Chinese is not set in a Latin font's fallback.
constexpr const char* kFamilies = "Noto Sans CJK SC,WenQuanYi Micro Hei,sans-serif";

struct LayoutDeleter {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;

Font font(double points, bool bold) {
  Font description(pango_font_description_from_string(kFamilies));
  pango_font_description_set_size(description.get(), static_cast<int>(points * PANGO_SCALE));
  pango_font_description_set_weight(description.get(),
                                    bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return description;
}

PangoAlignment pango_alignment(Align align) {
  switch (align) {
    case Align::left:
      return PANGO_ALIGN_LEFT;
    case Align::right:
      return PANGO_ALIGN_RIGHT;
    case Align::center:
      return PANGO_ALIGN_CENTER;
  }
  return PANGO_ALIGN_LEFT;
}

cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct PdfDocument::Canvas {
  std::string bytes;  // what Cairo has written so far
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double width = 0, height = 0;
  double y = kMargin;  // where the next block starts
  int page = 1;
  std::string footer;
  std::string page_label;
  Font body = font(9, false);
  Font cell = font(8, false);
  Font cell_bold = font(8, true);
  Font section = font(12, true);
  Font big = font(16, true);

  ~Canvas() {
    if (cr != nullptr) cairo_destroy(cr);
    if (surface != nullptr) cairo_surface_destroy(surface);
  }

  double content_width() const { return width - 2 * kMargin; }
  double bottom() const { return height - kMargin - kFooterHeight; }

  Layout layout(std::string_view text, const Font& font, double text_width, Align align) const {
    Layout made(pango_cairo_create_layout(cr));
    pango_layout_set_font_description(made.get(), font.get());
    pango_layout_set_width(made.get(), static_cast<int>(text_width * PANGO_SCALE));
    pango_layout_set_wrap(made.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(made.get(), pango_alignment(align));
    pango_layout_set_text(made.get(), text.data(), static_cast<int>(text.size()));
    return made;
  }

  static double height_of(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void draw(PangoLayout* layout, double x, double at, const Rgb& colour) const {
    cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue);
    cairo_move_to(cr, x, at);
    pango_cairo_show_layout(cr, layout);
  }

  // A block of text across the page at y, then y below it.
  void block(std::string_view text, const Font& font, Align align, double space_after) {
    Layout made = layout(text, font, content_width(), align);
    const double h = height_of(made.get());
    if (y + h > bottom() && y > kMargin) end_page();
    draw(made.get(), kMargin, y, {});
    y += h + space_after;
  }

  void end_page() {
    const std::string number = fmt::format(fmt::runtime(page_label), page);
    Layout left = layout(footer, cell, content_width() / 2, Align::left);
    Layout right = layout(number, cell, content_width() / 2, Align::right);
    const double at = height - kMargin - kFooterHeight / 2;
    const Rgb grey{0.35, 0.35, 0.35};
    draw(left.get(), kMargin, at, grey);
    draw(right.get(), kMargin + content_width() / 2, at, grey);
    cairo_show_page(cr);
    ++page;
    y = kMargin;
  }
};

Result<std::unique_ptr<PdfDocument>> PdfDocument::create(Orientation orientation,
                                                         std::string_view title,
                                                         std::string_view footer,
                                                         std::string_view page_label) {
  auto canvas = std::make_unique<Canvas>();
  const bool landscape = orientation == Orientation::landscape;
  canvas->width = landscape ? kA4Long : kA4Short;
  canvas->height = landscape ? kA4Short : kA4Long;
  canvas->footer = footer;
  canvas->page_label = page_label;
  canvas->surface =
      cairo_pdf_surface_create_for_stream(append_to, &canvas->bytes, canvas->width, canvas->height);
  if (cairo_surface_status(canvas->surface) != CAIRO_STATUS_SUCCESS) {
    return Error::unavailable("cannot start a PDF document");
  }
  cairo_pdf_surface_set_metadata(canvas->surface, CAIRO_PDF_METADATA_TITLE,
                                 std::string(title).c_str());
  cairo_pdf_surface_set_metadata(canvas->surface, CAIRO_PDF_METADATA_CREATOR, "shequ");
  canvas->cr = cairo_create(canvas->surface);
  // Without a Chinese font every character would print as an empty box: refuse instead.
  Layout probe = canvas->layout("社区", canvas->body, 100, Align::left);
  if (pango_layout_get_unknown_glyphs_count(probe.get()) > 0) {
    return Error::unavailable(
        "no installed font has Chinese characters (install fonts-wqy-microhei or fonts-noto-cjk)");
  }
  return std::unique_ptr<PdfDocument>(new PdfDocument(std::move(canvas)));
}

PdfDocument::PdfDocument(std::unique_ptr<Canvas> canvas) : canvas_(std::move(canvas)) {}
PdfDocument::~PdfDocument() = default;

void PdfDocument::title(std::string_view text) {
  canvas_->block(text, canvas_->big, Align::center, 10);
}

void PdfDocument::heading(std::string_view text) {
  if (canvas_->y + kRoomAfterHeading > canvas_->bottom() && canvas_->y > kMargin) {
    canvas_->end_page();
  }
  canvas_->y += 4;
  canvas_->block(text, canvas_->section, Align::left, 6);
}

void PdfDocument::paragraph(std::string_view text) {
  canvas_->block(text, canvas_->body, Align::left, 4);
}

void PdfDocument::new_page() {
  canvas_->end_page();
}

void PdfDocument::table(const PdfTable& table) {
  Canvas& c = *canvas_;
  const double shares =
      std::accumulate(table.columns.begin(), table.columns.end(), 0.0,
                      [](double sum, const PdfColumn& col) { return sum + col.share; });
  std::vector<double> widths;
  for (const PdfColumn& column : table.columns) {
    widths.push_back(c.content_width() * column.share / shares);
  }
  // A row's layouts and its height; drawn at y by draw_row (the header on grey).
  const auto row_of = [&](const std::vector<PdfCell>& cells, const Font& font) {
    std::vector<Layout> layouts;
    double h = 0;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      layouts.push_back(
          c.layout(cells[i].text, font, widths[i] - 2 * kCellPadding, table.columns[i].align));
      h = std::max(h, Canvas::height_of(layouts.back().get()));
    }
    return std::pair{std::move(layouts), h + 2 * kCellPadding};
  };
  const auto draw_row = [&](const std::vector<Layout>& layouts, const std::vector<PdfCell>& cells,
                            double h, bool header) {
    double x = kMargin;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      cairo_rectangle(c.cr, x, c.y, widths[i], h);
      if (header) {
        cairo_set_source_rgb(c.cr, 0.92, 0.93, 0.95);
        cairo_fill_preserve(c.cr);
      }
      cairo_set_source_rgb(c.cr, 0.6, 0.6, 0.6);
      cairo_set_line_width(c.cr, 0.5);
      cairo_stroke(c.cr);
      if (i < layouts.size()) {
        c.draw(layouts[i].get(), x + kCellPadding, c.y + kCellPadding,
               cells[i].colour.value_or(Rgb{}));
      }
      x += widths[i];
    }
    c.y += h;
  };
  std::vector<PdfCell> header_cells;
  for (const PdfColumn& column : table.columns) header_cells.push_back({column.title, {}});
  auto [header, header_height] = row_of(header_cells, c.cell_bold);
  draw_row(header, header_cells, header_height, true);
  for (const auto& cells : table.rows) {
    auto [layouts, h] = row_of(cells, c.cell);
    if (c.y + h > c.bottom()) {
      c.end_page();
      draw_row(header, header_cells, header_height, true);
    }
    draw_row(layouts, cells, h, false);
  }
  c.y += 8;
}

Status PdfDocument::qr_code(std::string_view text, double side, std::string_view caption) {
  struct CodeDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
  };
  const std::unique_ptr<QRcode, CodeDeleter> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (code == nullptr) {
    return Error::invalid("qr", {"二维码内容过长", "too long for a QR code"});
  }
  Canvas& c = *canvas_;
  Layout under = c.layout(caption, c.cell, c.content_width(), Align::center);
  const double needed = side + 4 + Canvas::height_of(under.get());
  if (c.y + needed > c.bottom() && c.y > kMargin) c.end_page();
  // The quiet zone of four modules that readers need is part of the side.
  const int modules = code->width;
  const double module = side / (modules + 8);
  const double left = kMargin + (c.content_width() - side) / 2 + 4 * module;
  const double top = c.y + 4 * module;
  cairo_set_source_rgb(c.cr, 0, 0, 0);
  for (int row = 0; row < modules; ++row) {
    for (int column = 0; column < modules; ++column) {
      // The lowest bit of each byte says whether the module is dark.
      if ((code->data[row * modules + column] & 1) != 0) {
        cairo_rectangle(c.cr, left + column * module, top + row * module, module, module);
      }
    }
  }
  cairo_fill(c.cr);
  c.y += side + 4;
  c.draw(under.get(), kMargin, c.y, {0.35, 0.35, 0.35});
  c.y += Canvas::height_of(under.get()) + 8;
  return {};
}

void PdfDocument::keywords(std::string_view text) {
  cairo_pdf_surface_set_metadata(canvas_->surface, CAIRO_PDF_METADATA_KEYWORDS,
                                 std::string(text).c_str());
}

Result<std::string> PdfDocument::finish() {
  if (canvas_ == nullptr) return Error::internal("a PDF document finished twice");
  canvas_->end_page();
  cairo_destroy(canvas_->cr);
  canvas_->cr = nullptr;
  cairo_surface_finish(canvas_->surface);
  const cairo_status_t status = cairo_surface_status(canvas_->surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error::unavailable(
        fmt::format("cannot write the PDF document: {}", cairo_status_to_string(status)));
  }
  std::string bytes = std::move(canvas_->bytes);
  canvas_.reset();
  return bytes;
}

}  // namespace shequ::pdf
