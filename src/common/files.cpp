#include "common/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace shequ {

namespace {

Error file_error(const Text& what, const std::filesystem::path& path, const Text& why) {
  Error error = Error::unavailable(fmt::format("{} {}: {}", what.en, path.string(), why.en));
  error.message = {fmt::format("{} {}：{}", what.zh, path.string(), why.zh),
                   fmt::format("{} {}: {}", what.en, path.string(), why.en)};
  return error;
}

}  // namespace

Status create_private_directories(const std::filesystem::path& folder) {
  if (folder.empty()) return {};
  std::vector<std::filesystem::path> missing;
  for (std::filesystem::path at = folder; !at.empty() && !std::filesystem::exists(at);
       at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      return Error::unavailable(
          fmt::format("cannot create folder {}: {}", it->string(), std::strerror(errno)));
    }
  }
  return {};
}

Status create_private_file(const std::filesystem::path& file) {
  SHEQU_TRY(create_private_directories(file.parent_path()));
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return {};
    return Error::unavailable(
        fmt::format("cannot create {}: {}", file.string(), std::strerror(errno)));
  }
  ::close(fd);
  return {};
}

Status check_private_file(const std::filesystem::path& file, const Text& what) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    return file_error(what, file, {"不存在或无法读取", "is missing or cannot be read"});
  }
  if (!S_ISREG(info.st_mode)) return file_error(what, file, {"不是普通文件", "is not a file"});
  if (info.st_uid != ::geteuid() && info.st_uid != 0) {
    return file_error(what, file,
                      {"属于其他用户，请改为运行 shequ 的用户所有",
                       "belongs to another user; make it belong to the user shequ runs as"});
  }
  const unsigned file_mode = info.st_mode & 0777;
  if ((file_mode & 077) != 0) {
    return file_error(
        what, file,
        {fmt::format("权限 {:04o} 过宽，其他用户可以访问；请执行 chmod 600 {}", file_mode,
                     file.string()),
         fmt::format("permissions {:04o} are too open: others can access it; run chmod 600 {}",
                     file_mode, file.string())});
  }
  std::filesystem::path folder = file.parent_path();
  if (folder.empty()) folder = ".";
  if (::stat(folder.c_str(), &info) != 0) {
    return file_error(what, file, {"所在目录无法读取", "its folder cannot be read"});
  }
  const unsigned folder_mode = info.st_mode & 0777;
  if ((folder_mode & 066) != 0) {
    return file_error(
        what, file,
        {fmt::format("所在目录 {} 的权限 {:04o} 过宽，其他用户可以读取或改动；请执行 chmod 700 {}",
                     folder.string(), folder_mode, folder.string()),
         fmt::format("its folder {} has permissions {:04o}: others can read or change it; run "
                     "chmod 700 {}",
                     folder.string(), folder_mode, folder.string())});
  }
  return {};
}

}  // namespace shequ
