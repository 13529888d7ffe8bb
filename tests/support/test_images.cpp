#include "support/test_images.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

namespace shequ::testing {

namespace {

std::vector<unsigned char> pixels_of(TestPicture picture) {
  std::vector<unsigned char> rgb(static_cast<std::size_t>(picture.width) * picture.height * 3);
  for (int y = 0; y < picture.height; ++y) {
    for (int x = 0; x < picture.width; ++x) {
      unsigned char* p = &rgb[(static_cast<std::size_t>(y) * picture.width + x) * 3];
      const bool left = x < picture.width / 2;
      p[0] = left ? 230 : 20;
      p[1] = 20;
      p[2] = left ? 20 : 230;
    }
  }
  return rgb;
}

void put_u16(std::string& out, uint16_t v, bool little) {
  if (little) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>(v >> 8);
  } else {
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v & 0xFF);
  }
}

void put_u32_big(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

// "Exif\0\0", a little-endian TIFF header and one IFD: orientation and an artist's name.
std::string exif_block(int orientation) {
  const std::string artist = "ZHANG SAN GPS 36.06";
  std::string tiff = "II";
  put_u16(tiff, 42, true);
  tiff += std::string("\x08\0\0\0", 4);
  put_u16(tiff, 2, true);  // entries
  put_u16(tiff, 0x0112, true);
  put_u16(tiff, 3, true);  // SHORT
  tiff += std::string("\x01\0\0\0", 4);
  put_u16(tiff, static_cast<uint16_t>(orientation), true);
  tiff += std::string("\0\0", 2);
  put_u16(tiff, 0x013B, true);  // Artist
  put_u16(tiff, 2, true);       // ASCII
  const uint32_t count = static_cast<uint32_t>(artist.size() + 1);
  tiff += std::string(reinterpret_cast<const char*>(&count), 4);
  const uint32_t offset = 8 + 2 + 2 * 12 + 4;
  tiff += std::string(reinterpret_cast<const char*>(&offset), 4);
  tiff += std::string("\0\0\0\0", 4);  // no next IFD
  tiff += artist;
  tiff += '\0';
  return std::string("Exif\0\0", 6) + tiff;
}

void png_chunk(std::string& out, std::string_view type, std::string_view data) {
  put_u32_big(out, static_cast<uint32_t>(data.size()));
  std::string body(type);
  body += data;
  out += body;
  put_u32_big(out, static_cast<uint32_t>(
                       ::crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size())));
}

}  // namespace

std::string jpeg_with_metadata(TestPicture picture, int orientation, std::string_view trailer) {
  const std::vector<unsigned char> rgb = pixels_of(picture);
  jpeg_compress_struct info{};
  jpeg_error_mgr errors{};
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(picture.width);
  info.image_height = static_cast<JDIMENSION>(picture.height);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 95, TRUE);
  jpeg_start_compress(&info, TRUE);
  const std::string exif = exif_block(orientation);
  jpeg_write_marker(&info, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(exif.data()),
                    static_cast<unsigned int>(exif.size()));
  const std::string comment = "secret comment";
  jpeg_write_marker(&info, JPEG_COM, reinterpret_cast<const JOCTET*>(comment.data()),
                    static_cast<unsigned int>(comment.size()));
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<unsigned char*>(&rgb[info.next_scanline * picture.width * 3]);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
  return out + std::string(trailer);
}

std::string png_with_metadata(TestPicture picture, std::string_view trailer) {
  const std::vector<unsigned char> rgb = pixels_of(picture);
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(picture.width);
  image.height = static_cast<png_uint_32>(picture.height);
  image.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  png_image_write_get_memory_size(image, size, 0, rgb.data(), 0, nullptr);
  std::string plain(size, '\0');
  png_image_write_to_memory(&image, plain.data(), &size, 0, rgb.data(), 0, nullptr);
  plain.resize(size);
  // The text chunk goes right after IHDR (8-byte signature, then 25 bytes of IHDR chunk).
  std::string text;
  png_chunk(text, "tEXt", std::string("Author\0ZHANG SAN", 16));
  return plain.substr(0, 33) + text + plain.substr(33) + std::string(trailer);
}

std::string png_declaring(uint32_t width, uint32_t height) {
  std::string out("\x89PNG\r\n\x1A\n", 8);
  std::string header;
  put_u32_big(header, width);
  put_u32_big(header, height);
  header += std::string("\x08\x02\0\0\0", 5);  // 8-bit RGB
  png_chunk(out, "IHDR", header);
  png_chunk(out, "IDAT", std::string("\x78\x9C\x03\x00\x00\x00\x00\x01", 8));
  png_chunk(out, "IEND", "");
  return out;
}

std::string jpeg_declaring(std::string jpeg, uint16_t width, uint16_t height) {
  for (std::size_t i = 2; i + 9 < jpeg.size(); ++i) {
    if (static_cast<unsigned char>(jpeg[i]) == 0xFF &&
        (static_cast<unsigned char>(jpeg[i + 1]) == 0xC0 ||
         static_cast<unsigned char>(jpeg[i + 1]) == 0xC2)) {
      std::string size;
      put_u16(size, height, false);
      put_u16(size, width, false);
      jpeg.replace(i + 5, 4, size);
      break;
    }
  }
  return jpeg;
}

ReadBack read_image(std::string_view bytes) {
  ReadBack out;
  if (bytes.starts_with("\x89PNG")) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) return out;
    image.format = PNG_FORMAT_RGB;
    out.rgb.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, out.rgb.data(), 0, nullptr)) return {};
    out.width = static_cast<int>(image.width);
    out.height = static_cast<int>(image.height);
    return out;
  }
  if (!bytes.starts_with("\xFF\xD8\xFF")) return out;
  jpeg_decompress_struct info{};
  jpeg_error_mgr errors{};
  info.err = jpeg_std_error(&errors);
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&info);
  out.width = static_cast<int>(info.output_width);
  out.height = static_cast<int>(info.output_height);
  out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = &out.rgb[static_cast<std::size_t>(info.output_scanline) * out.width * 3];
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return out;
}

bool ReadBack::reddish(int x, int y) const {
  const unsigned char* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
  return p[0] > 150 && p[2] < 100;
}

bool ReadBack::bluish(int x, int y) const {
  const unsigned char* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
  return p[2] > 150 && p[0] < 100;
}

}  // namespace shequ::testing
