// A stand-in for std::expected where the standard library hides it (clang < 19 with libstdc++ 12, whose
// <expected> wants __cpp_concepts >= 202002L). Force-included by the fuzz build only; it covers what the parser
// uses, not the whole of [expected].
#pragma once

#include <expected>

#if !defined(__cpp_lib_expected)
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace std {

template <class E>
class unexpected {
 public:
  template <class G = E>
  requires(!is_same_v<remove_cvref_t<G>, unexpected> &&
           is_constructible_v<E, G>) constexpr explicit unexpected(G&& error)
      : error_(std::forward<G>(error)) {}
  constexpr const E& error() const& noexcept { return error_; }
  constexpr E& error() & noexcept { return error_; }
  constexpr E&& error() && noexcept { return std::move(error_); }

 private:
  E error_;
};
template <class E>
unexpected(E) -> unexpected<E>;

template <class E>
class bad_expected_access : public exception {
 public:
  const char* what() const noexcept override { return "bad access to std::expected without expected value"; }
};

template <class T, class E>
class expected {
 public:
  using value_type = T;
  using error_type = E;
  using unexpected_type = unexpected<E>;

  constexpr expected() requires is_default_constructible_v<T> : storage_(in_place_index<0>) {}
  template <class U = T>
  requires(!is_same_v<remove_cvref_t<U>, expected> && !is_same_v<remove_cvref_t<U>, unexpected<E>> &&
           is_constructible_v<T, U>) constexpr expected(U&& value)
      : storage_(in_place_index<0>, std::forward<U>(value)) {}
  template <class G>
  constexpr expected(const unexpected<G>& error) : storage_(in_place_index<1>, error.error()) {}
  template <class G>
  constexpr expected(unexpected<G>&& error) : storage_(in_place_index<1>, std::move(error).error()) {}

  constexpr bool has_value() const noexcept { return storage_.index() == 0; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  constexpr T& operator*() & { return *get_if<0>(&storage_); }
  constexpr const T& operator*() const& { return *get_if<0>(&storage_); }
  constexpr T&& operator*() && { return std::move(*get_if<0>(&storage_)); }
  constexpr T* operator->() { return get_if<0>(&storage_); }
  constexpr const T* operator->() const { return get_if<0>(&storage_); }
  constexpr T& value() & {
    if (!has_value()) throw bad_expected_access<E>();
    return **this;
  }
  constexpr const T& value() const& {
    if (!has_value()) throw bad_expected_access<E>();
    return **this;
  }
  template <class U>
  constexpr T value_or(U&& fallback) const& {
    return has_value() ? **this : static_cast<T>(std::forward<U>(fallback));
  }
  constexpr E& error() & { return *get_if<1>(&storage_); }
  constexpr const E& error() const& { return *get_if<1>(&storage_); }
  constexpr E&& error() && { return std::move(*get_if<1>(&storage_)); }

 private:
  variant<T, E> storage_;
};

template <class E>
class expected<void, E> {
 public:
  using value_type = void;
  using error_type = E;
  using unexpected_type = unexpected<E>;

  constexpr expected() noexcept = default;
  template <class G>
  constexpr expected(const unexpected<G>& error) : error_(in_place, error.error()) {}
  template <class G>
  constexpr expected(unexpected<G>&& error) : error_(in_place, std::move(error).error()) {}

  constexpr bool has_value() const noexcept { return !error_.has_value(); }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  constexpr void operator*() const noexcept {}
  constexpr void value() const {
    if (!has_value()) throw bad_expected_access<E>();
  }
  constexpr E& error() & { return *error_; }
  constexpr const E& error() const& { return *error_; }
  constexpr E&& error() && { return std::move(*error_); }

 private:
  optional<E> error_;
};

}  // namespace std
#endif
