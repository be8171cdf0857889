#include "harness/wire/ladder.hpp"

#include <cstdio>
#include <map>
#include <tuple>

namespace rstlab::wire {
namespace {

// A connection as the client host sees it: its port and the server host's port.
using conn_key = std::pair<std::uint16_t, std::uint16_t>;

conn_key key_of(const segment& s) {
  return s.dir == direction::to_server ? conn_key{s.sport, s.dport} : conn_key{s.dport, s.sport};
}

// Initial sequence numbers of each side of one connection, learnt as segments go by.
struct bases {
  std::optional<std::uint32_t> side[2];  // indexed by sending host
};

using core::index;

// Distance from the base, signed: a segment of an older connection on the same ports (a
// TIME_WAIT socket's ACK, say) numbers below the new connection's start.
std::string offset(std::uint32_t value, std::uint32_t base) {
  return std::to_string(static_cast<std::int32_t>(value - base));
}

std::string relative(const segment& s, bases& b) {
  auto me = index(sender(s.dir)), peer = 1 - me;
  if (!b.side[me]) b.side[me] = s.seq;
  std::string out = "seq " + offset(s.seq, *b.side[me]);
  if (s.has(flag::ack))
    out += " ack " + (b.side[peer] ? offset(s.ack, *b.side[peer]) : std::to_string(s.ack));
  return out;
}

// A rule by its id, or by its number when it has none.
std::string rule_name(const segment& s, std::span<const std::string> rules) {
  if (!s.rule) return "";
  bool named = *s.rule < rules.size() && !rules[*s.rule].empty();
  return named ? " '" + rules[*s.rule] + "'" : " " + std::to_string(*s.rule + 1);
}

// What the wire did with it, when it did not simply forward it.
std::string fate_note(const segment& s, std::span<const std::string> rules) {
  auto by = s.rule ? " by rule" + rule_name(s, rules) : std::string(" by the partition");
  switch (s.what) {
    case fate::forwarded: return "";
    case fate::dropped: return "   [dropped" + by + "]";
    case fate::held: return "   [held" + by + "]";
    case fate::delayed: return "   [delayed" + by + "]";
    case fate::released: return "   [released" + by + "]";
    case fate::delivered: return "   [delivered late" + by + "]";
    case fate::injected: return "   [forged by the wire]";
    case fate::duplicated: return "   [duplicated" + by + "]";
    case fate::reordered: return "   [reordered" + by + ": held until its next match]";
    case fate::corrupted: return "   [corrupted" + by + ": wrong TCP checksum]";
  }
  return "";
}

// An ICMP error the wire made: who it goes to and why.
std::string icmp_line(const segment& s) {
  constexpr const char* codes[] = {"net",  "host", "protocol", "port", "need-frag", "source-route"};
  auto code = *s.icmp_code;
  std::string why = code < std::size(codes) ? codes[code] : code == 13 ? "admin-prohibited"
                                                                      : std::to_string(code);
  char buf[160];
  std::snprintf(buf, sizeof buf, "%9.3f ms  ICMP unreachable (%s) to the %s host",
                static_cast<double>(s.at.count()) / 1000.0, why.c_str(),
                core::host_name(core::receiver(s.dir)));
  return buf;
}

std::string line(const segment& s, const std::string& numbers, std::span<const std::string> rules) {
  if (s.icmp_code) return icmp_line(s) + fate_note(s, rules) + "\n";
  bool up = s.dir == direction::to_server;
  auto cport = up ? s.sport : s.dport, sport = up ? s.dport : s.sport;
  char buf[200];
  std::snprintf(buf, sizeof buf, "%9.3f ms  client:%-5u %s server:%-5u  %-3s %s win %u len %u",
                static_cast<double>(s.at.count()) / 1000.0, unsigned{cport},
                up ? "-->" : "<--", unsigned{sport}, flags_text(s.flags).c_str(),
                numbers.c_str(), unsigned{s.window}, unsigned{s.payload});
  std::string out = buf;
  if (s.has(flag::rst) && s.sent())
    out += std::string("   <- RST from ") + core::host_name(sender(s.dir));
  return out + fate_note(s, rules) + "\n";
}

}  // namespace

std::string ladder(std::span<const segment> trace, std::span<const std::string> rules,
                   const std::map<std::size_t, std::string>& marks) {
  if (trace.empty()) return "(no segments crossed the wire)\n";
  std::map<conn_key, bases> seen;
  std::string out;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const auto& s = trace[i];
    auto& b = seen[key_of(s)];
    // A host's new SYN on this tuple starts a new connection; a forged one does not.
    if (s.has(flag::syn) && !s.has(flag::ack) && s.sent()) b = bases{};
    auto text = line(s, relative(s, b), rules);
    if (auto m = marks.find(i); m != marks.end()) text.insert(text.size() - 1, "   <== " + m->second);
    out += text;
  }
  return out;
}

}  // namespace rstlab::wire
