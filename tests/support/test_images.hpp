// Images made for the tests of photos (requests/photo.hpp): real JPEG and PNG files with the
// metadata a phone or an editor leaves in them, and a reader of what the platform kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shequ::testing {

// An RGB picture: its left half red and its right half blue, `width` × `height`.
struct TestPicture {
  int width = 32;
  int height = 16;
};

// A JPEG of the picture with an APP1 EXIF block (orientation `orientation`, 1-8, and an
// artist's name "ZHANG SAN GPS 36.06"), a comment "secret comment", and `trailer` after its end.
std::string jpeg_with_metadata(TestPicture picture, int orientation, std::string_view trailer = "");
// A PNG of the picture with a tEXt chunk (Author: ZHANG SAN) and `trailer` after its end.
std::string png_with_metadata(TestPicture picture, std::string_view trailer = "");
// A PNG that declares `width` × `height` pixels in its header and holds almost none.
std::string png_declaring(uint32_t width, uint32_t height);
// `jpeg` with the size in its frame header changed to `width` × `height`.
std::string jpeg_declaring(std::string jpeg, uint16_t width, uint16_t height);

// A JPEG or PNG read back: its size and the RGB of the pixel at (x, y), or width 0 when it is
// neither.
struct ReadBack {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;  // row by row, 3 bytes a pixel
  bool reddish(int x, int y) const;
  bool bluish(int x, int y) const;
};
ReadBack read_image(std::string_view bytes);

}  // namespace shequ::testing
