#include "volunteer/hour_chain.hpp"

#include <fmt/format.h>

#include "privacy/crypto.hpp"

namespace shequ::volunteer {

namespace {

void field(std::string& out, std::string_view value) {
  out += fmt::format("{}:", value.size());
  out += value;
  out += '|';
}

void field(std::string& out, int64_t value) {
  field(out, std::to_string(value));
}

}  // namespace

std::string entry_mac(const ChainKey& key, std::string_view previous_mac, const HourEntry& entry) {
  std::string fields;
  field(fields, entry.seq);
  field(fields, entry.volunteer_id);
  field(fields, entry.activity_id);
  field(fields, entry.unit_code);
  field(fields, entry.served_on);
  field(fields, entry.minutes);
  field(fields, entry.corrects ? std::to_string(*entry.corrects) : std::string());
  field(fields, entry.reason);
  field(fields, entry.recorded_by);
  field(fields, entry.recorded_at);
  return privacy::to_hex(privacy::hmac_sm3(key, {previous_mac, "|", fields}));
}

void ChainCheck::add(const HourEntry& entry) {
  ++entries_;
  const ChainFlaw about{.flaw = Flaw::edited,
                        .seq = entry.seq,
                        .volunteer_id = entry.volunteer_id,
                        .activity_id = entry.activity_id};
  if (entry.seq <= last_seq_) {
    ChainFlaw step_back = about;
    step_back.flaw = Flaw::out_of_order;
    flaws_.push_back(step_back);
    return;  // the chain goes on from the entry before
  }
  if (entry.seq > last_seq_ + 1) {
    ChainFlaw gap = about;
    gap.flaw = Flaw::follows_gap;
    gap.missing_from = last_seq_ + 1;
    flaws_.push_back(gap);
  } else if (entry_mac(key_, last_mac_, entry) != entry.mac) {
    flaws_.push_back(about);
  }
  last_seq_ = entry.seq;
  last_mac_ = entry.mac;
}

}  // namespace shequ::volunteer
