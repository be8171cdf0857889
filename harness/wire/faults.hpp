// What the wire does with each segment it carries, decided from the fixture's fault rules and
// the partitions wire steps put in place. Pure: segments in, decisions out; the wire pump
// holds, delays, drops, copies, corrupts and forwards accordingly.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "harness/fixture/model.hpp"
#include "harness/wire/codec.hpp"

namespace rstlab::wire {

struct decision {
  // forwarded, dropped, held, delayed, reordered (kept back for the rule's next match),
  // corrupted (forwarded with a wrong checksum) or duplicated (forwarded, then a copy).
  fate what = fate::forwarded;
  std::optional<std::size_t> rule;   // the rule that decided; none for a partition
  std::chrono::milliseconds delay{0};
  // A reorder rule's next match: forwarded, then what that rule kept back, right after it.
  std::optional<std::size_t> then_release;
};

class fault_plan {
 public:
  // `draw_key` (draw_key() of the run's seed and the case's name) picks the probabilistic
  // rules' draws.
  explicit fault_plan(const std::vector<fixture::wire_rule>& rules, std::uint64_t draw_key = 0);

  // The fate of the next segment the wire reads (a rule's match counts move).
  decision decide(const segment& s);
  // A packet that is no TCP segment: only a partition stops it.
  decision decide_other(direction d) const;

  void partition(std::optional<direction> d);  // nullopt: both ways
  void heal(std::optional<direction> d);
  void set_active(std::size_t rule, bool on);
  std::optional<std::size_t> rule_id(std::string_view id) const;
  // The hold and reorder rules whose `until` step is `step`.
  std::vector<std::size_t> released_by(std::size_t step) const;
  // What `rule` kept was delivered (its step ended, a release step): a reorder rule waits
  // for no next match any more.
  void let_go(std::size_t rule);

 private:
  bool matches(const fixture::wire_rule& r, const segment& s) const;
  bool counted_in(std::size_t i);
  bool drawn(std::size_t i) const;

  const std::vector<fixture::wire_rule>& rules_;
  std::uint64_t key_;
  std::vector<bool> active_;
  std::vector<std::uint32_t> matched_;  // matches so far, while active
  std::vector<bool> waiting_;           // a reorder rule keeps a segment back for its next match
  std::array<bool, 2> cut_{};           // by direction
};

}  // namespace rstlab::wire
