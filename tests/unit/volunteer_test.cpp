// The volunteer hour record's chain (volunteer/hour_chain.hpp): what a changed, removed or
// reordered entry looks like to the check, entry by entry.
#include <gtest/gtest.h>

#include <vector>

#include "volunteer/hour_chain.hpp"

namespace shequ::volunteer {
namespace {

ChainKey key_of(unsigned char seed) {
  ChainKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(seed + i);
  return key;
}

// Ten entries as the service writes them: three hours each, the seventh a correction of the
// second (an hour too many).
std::vector<HourEntry> chain(const ChainKey& key) {
  std::vector<HourEntry> entries;
  std::string previous{kGenesisMac};
  for (int64_t seq = 1; seq <= 10; ++seq) {
    HourEntry e{.seq = seq,
                .volunteer_id = 100 + seq % 3,
                .activity_id = 7 + seq / 4,
                .unit_code = "620102001001",
                .served_on = "2026-11-0" + std::to_string(seq % 9 + 1),
                .minutes = 180,
                .recorded_by = 5,
                .recorded_at = "2026-11-20T08:00:0" + std::to_string(seq % 10) + ".000Z"};
    if (seq == 7) {
      e.minutes = -60;
      e.corrects = 2;
      e.reason = "签退时间记错";
    }
    e.mac = entry_mac(key, previous, e);
    previous = e.mac;
    entries.push_back(e);
  }
  return entries;
}

std::vector<ChainFlaw> check(const std::vector<HourEntry>& entries, const ChainKey& key) {
  ChainCheck c(key);
  for (const HourEntry& e : entries) c.add(e);
  return c.flaws();
}

TEST(HourChain, AnIntactChainHasNoFlawAndEndsAtItsLastEntry) {
  const ChainKey key = key_of(1);
  const auto entries = chain(key);
  ChainCheck c(key);
  for (const HourEntry& e : entries) c.add(e);
  EXPECT_TRUE(c.flaws().empty());
  EXPECT_EQ(c.entries(), 10);
  EXPECT_EQ(c.last_seq(), 10);
  EXPECT_EQ(c.last_mac(), entries.back().mac);
  EXPECT_FALSE(c.ends_before(10));
  EXPECT_TRUE(c.ends_before(11));
  // Another key file's chain does not hold under this key.
  EXPECT_EQ(check(chain(key_of(2)), key).size(), 10u);
}

// Each field of an entry, changed alone, breaks that entry and no other.
TEST(HourChain, EveryFieldChangedIsFoundInItsEntryAlone) {
  const ChainKey key = key_of(1);
  const std::vector<std::pair<const char*, void (*)(HourEntry&)>> edits{
      {"volunteer", [](HourEntry& e) { e.volunteer_id = 999; }},
      {"activity", [](HourEntry& e) { e.activity_id += 1; }},
      {"unit", [](HourEntry& e) { e.unit_code = "620102001002"; }},
      {"served on", [](HourEntry& e) { e.served_on = "2026-10-01"; }},
      {"minutes", [](HourEntry& e) { e.minutes = 1800; }},
      {"corrects", [](HourEntry& e) { e.corrects = 3; }},
      {"no longer a correction", [](HourEntry& e) { e.corrects.reset(); }},
      {"reason", [](HourEntry& e) { e.reason = "改"; }},
      {"recorded by", [](HourEntry& e) { e.recorded_by = 6; }},
      {"recorded at", [](HourEntry& e) { e.recorded_at = "2026-11-21T08:00:00.000Z"; }},
      {"mac", [](HourEntry& e) { e.mac[0] = e.mac[0] == 'a' ? 'b' : 'a'; }},
  };
  for (const auto& [name, edit] : edits) {
    auto entries = chain(key);
    edit(entries[6]);  // the correction, seq 7
    const auto flaws = check(entries, key);
    // A changed MAC also breaks the link of the entry after it.
    const std::size_t expected = std::string(name) == "mac" ? 2u : 1u;
    ASSERT_EQ(flaws.size(), expected) << name;
    EXPECT_EQ(flaws[0].flaw, Flaw::edited) << name;
    EXPECT_EQ(flaws[0].seq, 7) << name;
    EXPECT_EQ(flaws[0].volunteer_id, entries[6].volunteer_id) << name;
    EXPECT_EQ(flaws[0].activity_id, entries[6].activity_id) << name;
  }
}

TEST(HourChain, RemovedEntriesLeaveAGapBeforeTheNextAndTheNewestAreFoundByTheAnchor) {
  const ChainKey key = key_of(1);
  auto entries = chain(key);
  entries.erase(entries.begin() + 3, entries.begin() + 5);  // seq 4 and 5
  const auto flaws = check(entries, key);
  ASSERT_EQ(flaws.size(), 1u);
  EXPECT_EQ(flaws[0].flaw, Flaw::follows_gap);
  EXPECT_EQ(flaws[0].seq, 6);
  EXPECT_EQ(flaws[0].missing_from, 4);

  // The newest removed: the chain is whole but ends before the seq the audit log names.
  auto newest = chain(key);
  newest.pop_back();
  ChainCheck c(key);
  for (const HourEntry& e : newest) c.add(e);
  EXPECT_TRUE(c.flaws().empty());
  EXPECT_TRUE(c.ends_before(10));
}

TEST(HourChain, AnEntryRepeatedOrMovedBackIsOutOfOrder) {
  const ChainKey key = key_of(1);
  auto entries = chain(key);
  entries.insert(entries.begin() + 5, entries[2]);  // seq 3 again after seq 5
  const auto flaws = check(entries, key);
  ASSERT_EQ(flaws.size(), 1u);
  EXPECT_EQ(flaws[0].flaw, Flaw::out_of_order);
  EXPECT_EQ(flaws[0].seq, 3);
}

}  // namespace
}  // namespace shequ::volunteer
