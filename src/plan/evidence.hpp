// Evidence files of a progress report (佐证材料) as the platform keeps them: a photo (JPEG or PNG,
// decoded and encoded again without its metadata, as the requests module keeps photos) or a PDF
// that holds no active content. Recognised by content, never by name or Content-Type.
//
// A PDF is taken as it came, so it is checked instead of rebuilt: a PDF header, an end-of-file
// marker near its end, not encrypted (what is encrypted cannot be checked), and none of the names
// that make a reader act rather than show: JavaScript (/JS, /JavaScript), launching programs
// (/Launch), embedded files (/EmbeddedFile, /EmbeddedFiles), rich media, XFA forms, form
// submission and data import. Names are read with their #xx escapes decoded, outside streams and
// inside the object streams (/ObjStm, FlateDecode) where dictionaries may hide; an object stream in
// another encoding is refused, since what it holds cannot be read.
//
// Thread-safe: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace shequ::plan {

inline constexpr std::string_view kPdfMediaType = "application/pdf";
inline constexpr std::size_t kMaxEvidenceBytes = 10 * 1024 * 1024;

struct CleanEvidence {
  std::string kind;  // "photo" or "pdf"
  std::string bytes;
  std::string media_type;
};

// The upload as it will be kept, or invalid (field "file") saying why it is not evidence the
// platform takes.
Result<CleanEvidence> clean_evidence(std::string_view upload);

// The same check for a PDF alone: ok when `pdf` is a PDF the platform keeps.
Status check_pdf(std::string_view pdf);

}  // namespace shequ::plan
