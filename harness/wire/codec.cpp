#include "harness/wire/codec.hpp"

#include <algorithm>
#include <utility>

namespace rstlab::wire {
namespace {

constexpr std::size_t ip_min = 20, tcp_min = 20;
constexpr std::uint8_t proto_tcp = 6;

std::uint16_t be16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}

std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t at) {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 |
         std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

void put16(std::span<std::uint8_t> b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v >> 8);
  b[at + 1] = static_cast<std::uint8_t>(v & 0xff);
}

void put32(std::span<std::uint8_t> b, std::size_t at, std::uint32_t v) {
  put16(b, at, static_cast<std::uint16_t>(v >> 16));
  put16(b, at + 2, static_cast<std::uint16_t>(v & 0xffff));
}

// An IPv4 header without options for `payload` bytes of protocol `proto`, its checksum left
// for the caller's last step.
std::vector<std::uint8_t> ipv4_header(std::uint32_t src, std::uint32_t dst, std::uint8_t proto,
                                      std::size_t payload) {
  std::vector<std::uint8_t> p(ip_min + payload);
  p[0] = 0x45;
  put16(p, 2, static_cast<std::uint16_t>(p.size()));
  put16(p, 6, 0x4000);  // don't fragment
  p[8] = 64;
  p[9] = proto;
  put32(p, 12, src);
  put32(p, 16, dst);
  return p;
}

// The one's-complement sum of 16-bit big-endian words, not yet folded.
std::uint32_t sum_words(std::span<const std::uint8_t> b, std::uint32_t sum = 0) {
  std::size_t i = 0;
  for (; i + 1 < b.size(); i += 2) sum += be16(b, i);
  if (i < b.size()) sum += std::uint32_t{b[i]} << 8;
  return sum;
}

std::uint16_t fold(std::uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

// Where the IPv4 header ends and the TCP segment's length, or nullopt if this is not
// a whole, unfragmented IPv4/TCP packet.
struct layout {
  std::size_t ihl, total;
};

std::optional<layout> locate(std::span<const std::uint8_t> p) {
  if (p.size() < ip_min || p[0] >> 4 != 4) return std::nullopt;
  std::size_t ihl = std::size_t{p[0] & 0x0fu} * 4;
  std::size_t total = be16(p, 2);
  if (ihl < ip_min || total < ihl + tcp_min || total > p.size() || p[9] != proto_tcp)
    return std::nullopt;
  std::size_t doff = static_cast<std::size_t>(p[ihl + 12] >> 4) * 4;
  if (doff < tcp_min || ihl + doff > total) return std::nullopt;
  return layout{ihl, total};
}

std::uint16_t tcp_sum(std::span<const std::uint8_t> p, const layout& l) {
  std::uint32_t pseudo = sum_words(p.subspan(12, 8));  // source and destination addresses
  pseudo += proto_tcp + static_cast<std::uint32_t>(l.total - l.ihl);
  return fold(sum_words(p.subspan(l.ihl, l.total - l.ihl), pseudo));
}

}  // namespace

std::optional<std::uint32_t> ipv4_destination(std::span<const std::uint8_t> p) {
  if (p.size() < ip_min || p[0] >> 4 != 4) return std::nullopt;
  return be32(p, 16);
}

std::optional<segment> decode(std::span<const std::uint8_t> p) {
  auto l = locate(p);
  if (!l) return std::nullopt;
  auto t = p.subspan(l->ihl);
  segment s;
  s.src = be32(p, 12);
  s.dst = be32(p, 16);
  s.sport = be16(t, 0);
  s.dport = be16(t, 2);
  s.seq = be32(t, 4);
  s.ack = be32(t, 8);
  s.flags = t[13];
  s.window = be16(t, 14);
  s.payload = static_cast<std::uint32_t>(l->total - l->ihl - static_cast<std::size_t>(t[12] >> 4) * 4);
  return s;
}

bool checksums_ok(std::span<const std::uint8_t> p) {
  auto l = locate(p);
  return l && fold(sum_words(p.first(l->ihl))) == 0 && tcp_sum(p, *l) == 0;
}

std::vector<std::uint8_t> craft_tcp(const tcp_fields& f) {
  auto p = ipv4_header(f.src, f.dst, proto_tcp, tcp_min);
  put16(p, ip_min, f.sport);
  put16(p, ip_min + 2, f.dport);
  put32(p, ip_min + 4, f.seq);
  put32(p, ip_min + 8, f.ack);
  p[ip_min + 12] = (tcp_min / 4) << 4;
  p[ip_min + 13] = f.flags;
  put16(p, ip_min + 14, f.window);
  fix_checksums(p);
  return p;
}

std::vector<std::uint8_t> craft_unreachable(std::uint32_t src, std::uint32_t dst,
                                            std::uint8_t code,
                                            std::span<const std::uint8_t> original) {
  constexpr std::uint8_t proto_icmp = 1;
  std::size_t ihl = original.empty() ? 0 : std::size_t{original[0] & 0x0fu} * 4;
  auto quoted = original.first(std::min(original.size(), ihl + 8));
  auto p = ipv4_header(src, dst, proto_icmp, 8 + quoted.size());
  p[ip_min] = 3;  // destination unreachable
  p[ip_min + 1] = code;
  std::copy(quoted.begin(), quoted.end(), p.begin() + ip_min + 8);
  put16(p, ip_min + 2, fold(sum_words(std::span(p).subspan(ip_min))));
  put16(p, 10, fold(sum_words(std::span(p).first(ip_min))));
  return p;
}

void fix_checksums(std::span<std::uint8_t> p) {
  auto l = locate(p);
  if (!l) return;
  put16(p, 10, 0);
  put16(p, 10, fold(sum_words(p.first(l->ihl))));
  put16(p, l->ihl + 16, 0);
  put16(p, l->ihl + 16, tcp_sum(p, *l));
}

// Flipping the lowest bit moves the sum by one: never a multiple of 0xFFFF, so one's-complement
// arithmetic never reads the new value as right (adding 1 would: 0xFFFF and 0x0000 are equal).
bool corrupt_tcp_checksum(std::span<std::uint8_t> p) {
  auto l = locate(p);
  if (!l) return false;
  p[l->ihl + 17] ^= 0x01;
  return true;
}

std::string flags_text(std::uint8_t f) {
  // tcpdump's order: F S R P . U E W.
  constexpr std::pair<std::uint8_t, char> letters[] = {
      {flag::fin, 'F'}, {flag::syn, 'S'}, {flag::rst, 'R'}, {flag::psh, 'P'},
      {flag::ack, '.'}, {flag::urg, 'U'}, {flag::ece, 'E'}, {flag::cwr, 'W'}};
  std::string out;
  for (auto [bit, letter] : letters)
    if (f & bit) out += letter;
  return out.empty() ? "none" : out;
}

}  // namespace rstlab::wire
