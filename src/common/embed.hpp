// Files compiled into the binary (data shipped with the product: the divisions, the census), so
// that the commands that read them need no data files beside the program.
//
// SHEQU_EMBED_FILE(symbol, PATH) at namespace scope in one .cpp file places the bytes of the file
// at PATH (a macro the build defines, see shequ_embed_file in cmake/ShequModule.cmake) in the
// program's read-only data, between the C symbols symbol_begin and symbol_end;
// embedded(symbol_begin, symbol_end) reads them. The assembler reads the file when the .cpp is
// compiled, and the build compiles it again when the file changes.
#pragma once

#include <cstddef>
#include <string_view>

#define SHEQU_EMBED_STRINGIFY_INNER(x) #x
#define SHEQU_EMBED_STRINGIFY(x) SHEQU_EMBED_STRINGIFY_INNER(x)

#define SHEQU_EMBED_FILE(symbol, path)                                                \
  __asm__(".section .rodata\n"                                                      \
          ".global " #symbol "_begin\n" #symbol "_begin:\n"                         \
          ".incbin \"" SHEQU_EMBED_STRINGIFY(path) "\"\n"                           \
          ".global " #symbol "_end\n" #symbol "_end:\n"                             \
          ".previous\n"); \
  extern "C" const char symbol##_begin[];                                             \
  extern "C" const char symbol##_end[]

namespace shequ {

inline std::string_view embedded(const char* begin, const char* end) {
  return {begin, static_cast<std::size_t>(end - begin)};
}

}  // namespace shequ
