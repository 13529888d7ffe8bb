#include "volunteer/certificate.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace shequ::volunteer {

namespace {

// What each signature covers begins with its purpose, so that neither can stand for the other.
constexpr std::string_view kStatementPurpose = "shequ-certificate-statement-v1\n";
constexpr std::string_view kDocumentPurpose = "shequ-certificate-document-v1\n";
constexpr std::string_view kKeywordsTag = "shequ-certificate:v1:";
constexpr std::string_view kKind = "shequ.volunteer-hours";
// The base64url of a 64-byte signature, and the placeholder it is written over.
constexpr std::size_t kSignatureText = 86;
const std::string kPlaceholder(kSignatureText, 'A');

Error no_certificate(std::string_view field) {
  return Error::invalid(std::string(field), {"这不是本系统签发的志愿服务记录证明",
                                             "this is not a certificate of shequ"});
}

std::string signed_text(std::string_view purpose, std::string_view content) {
  std::string text;
  text.reserve(purpose.size() + content.size());
  text.append(purpose).append(content);
  return text;
}

std::optional<privacy::Signature> signature_of(std::string_view text) {
  const auto bytes = privacy::from_base64url(text);
  if (!bytes || bytes->size() != privacy::Signature{}.size()) return std::nullopt;
  privacy::Signature signature{};
  std::copy(bytes->begin(), bytes->end(), signature.begin());
  return signature;
}

std::optional<CertificateStatement> statement_from(const Json& json) {
  const auto text = [&](const char* name) -> const std::string* {
    const auto it = json.find(name);
    return it != json.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
  };
  const auto integer = [&](const char* name) -> std::optional<int64_t> {
    const auto it = json.find(name);
    if (it == json.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<int64_t>();
  };
  if (!json.is_object() || json.value("kind", "") != kKind || integer("v") != 1) {
    return std::nullopt;
  }
  CertificateStatement s;
  const std::string* fields[] = {text("number"),   text("volunteer"), text("unit"),
                                 text("unitPath"), text("firstDay"),  text("lastDay"),
                                 text("chainMac"), text("issuedAt")};
  const std::optional<int64_t> numbers[] = {integer("minutes"), integer("entries"),
                                            integer("seqFrom"), integer("seqTo"), integer("key")};
  if (std::ranges::any_of(fields, [](const std::string* f) { return f == nullptr; }) ||
      std::ranges::any_of(numbers, [](const auto& n) { return !n.has_value(); }) ||
      !json.contains("phoneTail") ||
      !(json["phoneTail"].is_null() || json["phoneTail"].is_string())) {
    return std::nullopt;
  }
  s.number = *fields[0];
  s.volunteer = *fields[1];
  s.unit = *fields[2];
  s.unit_path = *fields[3];
  s.first_day = *fields[4];
  s.last_day = *fields[5];
  s.chain_mac = *fields[6];
  s.issued_at = *fields[7];
  s.minutes = *numbers[0];
  s.entries = *numbers[1];
  s.seq_from = *numbers[2];
  s.seq_to = *numbers[3];
  s.key = static_cast<int>(*numbers[4]);
  if (json["phoneTail"].is_string()) s.phone_tail = json["phoneTail"].get<std::string>();
  return s;
}

const PublishedKey* key_named(const std::vector<PublishedKey>& keys, int id) {
  const auto it = std::ranges::find(keys, id, &PublishedKey::id);
  return it == keys.end() ? nullptr : &*it;
}

}  // namespace

Json to_json(const CertificateStatement& s) {
  return Json{{"kind", kKind},
              {"v", 1},
              {"number", s.number},
              {"volunteer", s.volunteer},
              {"phoneTail", s.phone_tail ? Json(*s.phone_tail) : Json(nullptr)},
              {"unit", s.unit},
              {"unitPath", s.unit_path},
              {"minutes", s.minutes},
              {"entries", s.entries},
              {"firstDay", s.first_day},
              {"lastDay", s.last_day},
              {"seqFrom", s.seq_from},
              {"seqTo", s.seq_to},
              {"chainMac", s.chain_mac},
              {"issuedAt", s.issued_at},
              {"key", s.key}};
}

std::string new_certificate_number(TimePoint issued) {
  static constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::array<unsigned char, 10> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    throw std::runtime_error("no randomness");
  }
  std::string number = fmt::format("{}-", china_year(issued));
  for (unsigned char byte : random) number += kCrockford[byte % kCrockford.size()];
  return number;
}

std::string sign_statement(const CertificateStatement& statement,
                           const privacy::CertificateKey& key) {
  const std::string json = to_json(statement).dump();
  const privacy::Signature signature =
      privacy::ed25519_sign(key.seed, signed_text(kStatementPurpose, json));
  return privacy::to_base64url(json) + "." +
         privacy::to_base64url(
             std::string_view(reinterpret_cast<const char*>(signature.data()), signature.size()));
}

std::vector<PublishedKey> published_keys(const std::vector<privacy::CertificateKey>& keys) {
  std::vector<PublishedKey> published;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    PublishedKey key{keys[i].id, privacy::ed25519_public_key(keys[i].seed), keys[i].since, {}};
    if (i + 1 < keys.size()) key.retired = keys[i + 1].since;
    published.push_back(key);
  }
  return published;
}

Json published_keys_json(const std::vector<PublishedKey>& keys) {
  Json list = Json::array();
  for (const PublishedKey& key : keys) {
    list.push_back(
        {{"id", key.id},
         {"publicKey", privacy::to_base64url(std::string_view(
                           reinterpret_cast<const char*>(key.key.data()), key.key.size()))},
         {"since", key.since},
         {"retired", key.retired ? Json(*key.retired) : Json(nullptr)}});
  }
  return Json{{"algorithm", "Ed25519"}, {"keys", list}};
}

