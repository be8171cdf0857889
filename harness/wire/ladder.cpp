#include "harness/wire/ladder.hpp"

#include <cstdio>
#include <map>
#include <tuple>

#include "harness/wire/notes.hpp"

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

// What the wire did with it, when it did not simply forward it.
std::string fate_note(const segment& s, std::span<const std::string> rules) {
  auto text = fate_text(s, rules);
  return text.empty() ? "" : "   [" + text + "]";
}

// An ICMP error the wire made: who it goes to and why.
std::string icmp_line(const segment& s) {
  char at[32];
  std::snprintf(at, sizeof at, "%9.3f ms  ", static_cast<double>(s.at.count()) / 1000.0);
  return at + icmp_text(s);
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

std::vector<std::string> relative_numbers(std::span<const segment> trace) {
  std::map<conn_key, bases> seen;
  std::vector<std::string> out;
  for (const auto& s : trace) {
    auto& b = seen[key_of(s)];
    // A host's new SYN on this tuple starts a new connection; a forged one does not.
    if (s.has(flag::syn) && !s.has(flag::ack) && s.sent()) b = bases{};
    out.push_back(relative(s, b));
  }
  return out;
}

std::string ladder(std::span<const segment> trace, std::span<const std::string> rules,
                   const std::map<std::size_t, std::string>& marks) {
  if (trace.empty()) return "(no segments crossed the wire)\n";
  auto numbers = relative_numbers(trace);
  std::string out;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    auto text = line(trace[i], numbers[i], rules);
    if (auto m = marks.find(i); m != marks.end()) text.insert(text.size() - 1, "   <== " + m->second);
    out += text;
  }
  return out;
}

}  // namespace rstlab::wire
