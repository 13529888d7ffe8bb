#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>

#include "http/error_mapping.hpp"
#include "http/router.hpp"

namespace shequ::http {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kMimeTypes{{
    {".csv", "text/csv; charset=utf-8"},
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".geojson", "application/geo+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
}};

Error not_found() {
  return Error::not_found({"文件不存在", "file not found"});
}

}  // namespace

std::string_view mime_type_for(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const std::string_view ext = file_name.substr(dot);
  for (const auto& [e, type] : kMimeTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::open(const std::filesystem::path& root) {
  std::error_code ec;
  const auto canonical = std::filesystem::canonical(root, ec);
  if (ec || !std::filesystem::is_regular_file(canonical / "index.html")) {
    return Error::invalid("web", {"网页目录不存在或缺少 index.html",
                                  "the web folder does not exist or has no index.html"});
  }
  return StaticFiles(canonical);
}

std::optional<Response> StaticFiles::file(const std::filesystem::path& path, bool immutable) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  Response response = Response::text(200, std::move(content).str(),
                                     std::string(mime_type_for(path.filename().string())));
  // Hashed build assets never change under the same name; everything else is revalidated.
  response.headers.emplace_back("cache-control",
                                immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.emplace_back("x-content-type-options", "nosniff");
  return response;
}

Response StaticFiles::serve(std::string_view path, Locale locale,
                            std::string_view request_id) const {
  const auto parts = split_path(path);
  std::filesystem::path relative;
  for (std::string_view part : parts) {
    if (part == ".." || part == "." || part.find('\\') != std::string_view::npos ||
        part.find('\0') != std::string_view::npos) {
      return error_response(not_found(), locale, request_id);
    }
    if (!part.empty()) relative /= std::string(part);
  }
  std::error_code ec;
  const auto candidate = std::filesystem::weakly_canonical(root_ / relative, ec);
  const auto [root_end, unused] =
      std::mismatch(root_.begin(), root_.end(), candidate.begin(), candidate.end());
  const bool inside = !ec && root_end == root_.end();
  if (inside && !relative.empty() && std::filesystem::is_regular_file(candidate, ec)) {
    const bool immutable = !parts.empty() && parts.front() == "assets";
    if (auto response = file(candidate, immutable)) return std::move(*response);
  }
  const std::string_view last = parts.empty() ? std::string_view{} : parts.back();
  if (inside && last.find('.') == std::string_view::npos) {
    if (auto index = file(root_ / "index.html", /*immutable=*/false)) return std::move(*index);
  }
  return error_response(not_found(), locale, request_id);
}

}  // namespace shequ::http
