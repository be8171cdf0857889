#include "harness/wire/notes.hpp"


namespace rstlab::wire {
namespace {

// A rule by its id, or by its number when it has none.
std::string rule_name(std::size_t rule, std::span<const std::string> rules) {
  bool named = rule < rules.size() && !rules[rule].empty();
  return named ? "'" + rules[rule] + "'" : std::to_string(rule + 1);
}

}  // namespace

std::string fate_text(const segment& s, std::span<const std::string> rules) {
  auto by = s.rule ? " by rule " + rule_name(*s.rule, rules) : std::string(" by the partition");
  switch (s.what) {
    case fate::forwarded: return "";
    case fate::dropped: return "dropped" + by;
    case fate::held: return "held" + by;
    case fate::delayed: return "delayed" + by;
    case fate::released: return "released" + by;
    case fate::delivered: return "delivered late" + by;
    case fate::injected: return "forged by the wire";
    case fate::duplicated: return "duplicated" + by;
    case fate::reordered: return "reordered" + by + ": held until its next match";
    case fate::corrupted: return "corrupted" + by + ": wrong TCP checksum";
  }
  return "";
}

std::string icmp_text(const segment& s) {
  bool v4 = s.dst.fam == core::family::v4;
  return std::string(v4 ? "ICMP" : "ICMPv6") + " unreachable (" +
         unreachable_name(s.dst.fam, s.icmp_code.value_or(0)) + ") to the " +
         core::host_name(core::receiver(s.dir)) + " host";
}

}  // namespace rstlab::wire
