#include "harness/wire/faults.hpp"

#include "harness/wire/draws.hpp"

namespace rstlab::wire {
namespace {

using fixture::wire_rule;

fate fate_of(wire_rule::act a) {
  switch (a) {
    case wire_rule::act::drop: return fate::dropped;
    case wire_rule::act::hold: return fate::held;
    case wire_rule::act::delay: return fate::delayed;
    case wire_rule::act::duplicate: return fate::duplicated;
    case wire_rule::act::reorder: return fate::reordered;
    case wire_rule::act::corrupt: return fate::corrupted;
  }
  return fate::dropped;
}

const decision partitioned{fate::dropped, std::nullopt, {}, std::nullopt};

bool payload_fits(wire_rule::payload_kind p, std::uint32_t bytes) {
  if (p == wire_rule::payload_kind::none) return bytes == 0;
  if (p == wire_rule::payload_kind::data) return bytes > 0;
  return true;
}

}  // namespace

fault_plan::fault_plan(const std::vector<fixture::wire_rule>& rules, std::uint64_t draw_key)
    : rules_(rules),
      key_(draw_key),
      active_(rules.size()),
      matched_(rules.size()),
      waiting_(rules.size()) {
  for (std::size_t i = 0; i < rules.size(); ++i) active_[i] = rules[i].active;
}

bool fault_plan::matches(const wire_rule& r, const segment& s) const {
  return (!r.from || *r.from == sender(s.dir)) && (!r.flags || *r.flags == s.flags) &&
         payload_fits(r.payload, s.payload);
}

// Every match counts; the rule acts on every one, or on `times` of them from the nth on.
bool fault_plan::counted_in(std::size_t i) {
  auto n = ++matched_[i];
  const auto& r = rules_[i];
  return r.nth == 0 || (n >= r.nth && n - r.nth < r.times);
}

bool fault_plan::drawn(std::size_t i) const {
  const auto& p = rules_[i].probability;
  return !p || draw(key_, i, matched_[i]) < *p;
}

// A reorder rule holding a segment back takes its next match as the one to go ahead, whatever
// `which` and `probability` say: it is forwarded, and the kept one right after it.
decision fault_plan::decide(const segment& s) {
  if (cut_[static_cast<std::size_t>(s.dir)]) return partitioned;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (!active_[i] || !matches(rules_[i], s)) continue;
    if (waiting_[i]) {
      ++matched_[i];
      waiting_[i] = false;
      return {fate::forwarded, i, {}, i};
    }
    if (!counted_in(i) || !drawn(i)) continue;
    waiting_[i] = rules_[i].action == wire_rule::act::reorder;
    return {fate_of(rules_[i].action), i, rules_[i].delay, std::nullopt};
  }
  return {};
}

decision fault_plan::decide_other(direction d) const {
  return cut_[static_cast<std::size_t>(d)] ? partitioned : decision{};
}

void fault_plan::partition(std::optional<direction> d) {
  for (auto dir : {direction::to_server, direction::to_client})
    if (!d || *d == dir) cut_[static_cast<std::size_t>(dir)] = true;
}

void fault_plan::heal(std::optional<direction> d) {
  for (auto dir : {direction::to_server, direction::to_client})
    if (!d || *d == dir) cut_[static_cast<std::size_t>(dir)] = false;
}

void fault_plan::set_active(std::size_t rule, bool on) { active_.at(rule) = on; }

std::optional<std::size_t> fault_plan::rule_id(std::string_view id) const {
  for (std::size_t i = 0; i < rules_.size(); ++i)
    if (rules_[i].id == id) return i;
  return std::nullopt;
}

std::vector<std::size_t> fault_plan::released_by(std::size_t step) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < rules_.size(); ++i)
    if (rules_[i].until == step) out.push_back(i);
  return out;
}

void fault_plan::let_go(std::size_t rule) { waiting_.at(rule) = false; }

}  // namespace rstlab::wire
