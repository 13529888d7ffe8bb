// The primitives the project uses outside the keyring: HMAC-SM3 (GB/T 39786), Ed25519 signatures
// (libsodium) for documents anyone may check, hex and URL-safe base64. Thread-safe.
#pragma once

#include <array>
#include <initializer_list>
#include <optional>
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

// URL-safe base64 without padding (RFC 4648 section 5), and back; nullopt for any other text.
std::string to_base64url(std::string_view bytes);
std::optional<std::string> from_base64url(std::string_view text);

using SigningSeed = std::array<unsigned char, 32>;
using PublicKey = std::array<unsigned char, 32>;
using Signature = std::array<unsigned char, 64>;

// Ed25519 (RFC 8032): the public key of a seed, a signature of `message`, and its check.
PublicKey ed25519_public_key(const SigningSeed& seed);
Signature ed25519_sign(const SigningSeed& seed, std::string_view message);
bool ed25519_verify(const PublicKey& key, std::string_view message, const Signature& signature);

}  // namespace shequ::privacy
