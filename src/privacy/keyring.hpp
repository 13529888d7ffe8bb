// Keys for personal data and the sealing of values with them (GB/T 39786: SM4 for
// confidentiality, HMAC-SM3 for integrity, SM3 for search).
//
// The key file lives outside the database (so a copy of the database alone reveals nothing),
// is created by `shequ init` with mode 0600 in a folder of mode 0700, is refused when others may
// read it (common/files.hpp), and holds one line per key:
//   index <64 hex>                    the blind-index key, kept across rotations
//   key <id> <32 hex> <64 hex>        a generation: SM4 key and HMAC-SM3 key; the highest id seals
//   audit <64 hex>                    the HMAC-SM3 key of the audit chain (audit/audit_log.hpp)
//   sign <64 hex>                     the Ed25519 seed that signs audit checkpoints
//   certificate <id> <64 hex> <since> an Ed25519 seed that signs certificates (volunteer hours),
//                                     in use from <since> (a UTC timestamp); the highest id signs
// `shequ keys rotate` appends a generation and re-seals every stored value with it;
// `shequ keys rotate-certificate` appends a certificate key, which retires the one before it.
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
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "privacy/crypto.hpp"

namespace shequ::privacy {

// A key that signs certificates. Retired when a later one exists: from that one's `since`, what
// claims to be signed with this one is not genuine.
struct CertificateKey {
  int id = 0;
  SigningSeed seed{};
  std::string since;  // format_timestamp
};

class Keyring {
 public:
  // Reads the key file; fails (unavailable) when it is missing, malformed, lacks the audit keys
  // (older files: `shequ keys upgrade` adds them) or may be read by others.
  static Result<Keyring> load(const std::string& path);
  // Creates the key file with fresh random keys (mode 0600, missing folders 0700), its first
  // certificate key in use from `now`. Fails (conflict) when the file exists: a key file nobody
  // chose to keep may be a copied or published one.
  static Result<Keyring> create(const std::string& path, TimePoint now);
  // Adds the keys a key file written by an older shequ lacks: the audit keys, a certificate key
  // (in use from `now`). The kinds it added ("audit", "certificate"); none when it had them.
  static Result<std::vector<std::string>> add_missing_keys(const std::string& path, TimePoint now);
  // Appends a new generation to the file (written to a temporary file, then renamed) and
  // returns the keyring with it as the sealing key.
  static Result<Keyring> rotate(const std::string& path);
  // Appends a certificate key in use from `now`, retiring the one before it.
  static Result<Keyring> rotate_certificate_key(const std::string& path, TimePoint now);

  std::string seal(std::string_view plaintext, std::string_view context) const;
  // Fails (internal) for a tampered value, an unknown key id or the wrong context.
  Result<std::string> open(std::string_view sealed, std::string_view context) const;
  // Keyed SM3-HMAC of a normalised value, for exact-match search without decrypting: 64 hex.
  std::string blind_index(std::string_view value, std::string_view context) const;
  // A 32-byte key for `purpose` ("volunteer_hour.chain"), derived from the index key (kept
  // across rotations), so that what it MACs stays verifiable for as long as the file is kept.
  std::array<unsigned char, 32> derived_key(std::string_view purpose) const;

  // Oldest first; the last signs. Empty for a key file from before certificates (keys upgrade).
  const std::vector<CertificateKey>& certificate_keys() const { return certificate_keys_; }

  int current_key() const { return generations_.rbegin()->first; }
  const std::array<unsigned char, 32>& audit_chain_key() const { return audit_key_; }
  const std::array<unsigned char, 32>& audit_signing_seed() const { return signing_seed_; }
  // The key id a sealed value was made with, or 0 when it is not a sealed value.
  static int key_of(std::string_view sealed);

 private:
  struct Generation {
    std::array<unsigned char, 16> cipher_key;
    std::array<unsigned char, 32> mac_key;
  };
  // `require_audit_keys` is false only while upgrading a file written before they existed.
  static Result<Keyring> parse(const std::string& text, const std::string& path,
                               bool require_audit_keys);
  static Result<Keyring> read(const std::string& path, bool require_audit_keys);
  static std::string render(const Keyring& keyring);
  static Status write_file(const std::string& path, const std::string& text);

  std::array<unsigned char, 32> index_key_{};
  std::array<unsigned char, 32> audit_key_{};
  std::array<unsigned char, 32> signing_seed_{};
  bool has_audit_keys_ = false;
  std::map<int, Generation> generations_;
  std::vector<CertificateKey> certificate_keys_;
};

}  // namespace shequ::privacy
