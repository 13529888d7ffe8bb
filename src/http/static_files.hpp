// Serves the built web console (web/dist) from a folder: correct MIME types, long cache headers
// only on hashed assets, index.html for the console's own routes (history mode), and nothing
// outside the folder whatever the path says.
//
// Thread-safe after construction (reads files, keeps no state).
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "http/message.hpp"

namespace shequ::http {

class StaticFiles {
 public:
  // Fails (field "web") when `root` is not a folder holding index.html.
  static Result<StaticFiles> open(const std::filesystem::path& root);

  // The response for a GET of the decoded `path`: the file, index.html for a console route
  // (a last segment without a dot), or a 404 error body for a missing file or a path that
  // tries to leave the folder.
  Response serve(std::string_view path, Locale locale, std::string_view request_id) const;

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  std::optional<Response> file(const std::filesystem::path& path, bool immutable) const;

  std::filesystem::path root_;  // canonical
};

// The Content-Type for a file name's extension; application/octet-stream when unknown.
std::string_view mime_type_for(std::string_view file_name);

}  // namespace shequ::http
