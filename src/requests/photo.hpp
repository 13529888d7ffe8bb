// Photos of a request as the platform keeps them: only JPEG and PNG, recognised by their content
// (never by a name or a Content-Type), decoded in full and encoded again, so that what is kept
// holds pixels and nothing else: no EXIF (a phone's GPS position, its owner's name), no comments,
// no trailing bytes, no script. A JPEG's EXIF orientation is applied to the pixels first, so the
// photo stands as it was taken.
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace shequ::requests {

inline constexpr std::string_view kJpegMediaType = "image/jpeg";
inline constexpr std::string_view kPngMediaType = "image/png";

// What an upload may be. A JPEG is read at a reduced scale (1/2, 1/4, 1/8) down to
// kKeptPixels, so a phone's 50-megapixel photo is kept at 12.5; a larger one, or a PNG above
// kKeptPixels, is refused before its pixels are decoded (a small file can declare 20,000 ×
// 20,000 pixels: 1.6 GB decoded).
inline constexpr std::size_t kMaxPhotoBytes = 10 * 1024 * 1024;
inline constexpr int64_t kMaxJpegPixels = 64'000'000;
inline constexpr int64_t kKeptPixels = 16'000'000;

struct CleanPhoto {
  std::string bytes;  // the photo encoded again: JPEG (quality 85) or PNG
  std::string media_type;
  int width = 0;
  int height = 0;
};

// The upload as it will be kept, or invalid (field "photo") saying why it is not a photo the
// platform takes: not JPEG or PNG, damaged, empty, too large in bytes or in pixels, or in a
// colour model a browser does not show (CMYK).
Result<CleanPhoto> clean_photo(std::string_view upload);

// The EXIF orientation (1 to 8) in a JPEG's APP1 segment body ("Exif\0\0" and a TIFF block); 1
// when absent or unreadable.
int exif_orientation(std::string_view app1);

}  // namespace shequ::requests