Result<std::vector<PublishedKey>> parse_published_keys(const Json& json) {
  const Error bad =
      Error::invalid("keys", {"不是证明签名公钥列表", "not a list of certificate keys"});
  if (!json.is_object() || json.value("algorithm", "") != "Ed25519" || !json.contains("keys") ||
      !json["keys"].is_array()) {
    return bad;
  }
  std::vector<PublishedKey> keys;
  for (const Json& item : json["keys"]) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer() ||
        !item.contains("publicKey") || !item["publicKey"].is_string() || !item.contains("since") ||
        !item["since"].is_string() || !item.contains("retired") ||
        !(item["retired"].is_null() || item["retired"].is_string())) {
      return bad;
    }
    const auto bytes = privacy::from_base64url(item["publicKey"].get<std::string>());
    if (!bytes || bytes->size() != privacy::PublicKey{}.size()) return bad;
    PublishedKey key;
    key.id = item["id"].get<int>();
    std::copy(bytes->begin(), bytes->end(), key.key.begin());
    key.since = item["since"].get<std::string>();
    if (item["retired"].is_string()) key.retired = item["retired"].get<std::string>();
    keys.push_back(key);
  }
  return keys;
}

std::string_view verdict_code(Verdict verdict) {
  switch (verdict) {
    case Verdict::genuine:
      return "genuine";
    case Verdict::altered:
      return "altered";
    case Verdict::unknown_key:
      return "unknown_key";
    case Verdict::retired_key:
      return "retired_key";
  }
  return "altered";
}

Result<Verification> verify_payload(std::string_view payload,
                                    const std::vector<PublishedKey>& keys) {
  const auto dot = payload.find('.');
  if (dot == std::string_view::npos || payload.find('.', dot + 1) != std::string_view::npos) {
    return no_certificate("payload");
  }
  const auto json_text = privacy::from_base64url(payload.substr(0, dot));
  const auto signature = signature_of(payload.substr(dot + 1));
  if (!json_text || !signature) return no_certificate("payload");
  Verification result;
  // A changed character can leave text that is no statement: still a changed certificate.
  const auto parsed = parse_json_strict(*json_text);
  if (!parsed) return result;
  result.statement = statement_from(*parsed);
  if (!result.statement) return result;
  const PublishedKey* key = key_named(keys, result.statement->key);
  if (key == nullptr) {
    result.verdict = Verdict::unknown_key;
    return result;
  }
  result.key = *key;
  if (!privacy::ed25519_verify(key->key, signed_text(kStatementPurpose, *json_text), *signature)) {
    result.verdict = Verdict::altered;
    return result;
  }
  // Timestamps in one format compare as text.
  result.verdict = key->retired && result.statement->issued_at >= *key->retired
                       ? Verdict::retired_key
                       : Verdict::genuine;
  return result;
}

std::string document_keywords(std::string_view payload) {
  return fmt::format("{}{}:{}", kKeywordsTag, payload, kPlaceholder);
}

namespace {

// Where a file's certificate keywords are: the payload, and the document signature after it.
struct Keywords {
  std::size_t payload_at = 0, payload_length = 0, signature_at = 0;
};

std::optional<Keywords> keywords_in(std::string_view pdf) {
  const auto tag = pdf.find(kKeywordsTag);
  if (tag == std::string_view::npos) return std::nullopt;
  Keywords k;
  k.payload_at = tag + kKeywordsTag.size();
  // A literal string in the file ends at ')'; the payload and signature hold none.
  const auto end = pdf.find(')', k.payload_at);
  const auto colon = pdf.rfind(':', end);
  if (end == std::string_view::npos || colon == std::string_view::npos || colon < k.payload_at ||
      end - colon - 1 != kSignatureText) {
    return std::nullopt;
  }
  k.payload_length = colon - k.payload_at;
  k.signature_at = colon + 1;
  return k;
}

}  // namespace

Result<std::string> sign_document(std::string pdf, const privacy::CertificateKey& key) {
  const auto keywords = keywords_in(pdf);
  if (!keywords || pdf.compare(keywords->signature_at, kSignatureText, kPlaceholder) != 0) {
    return Error::internal("the certificate's PDF holds no signature placeholder");
  }
  const privacy::Signature signature =
      privacy::ed25519_sign(key.seed, signed_text(kDocumentPurpose, pdf));
  const std::string text = privacy::to_base64url(
      std::string_view(reinterpret_cast<const char*>(signature.data()), signature.size()));
  pdf.replace(keywords->signature_at, kSignatureText, text);
  return pdf;
}

Result<Verification> verify_document(std::string_view pdf, const std::vector<PublishedKey>& keys) {
  const auto keywords = keywords_in(pdf);
  if (!keywords) {
    // The tag alone, its end changed: a changed certificate rather than none.
    if (pdf.find(kKeywordsTag) != std::string_view::npos) return Verification{};
    return no_certificate("file");
  }
  auto checked = verify_payload(pdf.substr(keywords->payload_at, keywords->payload_length), keys);
  if (!checked) {
    if (checked.error().code == ErrorCode::invalid_argument) return Verification{};
    return checked;
  }
  if (checked->verdict != Verdict::genuine && checked->verdict != Verdict::retired_key) {
    return checked;
  }
  const auto signature = signature_of(pdf.substr(keywords->signature_at, kSignatureText));
  std::string unsigned_pdf(pdf);
  unsigned_pdf.replace(keywords->signature_at, kSignatureText, kPlaceholder);
  if (!signature ||
      !privacy::ed25519_verify(checked->key->key, signed_text(kDocumentPurpose, unsigned_pdf),
                               *signature)) {
    checked->verdict = Verdict::altered;
  }
  return checked;
}

}  // namespace shequ::volunteer
