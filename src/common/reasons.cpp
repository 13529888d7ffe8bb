#include "common/reasons.hpp"

#include <fmt/format.h>

namespace shequ::reason {

Text required() {
  return {"必填", "is required"};
}

Text unknown_field() {
  return {"不支持的字段", "unknown field"};
}

Text repeated_field() {
  return {"字段重复出现", "the field appears more than once"};
}

Text not_a_string() {
  return {"必须是字符串", "must be a string"};
}

Text empty() {
  return {"不能为空", "must not be empty"};
}

Text too_long(std::size_t max_chars) {
  return {fmt::format("长度不能超过 {} 个字符", max_chars),
          fmt::format("must be at most {} characters", max_chars)};
}

Text too_short(std::size_t min_chars) {
  return {fmt::format("长度不能少于 {} 个字符", min_chars),
          fmt::format("must be at least {} characters", min_chars)};
}

Text not_one_of(const std::vector<std::string>& values) {
  return {fmt::format("必须是以下之一：{}", fmt::join(values, "、")),
          fmt::format("must be one of: {}", fmt::join(values, ", "))};
}

Text not_an_object() {
  return {"必须是对象", "must be an object"};
}

Text not_a_boolean() {
  return {"必须是 true 或 false", "must be true or false"};
}

Text not_a_number() {
  return {"必须是数字", "must be a number"};
}

Text not_an_integer() {
  return {"必须是整数", "must be an integer"};
}

Text out_of_range(int64_t min, int64_t max) {
  return {fmt::format("必须在 {} 到 {} 之间", min, max),
          fmt::format("must be between {} and {}", min, max)};
}

Text out_of_range(double min, double max) {
  return {fmt::format("必须在 {} 到 {} 之间", min, max),
          fmt::format("must be between {} and {}", min, max)};
}

Text not_an_integer_from(int64_t min, int64_t max) {
  return {fmt::format("必须是 {} 到 {} 之间的整数", min, max),
          fmt::format("must be an integer from {} to {}", min, max)};
}

Text array_too_long(std::size_t max_items) {
  return {fmt::format("必须是最多 {} 项的数组", max_items),
          fmt::format("must be an array of at most {} items", max_items)};
}

Text too_few_items(std::size_t min_items) {
  return {fmt::format("至少需要 {} 项", min_items),
          fmt::format("must have at least {} items", min_items)};
}

Text not_a_tuple(std::size_t items) {
  return {fmt::format("必须是 {} 项的数组", items),
          fmt::format("must be an array of exactly {} items", items)};
}

Text unknown_query_parameter() {
  return {"不支持的查询参数", "unknown query parameter"};
}

Text repeated_query_parameter() {
  return {"查询参数重复出现", "the parameter appears more than once"};
}

Text body_not_an_object() {
  return {"请求体必须是 JSON 对象", "the body must be a JSON object"};
}

Text no_body() {
  return {"此请求不接受请求体", "this request takes no body"};
}

}  // namespace shequ::reason
