#include "storage/file_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace shequ::storage {

namespace {

Error unavailable(std::string_view what, const std::filesystem::path& path) {
  return Error::unavailable(
      fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno)));
}

bool is_hex_name(std::string_view name) {
  return name.size() == crypto_hash_sha256_BYTES * 2 &&
         name.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// Flushes a folder's entries (a rename into it) to disk.
Status sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return unavailable("open", folder);
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return unavailable("flush", folder);
  return {};
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

FileStore::FileStore(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path FileStore::path_of(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2, 2)) /
         std::string(sha256);
}

Result<std::string> FileStore::put(std::string_view bytes) const {
  const std::string name = sha256_hex(bytes);
  const std::filesystem::path target = path_of(name);
  if (std::filesystem::exists(target)) return name;
  std::error_code failed;
  if (!std::filesystem::exists(root_)) {
    std::filesystem::create_directories(root_, failed);
    if (failed)
      return Error::unavailable(
          fmt::format("cannot create {}: {}", root_.string(), failed.message()));
    std::filesystem::permissions(root_, std::filesystem::perms::owner_all, failed);
  }
  const std::filesystem::path folder = target.parent_path();
  std::filesystem::create_directories(folder, failed);
  if (failed)
    return Error::unavailable(
        fmt::format("cannot create {}: {}", folder.string(), failed.message()));
  std::string temporary = (folder / (name + ".XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return unavailable("create", temporary);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const bool synced = written == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(temporary.c_str(), target.c_str()) != 0) {
    const Error error = unavailable("write", target);
    std::filesystem::remove(temporary, failed);
    return error;
  }
  SHEQU_TRY(sync_folder(folder));
  return name;
}

Result<std::string> FileStore::get(std::string_view sha256) const {
  if (!is_hex_name(sha256)) return Error::not_found({"没有这个文件", "no such file"});
  const std::filesystem::path path = path_of(sha256);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return Error::not_found({"没有这个文件", "no such file"});
    return unavailable("read", path);
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (sha256_hex(bytes) != sha256) {
    return Error::internal(fmt::format("{} no longer matches its content hash", path.string()));
  }
  return bytes;
}

}  // namespace shequ::storage
