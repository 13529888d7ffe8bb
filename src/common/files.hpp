// Files that hold secrets or data (key files, the SQLite database, audit checkpoints) are private
// to the account shequ runs as: created 0600 in folders created 0700, and refused when others can
// read them, as OpenSSH refuses a private key that is too open.
//
// Thread-safe: free functions over the file system; they change the process umask only for the
// duration of one creation.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace shequ {

// Creates the missing folders of `folder` with mode 0700; folders that exist are left as they
// are. Fails (unavailable) when a folder cannot be made.
Status create_private_directories(const std::filesystem::path& folder);

// Creates `file` empty with mode 0600 (its missing folders 0700) unless it exists already.
Status create_private_file(const std::filesystem::path& file);

// Refuses (unavailable, with a Chinese and English message naming the fix) a file that is not a
// regular file, belongs to another account than this process's (root aside), or that group or
// others may access in any way; and a folder holding it that group or others may read or write.
// `what` names the file for people: "个人信息密钥文件" / "personal-data key file".
Status check_private_file(const std::filesystem::path& file, const Text& what);

}  // namespace shequ
