// Files kept outside the database rows, named by the SHA-256 of their content (the photos of
// requests): one folder that every server of a deployment reads and writes, a shared mount when
// several servers share one PostgreSQL (docs/operations.md).
//
// A file is written under a temporary name, flushed to disk, renamed into place and its folder
// flushed: a put() that returned ok survives a crash whole, and a reader never sees half a file.
// The same content is stored once. get() checks the content against its name, so a file changed
// on disk is refused rather than served.
//
// Thread-safe and safe across processes: no state beyond the folder's path; two puts of one
// content race harmlessly (rename is atomic and both write the same bytes).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace shequ::storage {

class FileStore {
 public:
  // The folder is created, private to the server's user (0700), at the first put().
  explicit FileStore(std::filesystem::path root);

  // Stores `bytes`; their SHA-256 as 64 lower-case hex digits, which names them.
  Result<std::string> put(std::string_view bytes) const;
  // The content named `sha256`: not_found when there is none, internal when the file on disk no
  // longer matches its name.
  Result<std::string> get(std::string_view sha256) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  // root/ab/cd/abcd… (two levels, so that no folder holds millions of files).
  std::filesystem::path path_of(std::string_view sha256) const;

  std::filesystem::path root_;
};

// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace shequ::storage
