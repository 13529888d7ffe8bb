// The charity module's declaration (kit/module.hpp): the charity funds of villages, communities
// and streets (公益慈善, one of the 五社联动) — an append-only ledger of the money and goods given
// to a fund and given out of it, public to residents.
#pragma once

#include <string_view>
#include <vector>

#include "kit/module.hpp"
#include "storage/migrations.hpp"

namespace shequ::charity {

// Reading the funds and ledgers in scope (donors masked).
inline constexpr std::string_view kEntryRead = "charity:entry:read";
// Recording what comes in and goes out, and reversing a mistaken entry.
inline constexpr std::string_view kEntryWrite = "charity:entry:write";
// A donor's name and phone in clear, for a stated reason (thanks, receipts).
inline constexpr std::string_view kDonorReveal = "charity:donor:reveal";

inline constexpr std::string_view kAuditEntry = "charity.entry.create";
inline constexpr std::string_view kAuditCorrect = "charity.entry.correct";
inline constexpr std::string_view kAuditReveal = "charity.donor.reveal";

inline constexpr std::string_view kDonorContext = "charity_entry.donor";
inline constexpr std::string_view kDonorPhoneContext = "charity_entry.donor_phone";

const kit::ModuleDeclaration& declaration();

// This module's schema migrations (generated from migrations/*.sql).
const std::vector<storage::Migration>& migrations();

}  // namespace shequ::charity
