// Keys for personal data and the sealing of values with them (GB/T 39786: SM4 for
// confidentiality, HMAC-SM3 for integrity, SM3 for search).
//
// The key file lives outside the database (so a copy of the database alone reveals nothing),
// is created by `shequ init` with mode 0600, and holds one line per key:
//   index <64 hex>                    the blind-index key, kept across rotations
//   key <id> <32 hex> <64 hex>        a generation: SM4 key and HMAC-SM3 key; the highest id seals
// `shequ keys rotate` appends a generation and re-seals every stored value with it.
//
// A sealed value is "s1.<key id>.<base64 of IV(16) | SM4-CTR ciphertext | HMAC-SM3(32)>"; the tag
// covers the key id, IV, ciphertext and a context naming the field ("app_user.phone"), so a value
// moved to another field or row kind does not open.
//
// Thread-safe after loading: seal/open/blind_index only read.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace shequ::privacy {

class Keyring {
 public:
  // Reads the key file; fails (unavailable) when it is missing or malformed.
  static Result<Keyring> load(const std::string& path);
  // Reads the key file, or creates one with fresh random keys (mode 0600) when there is none.
  static Result<Keyring> load_or_create(const std::string& path);
  // Appends a new generation to the file (written to a temporary file, then renamed) and
  // returns the keyring with it as the sealing key.
  static Result<Keyring> rotate(const std::string& path);

  std::string seal(std::string_view plaintext, std::string_view context) const;
  // Fails (internal) for a tampered value, an unknown key id or the wrong context.
  Result<std::string> open(std::string_view sealed, std::string_view context) const;
  // Keyed SM3-HMAC of a normalised value, for exact-match search without decrypting: 64 hex.
  std::string blind_index(std::string_view value, std::string_view context) const;

  int current_key() const { return generations_.rbegin()->first; }
  // The key id a sealed value was made with, or 0 when it is not a sealed value.
  static int key_of(std::string_view sealed);

 private:
  struct Generation {
    std::array<unsigned char, 16> cipher_key;
    std::array<unsigned char, 32> mac_key;
  };
  static Result<Keyring> parse(const std::string& text, const std::string& path);
  static std::string render(const Keyring& keyring);
  static Status write_file(const std::string& path, const std::string& text);

  std::array<unsigned char, 32> index_key_{};
  std::map<int, Generation> generations_;
};

}  // namespace shequ::privacy
