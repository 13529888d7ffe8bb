#include "http/message.hpp"

#include <cctype>

namespace shequ::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

std::string Request::cookie(std::string_view name) const {
  std::string_view header_value = header("cookie");
  while (!header_value.empty()) {
    const auto semicolon = header_value.find(';');
    std::string_view pair = header_value.substr(0, semicolon);
    header_value = semicolon == std::string_view::npos ? std::string_view{}
                                                       : header_value.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
  }
  return {};
}

Response Response::json(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = std::move(content_type);
  return response;
}

Response Response::attachment(std::string body, std::string content_type,
                              std::string_view ascii_name, std::string_view name) {
  std::string encoded;
  for (const unsigned char c : name) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      encoded += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += {'%', kHex[c >> 4], kHex[c & 0xF]};
    }
  }
  Response response = text(200, std::move(body), std::move(content_type));
  response.headers.emplace_back(
      "content-disposition",
      "attachment; filename=\"" + std::string(ascii_name) + "\"; filename*=UTF-8''" + encoded);
  return response;
}

Response Response::no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Locale locale_from_accept_language(std::string_view header) {
  // The first language tag decides; quality values are rarely used by browsers for the first.
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t'))
    header.remove_prefix(1);
  if (header.size() >= 2 && std::tolower(static_cast<unsigned char>(header[0])) == 'e' &&
      std::tolower(static_cast<unsigned char>(header[1])) == 'n' &&
      (header.size() == 2 || header[2] == '-' || header[2] == ',' || header[2] == ';')) {
    return Locale::en;
  }
  return Locale::zh_CN;
}

}  // namespace shequ::http
