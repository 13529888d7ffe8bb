// Result<T>: a value or an Error. Services and repositories return it instead of throwing.
#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "common/error.hpp"

namespace shequ {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Preconditions: ok() for value(), !ok() for error().
  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

}  // namespace shequ

// Returns the error of a failed Result from the enclosing function.
#define SHEQU_TRY(expr)                                                  \
  do {                                                                   \
    auto shequ_try_result_ = (expr);                                     \
    if (!shequ_try_result_) return std::move(shequ_try_result_).error(); \
  } while (false)

#define SHEQU_CONCAT_INNER(a, b) a##b
#define SHEQU_CONCAT(a, b) SHEQU_CONCAT_INNER(a, b)

// Declares `lhs` from the value of a Result, or returns its error from the enclosing function.
#define SHEQU_ASSIGN_OR_RETURN(lhs, expr) \
  SHEQU_ASSIGN_OR_RETURN_IMPL(SHEQU_CONCAT(shequ_result_, __LINE__), lhs, expr)
#define SHEQU_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp) return std::move(tmp).error();          \
  lhs = std::move(tmp).value()
