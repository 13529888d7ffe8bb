// The GB/T 39786 primitives the project uses outside the keyring: HMAC-SM3 and hex. Thread-safe.
#pragma once

#include <array>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace shequ::privacy {

using Mac = std::array<unsigned char, 32>;

// HMAC-SM3 (GB/T 32905 in HMAC, RFC 2104) of `data` under `key`.
Mac hmac_sm3(std::span<const unsigned char> key, std::string_view data);
// The same of the concatenation of `parts`, without making it (for megabytes of data).
Mac hmac_sm3(std::span<const unsigned char> key, std::initializer_list<std::string_view> parts);

// Lower-case hex of `bytes`.
std::string to_hex(std::span<const unsigned char> bytes);

}  // namespace shequ::privacy
