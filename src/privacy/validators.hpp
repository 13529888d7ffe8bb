// Checks and masks for the personal data shequ holds. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace shequ::privacy {

// A resident identity card number (公民身份号码, GB 11643-1999): 18 characters; the first 6 a
// region code whose first two digits are a province (11-65, 71, 81, 82); then a real date of
// birth (YYYYMMDD, not before 1900 and not after `today`, given as YYYYMMDD); then a 3-digit
// sequence; then the ISO 7064 MOD 11-2 check character, an upper-case X for 10.
// Every failed rule is a reason on `field`.
Status validate_resident_id(std::string_view id, std::string_view today, const std::string& field);

// A mainland mobile number: 11 digits starting 13-19.
Status validate_mobile(std::string_view mobile, const std::string& field);
// A public work number as dialled (an office line "0931-8888001", a mobile, a short number
// "12345"): 3-30 characters of digits, spaces, '-', '+', '(' and ')', with at least 3 digits.
Status validate_work_phone(std::string_view phone, const std::string& field);

// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of
// 0-9 and A-Z without I, O, Z, S and V; the 3rd to 8th a region code (digits); the last the
// MOD 31 check character. Every failed rule is a reason on `field`.
Status validate_credit_code(std::string_view code, const std::string& field);
// The check character of a credit code's first 17 characters. Precondition: 17 characters of
// the code's alphabet.
char credit_code_check_character(std::string_view first17);

// "620102199001011234" -> "620***********1234": the first 3 and last 4 characters shown.
std::string mask_resident_id(std::string_view id);
// "13812345678" -> "138****5678".
std::string mask_mobile(std::string_view mobile);
// A person's name: "张三丰" -> "张*丰", "张三" -> "张*", "欧阳娜娜" -> "欧**娜"; one star for each
// hidden character. Precondition: valid UTF-8.
std::string mask_name(std::string_view name);
// An address down to its street: what comes before the first digit (the door, building and room
// numbers), at most 12 characters, then "****"; an address without digits keeps its first half.
// "城关区畅家巷12号3单元" -> "城关区畅家巷****"; "红沟村一组" -> "红沟****"; "" -> "".
// Precondition: valid UTF-8.
std::string mask_address(std::string_view address);

// The reason a person states for seeing personal data in clear (a reveal, a subject-access
// export): 2 to `max_chars` characters, so that the audit log says why.
Status validate_reveal_reason(std::string_view reason, std::size_t max_chars);

// What in free text meant for the public (a project's comment, a charity ledger's line) looks
// like a person's identifiers: a resident ID number (17 digits and a check character that is
// right for them) or a mainland mobile number (11 digits starting 13-19), either standing apart
// from other digits. Full-width digits count as digits, and single spaces or hyphens between
// digits are read through ("139 3199 0001", "139-3199-0001"), as people write numbers. Names and
// addresses cannot be told from other words: those are for a moderator. Pure, thread-safe.
enum class IdentifierInText { none, resident_id, mobile };
IdentifierInText identifier_in_text(std::string_view text);

// Text a person entered for the public to read, for a service that checks a whole input at once:
// common/strings.hpp's checked_text, and then refused under `field` when it holds an ID or mobile
// number (a phone belongs in a sealed field, never in public words).
std::string checked_public_text(std::string_view value, const std::string& field,
                                std::size_t max_chars, bool required,
                                std::vector<FieldError>& errors);

// The MOD 11-2 check character for the first 17 digits. Precondition: 17 ASCII digits.
char resident_id_check_character(std::string_view first17);

}  // namespace shequ::privacy
