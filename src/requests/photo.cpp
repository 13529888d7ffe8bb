#include "requests/photo.hpp"

// jpeglib.h needs size_t and FILE declared before it.
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <jpeglib.h>
#include <png.h>

namespace shequ::requests {

namespace {

const Text kNotAPhoto{"只接受 JPEG 或 PNG 格式的照片", "only JPEG and PNG photos are accepted"};
const Text kDamaged{"照片已损坏，无法读取", "the photo is damaged and cannot be read"};

Error refused(Text reason) {
  return Error::invalid("photo", std::move(reason));
}

Error too_many_pixels(int64_t width, int64_t height) {
  return refused({"照片像素过多（" + std::to_string(width) + "×" + std::to_string(height) +
                      "），请缩小后再上传",
                  "the photo has too many pixels (" + std::to_string(width) + "×" +
                      std::to_string(height) + "): make it smaller"});
}

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

// Pixels in rows, `channels` bytes each.
struct Pixels {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<unsigned char> data;
};

// The image turned as EXIF orientation `orientation` asks (1: as it is; 2-8: mirrored and/or
// turned by quarter turns, in EXIF's numbering).
Pixels oriented(Pixels in, int orientation) {
  if (orientation <= 1 || orientation > 8) return in;
  const int w = in.width;
  const int h = in.height;
  const bool swaps = orientation >= 5;
  Pixels out{swaps ? h : w, swaps ? w : h, in.channels, {}};
  out.data.resize(in.data.size());
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sx = x;
      int sy = y;
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        case 8:
          sx = w - 1 - y;
          sy = x;
          break;
      }
      std::memcpy(&out.data[(static_cast<std::size_t>(y) * out.width + x) * in.channels],
                  &in.data[(static_cast<std::size_t>(sy) * w + sx) * in.channels],
                  static_cast<std::size_t>(in.channels));
    }
  }
  return out;
}

// libjpeg reports errors by calling error_exit, which must not return: it jumps back to the
// decoder's or encoder's setjmp.
struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
};

[[noreturn]] void jump_back(j_common_ptr info) {
  std::longjmp(reinterpret_cast<JpegErrors*>(info->err)->jump, 1);
}

void ignore_message(j_common_ptr) {}

// Points `err` at `errors`, which jump back instead of exiting and keep their messages to
// themselves.
jpeg_error_mgr* install_errors(JpegErrors& errors) {
  jpeg_error_mgr* manager = jpeg_std_error(&errors.manager);
  manager->error_exit = jump_back;
  manager->output_message = ignore_message;
  return manager;
}

// What the decoder found: the pixels, or why there are none.
struct Decoded {
  Pixels pixels;
  int orientation = 1;
  int64_t declared_width = 0;
  int64_t declared_height = 0;
  enum class Problem { none, damaged, too_large, colour_model } problem = Problem::none;
};

// Decoded into `out`. No object with a destructor lives in this frame between setjmp and
// longjmp other than `out`, which the jump does not skip.
void decode_jpeg(std::string_view bytes, Decoded& out) {
  jpeg_decompress_struct info{};
  JpegErrors errors{};
  info.err = install_errors(errors);
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&info);
    if (out.problem == Decoded::Problem::none) out.problem = Decoded::Problem::damaged;
    return;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_save_markers(&info, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header(&info, TRUE);
  out.declared_width = info.image_width;
  out.declared_height = info.image_height;
  if (out.declared_width * out.declared_height > kMaxJpegPixels) {
    out.problem = Decoded::Problem::too_large;
    jpeg_destroy_decompress(&info);
    return;
  }
  if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
    out.problem = Decoded::Problem::colour_model;
    jpeg_destroy_decompress(&info);
    return;
  }
  for (jpeg_saved_marker_ptr m = info.marker_list; m != nullptr; m = m->next) {
    if (m->marker == JPEG_APP0 + 1) {
      const int found = exif_orientation(
          std::string_view(reinterpret_cast<const char*>(m->data), m->data_length));
      if (found != 1) out.orientation = found;
    }
  }
  const bool grey = info.jpeg_color_space == JCS_GRAYSCALE;
  info.out_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
  unsigned int scale = 1;
  while (scale < 8 && ((info.image_width + scale - 1) / scale) *
                              static_cast<int64_t>((info.image_height + scale - 1) / scale) >
                          kKeptPixels) {
    scale *= 2;
  }
  info.scale_num = 1;
  info.scale_denom = scale;
  jpeg_start_decompress(&info);
  out.pixels.width = static_cast<int>(info.output_width);
  out.pixels.height = static_cast<int>(info.output_height);
  out.pixels.channels = info.output_components;
  const std::size_t stride = static_cast<std::size_t>(info.output_width) * info.output_components;
  out.pixels.data.resize(stride * info.output_height);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = &out.pixels.data[info.output_scanline * stride];
    jpeg_read_scanlines(&info, &row, 1);
  }
  // A file cut short reads as grey rows with a warning; a photo like that is not kept.
  if (errors.manager.num_warnings > 0) out.problem = Decoded::Problem::damaged;
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
}

