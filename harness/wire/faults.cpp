#include "harness/wire/faults.hpp"

namespace rstlab::wire {
namespace {

using fixture::wire_rule;

fate fate_of(wire_rule::act a) {
  if (a == wire_rule::act::hold) return fate::held;
  if (a == wire_rule::act::delay) return fate::delayed;
  return fate::dropped;
}

bool payload_fits(wire_rule::payload_kind p, std::uint32_t bytes) {
  if (p == wire_rule::payload_kind::none) return bytes == 0;
  if (p == wire_rule::payload_kind::data) return bytes > 0;
  return true;
}

}  // namespace

fault_plan::fault_plan(const std::vector<fixture::wire_rule>& rules)
    : rules_(rules), active_(rules.size()), matched_(rules.size()) {
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

decision fault_plan::decide(const segment& s) {
  if (cut_[static_cast<std::size_t>(s.dir)]) return {fate::dropped, std::nullopt};
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (!active_[i] || !matches(rules_[i], s) || !counted_in(i)) continue;
    return {fate_of(rules_[i].action), i, rules_[i].delay};
  }
  return {};
}

decision fault_plan::decide_other(direction d) const {
  return cut_[static_cast<std::size_t>(d)] ? decision{fate::dropped, std::nullopt} : decision{};
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

}  // namespace rstlab::wire
