// Photos of requests (requests/photo.hpp): only JPEG and PNG by their content, encoded again
// without metadata, turned as EXIF says, refused when damaged or too large before they are
// decoded.
#include <gtest/gtest.h>

#include <string>

#include "requests/photo.hpp"
#include "support/test_images.hpp"

namespace shequ::requests {
namespace {

using testing::jpeg_with_metadata;
using testing::png_with_metadata;
using testing::read_image;

bool holds(std::string_view bytes, std::string_view text) {
  return bytes.find(text) != std::string_view::npos;
}

TEST(Photo, AJpegIsKeptWithoutItsExifCommentOrTrailer) {
  const std::string upload = jpeg_with_metadata({32, 16}, 1, "<script>alert(1)</script>");
  ASSERT_TRUE(holds(upload, "ZHANG SAN") && holds(upload, "secret comment"));
  auto kept = clean_photo(upload);
  ASSERT_TRUE(kept) << kept.error().details.front().reason.en;
  EXPECT_EQ(kept->media_type, "image/jpeg");
  EXPECT_EQ(kept->width, 32);
  EXPECT_EQ(kept->height, 16);
  EXPECT_FALSE(holds(kept->bytes, "Exif"));
  EXPECT_FALSE(holds(kept->bytes, "ZHANG SAN"));
  EXPECT_FALSE(holds(kept->bytes, "secret comment"));
  EXPECT_FALSE(holds(kept->bytes, "<script>"));
  const auto back = read_image(kept->bytes);
  ASSERT_EQ(back.width, 32);
  EXPECT_TRUE(back.reddish(2, 8) && back.bluish(29, 8));
  // What was kept is itself a photo the platform takes, unchanged in size.
  auto again = clean_photo(kept->bytes);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->width, 32);
}

TEST(Photo, APngIsKeptWithoutItsTextChunksOrTrailer) {
  const std::string upload = png_with_metadata({32, 16}, "<?php system($_GET[0]); ?>");
  ASSERT_TRUE(holds(upload, "ZHANG SAN"));
  auto kept = clean_photo(upload);
  ASSERT_TRUE(kept) << kept.error().details.front().reason.en;
  EXPECT_EQ(kept->media_type, "image/png");
  EXPECT_FALSE(holds(kept->bytes, "ZHANG SAN"));
  EXPECT_FALSE(holds(kept->bytes, "tEXt"));
  EXPECT_FALSE(holds(kept->bytes, "<?php"));
  const auto back = read_image(kept->bytes);
  ASSERT_EQ(back.width, 32);
  ASSERT_EQ(back.height, 16);
  EXPECT_TRUE(back.reddish(0, 0) && back.bluish(31, 15));
}

// The picture is red on the left, blue on the right; EXIF says how to turn it to stand upright.
TEST(Photo, TheExifOrientationIsAppliedToThePixels) {
  struct Case {
    int orientation;
    int width, height;  // once turned
    // Where red is found once turned: (x, y) of a red pixel and of a blue one.
    int red_x, red_y, blue_x, blue_y;
  };
  const Case cases[] = {
      {1, 32, 16, 2, 8, 29, 8},  // as it is
      {2, 32, 16, 29, 8, 2, 8},  // mirrored: red on the right
      {3, 32, 16, 29, 8, 2, 8},  // half a turn
      {4, 32, 16, 2, 8, 29, 8},  // upside down: left stays left
      {5, 16, 32, 8, 2, 8, 29},  // transposed: left goes to the top
      {6, 16, 32, 8, 2, 8, 29},  // a quarter turn clockwise: left goes to the top
      {7, 16, 32, 8, 29, 8, 2},  // transverse: left goes to the bottom
      {8, 16, 32, 8, 29, 8, 2},  // a quarter turn anticlockwise: left goes to the bottom
  };
  for (const Case& c : cases) {
    auto kept = clean_photo(jpeg_with_metadata({32, 16}, c.orientation));
    ASSERT_TRUE(kept) << c.orientation;
    const auto back = read_image(kept->bytes);
    EXPECT_EQ(back.width, c.width) << c.orientation;
    EXPECT_EQ(back.height, c.height) << c.orientation;
    if (back.width != c.width) continue;
    EXPECT_TRUE(back.reddish(c.red_x, c.red_y)) << c.orientation;
    EXPECT_TRUE(back.bluish(c.blue_x, c.blue_y)) << c.orientation;
  }
}

TEST(Photo, WhatIsNotAJpegOrPngPhotoIsRefusedAndSaysWhy) {
  const std::string jpeg = jpeg_with_metadata({32, 16}, 1);
  struct Case {
    const char* what;
    std::string upload;
    const char* reason;  // part of the English reason
  };
  const Case cases[] = {
      {"an SVG named .jpg",
       "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
       "only JPEG and PNG"},
      {"a script", "#!/bin/sh\nrm -rf /\n", "only JPEG and PNG"},
      {"a GIF", "GIF89a\x01\x00\x01\x00", "only JPEG and PNG"},
      {"a script behind a JPEG's first bytes", "\xFF\xD8\xFF<script>alert(1)</script>", "damaged"},
      {"a JPEG cut in half", jpeg.substr(0, jpeg.size() / 2), "damaged"},
      {"a PNG cut short", png_with_metadata({32, 16}).substr(0, 60), "damaged"},
      {"nothing", "", "empty"},
      {"more than 10 MB", "\xFF\xD8\xFF" + std::string(kMaxPhotoBytes, 'x'), "10 MB"},
      {"a PNG of 20,000 × 20,000", testing::png_declaring(20000, 20000), "too many pixels"},
      {"a JPEG of 20,000 × 20,000", testing::jpeg_declaring(jpeg, 20000, 20000), "too many pixels"},
  };
  for (const Case& c : cases) {
    auto kept = clean_photo(c.upload);
    ASSERT_FALSE(kept) << c.what;
    EXPECT_EQ(kept.error().code, ErrorCode::invalid_argument) << c.what;
    ASSERT_EQ(kept.error().details.size(), 1u) << c.what;
    EXPECT_EQ(kept.error().details.front().field, "photo") << c.what;
    EXPECT_NE(kept.error().details.front().reason.en.find(c.reason), std::string::npos)
        << c.what << ": " << kept.error().details.front().reason.en;
  }
}

TEST(Photo, ALargePhonePhotoIsKeptAtAReducedScale) {
  // 8,000 × 6,000 (48 megapixels) declared: read at half scale, 4,000 × 3,000.
  auto kept = clean_photo(jpeg_with_metadata({8000, 6000}, 1));
  ASSERT_TRUE(kept) << kept.error().details.front().reason.en;
  EXPECT_EQ(kept->width, 4000);
  EXPECT_EQ(kept->height, 3000);
}

TEST(Photo, TheExifOrientationIsReadInEitherByteOrder) {
  const auto block = [](bool little, uint16_t value) {
    std::string tiff =
        little ? std::string("II\x2A\0\x08\0\0\0", 8) : std::string("MM\0\x2A\0\0\0\x08", 8);
    const auto u16 = [&](uint16_t v) {
      tiff += little ? std::string{static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)}
                     : std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)};
    };
    u16(1);
    u16(0x0112);
    u16(3);
    tiff += little ? std::string("\x01\0\0\0", 4) : std::string("\0\0\0\x01", 4);
    u16(value);
    tiff += std::string("\0\0", 2);
    return std::string("Exif\0\0", 6) + tiff;
  };
  EXPECT_EQ(exif_orientation(block(true, 6)), 6);
  EXPECT_EQ(exif_orientation(block(false, 8)), 8);
  EXPECT_EQ(exif_orientation(block(true, 9)), 1) << "out of range";
  EXPECT_EQ(exif_orientation(block(true, 6).substr(0, 20)), 1) << "cut short";
  EXPECT_EQ(exif_orientation("http://ns.adobe.com/xap/1.0/"), 1) << "XMP, not EXIF";
}

}  // namespace
}  // namespace shequ::requests