// The pixels as a JPEG of quality 85, with no marker but the JFIF header; empty on failure.
void encode_jpeg(const Pixels& pixels, std::string& out) {
  jpeg_compress_struct info{};
  JpegErrors errors{};
  info.err = install_errors(errors);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(errors.jump)) {
    jpeg_destroy_compress(&info);
    std::free(buffer);
    out.clear();
    return;
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(pixels.width);
  info.image_height = static_cast<JDIMENSION>(pixels.height);
  info.input_components = pixels.channels;
  info.in_color_space = pixels.channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 85, TRUE);
  jpeg_start_compress(&info, TRUE);
  const std::size_t stride = static_cast<std::size_t>(pixels.width) * pixels.channels;
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<unsigned char*>(&pixels.data[info.next_scanline * stride]);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  out.assign(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  std::free(buffer);
}

Result<CleanPhoto> clean_jpeg(std::string_view upload) {
  Decoded decoded;
  decode_jpeg(upload, decoded);
  switch (decoded.problem) {
    case Decoded::Problem::none:
      break;
    case Decoded::Problem::too_large:
      return too_many_pixels(decoded.declared_width, decoded.declared_height);
    case Decoded::Problem::colour_model:
      return refused({"不支持 CMYK 色彩的照片，请另存为普通 JPEG",
                      "CMYK photos are not taken: save it as an ordinary JPEG"});
    case Decoded::Problem::damaged:
      return refused(kDamaged);
  }
  const Pixels pixels = oriented(std::move(decoded.pixels), decoded.orientation);
  CleanPhoto photo{{}, std::string(kJpegMediaType), pixels.width, pixels.height};
  encode_jpeg(pixels, photo.bytes);
  if (photo.bytes.empty()) return Error::internal("the photo could not be encoded again");
  return photo;
}

Result<CleanPhoto> clean_png(std::string_view upload) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, upload.data(), upload.size())) {
    return refused(kDamaged);
  }
  const int64_t pixels = static_cast<int64_t>(image.width) * image.height;
  if (pixels > kKeptPixels) {
    png_image_free(&image);
    return too_many_pixels(image.width, image.height);
  }
  const bool alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  std::vector<unsigned char> data(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, data.data(), 0, nullptr)) {
    png_image_free(&image);
    return refused(kDamaged);
  }
  // Read in full: a warning means rows were missing or damaged.
  if (image.warning_or_error != 0) return refused(kDamaged);
  CleanPhoto photo{{},
                   std::string(kPngMediaType),
                   static_cast<int>(image.width),
                   static_cast<int>(image.height)};
  png_alloc_size_t size = 0;
  if (!png_image_write_get_memory_size(image, size, 0, data.data(), 0, nullptr)) {
    return Error::internal("the photo could not be encoded again");
  }
  photo.bytes.resize(size);
  if (!png_image_write_to_memory(&image, photo.bytes.data(), &size, 0, data.data(), 0, nullptr)) {
    return Error::internal("the photo could not be encoded again");
  }
  photo.bytes.resize(size);
  return photo;
}

uint32_t read_u32(std::string_view bytes, std::size_t at, bool little) {
  const auto b = [&](std::size_t i) {
    return static_cast<uint32_t>(static_cast<uint8_t>(bytes[at + i]));
  };
  return little ? b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24
                : b(3) | b(2) << 8 | b(1) << 16 | b(0) << 24;
}

uint16_t read_u16(std::string_view bytes, std::size_t at, bool little) {
  const auto b = [&](std::size_t i) {
    return static_cast<uint16_t>(static_cast<uint8_t>(bytes[at + i]));
  };
  return static_cast<uint16_t>(little ? b(0) | b(1) << 8 : b(1) | b(0) << 8);
}

}  // namespace

int exif_orientation(std::string_view app1) {
  constexpr std::string_view kExif("Exif\0\0", 6);
  if (!starts_with(app1, kExif)) return 1;
  const std::string_view tiff = app1.substr(kExif.size());
  if (tiff.size() < 8) return 1;
  const bool little = starts_with(tiff, "II");
  if (!little && !starts_with(tiff, "MM")) return 1;
  const uint32_t ifd = read_u32(tiff, 4, little);
  if (ifd > tiff.size() - 2) return 1;
  const uint16_t entries = read_u16(tiff, ifd, little);
  for (uint16_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + static_cast<std::size_t>(i) * 12;
    if (entry + 12 > tiff.size()) return 1;
    constexpr uint16_t kOrientation = 0x0112;
    constexpr uint16_t kShort = 3;
    if (read_u16(tiff, entry, little) == kOrientation &&
        read_u16(tiff, entry + 2, little) == kShort) {
      const uint16_t value = read_u16(tiff, entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

Result<CleanPhoto> clean_photo(std::string_view upload) {
  if (upload.empty()) return refused({"照片是空的", "the photo is empty"});
  if (upload.size() > kMaxPhotoBytes) {
    return refused({"照片超过 10 MB", "the photo is larger than 10 MB"});
  }
  if (starts_with(upload, "\xFF\xD8\xFF")) return clean_jpeg(upload);
  if (starts_with(upload, "\x89PNG\r\n\x1A\n")) return clean_png(upload);
  return refused(kNotAPhoto);
}

}  // namespace shequ::requests
