// Certificates of volunteer hours (志愿服务记录证明, ADR 0030) that anyone can check without
// the database: a statement of what the certificate shows, signed with Ed25519 by a certificate
// key of the key file, and a PDF whose every byte is signed too.
//
// The statement travels as a payload, "<base64url of its JSON>.<base64url of its signature>",
// in the QR code's link (/verify/<number>#<payload>) and in the PDF's Keywords entry as
// "shequ-certificate:v1:<payload>:<document signature>". The document signature covers the
// whole file with its own 86 characters set to the placeholder, so a changed byte anywhere (a
// printed number, the QR code, the payload) fails the check.
//
// Keys rotate: each key is published with the time it was retired (the next key's `since`); a
// statement issued at or after its key's retirement is not genuine, one issued before keeps
// verifying.
//
// Value types and pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "privacy/crypto.hpp"
#include "privacy/keyring.hpp"

namespace shequ::volunteer {

// What a certificate states, and nothing more: the verify page shows exactly this.
struct CertificateStatement {
  std::string number;                     // "2026-7KQ3M9XA2B"
  std::string volunteer;                  // masked name: 张*三
  std::optional<std::string> phone_tail;  // the phone's last four digits, when it has one
  std::string unit;                       // the volunteer's village or community (code)
  std::string unit_path;                  // 城关区 › 酒泉路街道 › 畅家巷社区
  int64_t minutes = 0;                    // confirmed, corrections included
  int64_t entries = 0;                    // entries of the hour record counted
  std::string first_day, last_day;        // YYYY-MM-DD, of the hours served
  int64_t seq_from = 0, seq_to = 0;       // the volunteer's first and last entry in the chain
  std::string chain_mac;                  // the first 16 hex digits of the last entry's MAC
  std::string issued_at;                  // format_timestamp
  int key = 0;                            // the certificate key that signs it
};

Json to_json(const CertificateStatement& statement);

// A fresh certificate number: the year issued (China) and ten random characters of Crockford's
// base32 (no I, L, O, U), unguessable so that numbers cannot be enumerated.
std::string new_certificate_number(TimePoint issued);

// The payload of `statement` signed with `key`. Precondition: statement.key == key.id.
std::string sign_statement(const CertificateStatement& statement,
                           const privacy::CertificateKey& key);

// A certificate key as published: anyone checks with these.
struct PublishedKey {
  int id = 0;
  privacy::PublicKey key{};
  std::string since;                   // format_timestamp
  std::optional<std::string> retired;  // the next key's since; none for the signing key
};
std::vector<PublishedKey> published_keys(const std::vector<privacy::CertificateKey>& keys);
// {"algorithm": "Ed25519", "keys": [{"id", "publicKey" (base64url), "since", "retired"}]}.
Json published_keys_json(const std::vector<PublishedKey>& keys);
// The list read back (from /.well-known/shequ-certificate-keys.json); invalid_argument when it
// is not such a list.
Result<std::vector<PublishedKey>> parse_published_keys(const Json& json);

enum class Verdict {
  genuine,
  altered,      // a signature does not hold: the statement or the file was changed
  unknown_key,  // signed with a key that was never published
  retired_key,  // issued when its key was already retired
};
std::string_view verdict_code(Verdict verdict);  // "genuine", "altered", ...

struct Verification {
  Verdict verdict = Verdict::altered;
  // The statement when it could be read (shown only when genuine).
  std::optional<CertificateStatement> statement;
  std::optional<PublishedKey> key;  // the key it names, when published
};

// Checks a payload. invalid_argument (field "payload") when the text is no payload at all.
Result<Verification> verify_payload(std::string_view payload,
                                    const std::vector<PublishedKey>& keys);

// The Keywords entry a certificate's PDF is made with: the payload and the placeholder of the
// document signature.
std::string document_keywords(std::string_view payload);
// Signs a PDF made with document_keywords: writes the document signature over the placeholder.
// internal when the file holds no placeholder.
Result<std::string> sign_document(std::string pdf, const privacy::CertificateKey& key);
// Checks a certificate's file: its payload, then its document signature with the same key.
// invalid_argument (field "file") when the file holds no certificate.
Result<Verification> verify_document(std::string_view pdf, const std::vector<PublishedKey>& keys);

}  // namespace shequ::volunteer
