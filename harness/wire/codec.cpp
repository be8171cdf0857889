#include "harness/wire/codec.hpp"

#include <algorithm>
#include <utility>

namespace rstlab::wire {
namespace {

using core::family;
using core::ip_address;

constexpr std::size_t ip4_min = 20, ip6_len = 40, tcp_min = 20;
constexpr std::uint8_t proto_tcp = 6, proto_icmp = 1, proto_icmp6 = 58;
// An ICMPv6 error quotes as much of the packet as fits in the minimum IPv6 MTU.
constexpr std::size_t ip6_min_mtu = 1280;

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

std::size_t src_at(family f) { return f == family::v4 ? 12 : 8; }
std::size_t addr_len(family f) { return f == family::v4 ? 4 : 16; }

ip_address address_at(std::span<const std::uint8_t> p, std::size_t at, family f) {
  if (f == family::v4) return ip_address::v4(be32(p, at));
  return ip_address::v6(p.subspan(at).first<16>());
}

// An IP header without options for `payload` bytes of protocol `proto`, the payload zeroed
// and every checksum left for the caller's last step.
std::vector<std::uint8_t> ip_header(const ip_address& src, const ip_address& dst,
                                    std::uint8_t proto, std::size_t payload) {
  bool v4 = src.fam == family::v4;
  std::vector<std::uint8_t> p((v4 ? ip4_min : ip6_len) + payload);
  if (v4) {
    p[0] = 0x45;
    put16(p, 2, static_cast<std::uint16_t>(p.size()));
    put16(p, 6, 0x4000);  // don't fragment
    p[8] = 64;
    p[9] = proto;
  } else {
    p[0] = 0x60;
    put16(p, 4, static_cast<std::uint16_t>(payload));
    p[6] = proto;
    p[7] = 64;
  }
  std::copy_n(src.wire().begin(), addr_len(src.fam), p.begin() + long(src_at(src.fam)));
  std::copy_n(dst.wire().begin(), addr_len(dst.fam),
              p.begin() + long(src_at(dst.fam) + addr_len(dst.fam)));
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

// Where the IP header ends and the packet ends, for a whole, unfragmented IPv4 or IPv6
// packet carrying TCP; nullopt for anything else.
struct layout {
  family fam;
  std::size_t ihl, total;
};

std::optional<layout> locate_ip(std::span<const std::uint8_t> p) {
  if (p.empty()) return std::nullopt;
  if (p[0] >> 4 == 4) {
    if (p.size() < ip4_min) return std::nullopt;
    std::size_t ihl = std::size_t{p[0] & 0x0fu} * 4, total = be16(p, 2);
    if (ihl < ip4_min || total < ihl || total > p.size() || p[9] != proto_tcp) return std::nullopt;
    return layout{family::v4, ihl, total};
  }
  if (p[0] >> 4 != 6 || p.size() < ip6_len || p[6] != proto_tcp) return std::nullopt;
  std::size_t total = ip6_len + be16(p, 4);
  if (total > p.size()) return std::nullopt;
  return layout{family::v6, ip6_len, total};
}

std::optional<layout> locate(std::span<const std::uint8_t> p) {
  auto l = locate_ip(p);
  if (!l || l->total < l->ihl + tcp_min) return std::nullopt;
  std::size_t doff = static_cast<std::size_t>(p[l->ihl + 12] >> 4) * 4;
  if (doff < tcp_min || l->ihl + doff > l->total) return std::nullopt;
  return l;
}

// The pseudo-header's sum: both addresses, the upper-layer length and protocol.
std::uint32_t pseudo_sum(std::span<const std::uint8_t> p, family f, std::uint8_t proto,
                         std::size_t length) {
  std::uint32_t sum = sum_words(p.subspan(src_at(f), 2 * addr_len(f)));
  return sum + proto + static_cast<std::uint32_t>(length >> 16) +
         static_cast<std::uint32_t>(length & 0xffff);
}

std::uint16_t tcp_sum(std::span<const std::uint8_t> p, const layout& l) {
  auto length = l.total - l.ihl;
  return fold(sum_words(p.subspan(l.ihl, length), pseudo_sum(p, l.fam, proto_tcp, length)));
}

}  // namespace

std::optional<ip_address> destination(std::span<const std::uint8_t> p) {
  auto version = p.empty() ? 0 : p[0] >> 4;
  if (version == 4 && p.size() >= ip4_min) return address_at(p, 16, family::v4);
  if (version == 6 && p.size() >= ip6_len) return address_at(p, 24, family::v6);
  return std::nullopt;
}

std::optional<segment> decode(std::span<const std::uint8_t> p) {
  auto l = locate(p);
  if (!l) return std::nullopt;
  auto t = p.subspan(l->ihl);
  segment s;
  s.src = address_at(p, src_at(l->fam), l->fam);
  s.dst = address_at(p, src_at(l->fam) + addr_len(l->fam), l->fam);
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
  if (!l) return false;
  bool header_ok = l->fam == family::v6 || fold(sum_words(p.first(l->ihl))) == 0;
  return header_ok && tcp_sum(p, *l) == 0;
}

std::vector<std::uint8_t> craft_tcp(const tcp_fields& f) {
  auto p = ip_header(f.src, f.dst, proto_tcp, tcp_min);
  auto t = std::span(p).subspan(p.size() - tcp_min);
  put16(t, 0, f.sport);
  put16(t, 2, f.dport);
  put32(t, 4, f.seq);
  put32(t, 8, f.ack);
  t[12] = (tcp_min / 4) << 4;
  t[13] = f.flags;
  put16(t, 14, f.window);
  fix_checksums(p);
  return p;
}

std::optional<std::uint8_t> unreachable_code(family f, unreachable why) {
  using u = unreachable;
  if (f == family::v4) {
    switch (why) {
      case u::net: return 0;
      case u::host: return 1;
      case u::protocol: return 2;
      case u::port: return 3;
      case u::admin_prohibited: return 13;  // communication administratively filtered
    }
  }
  switch (why) {
    case u::net: return 0;               // no route to destination
    case u::admin_prohibited: return 1;  // communication administratively prohibited
    case u::host: return 3;              // address unreachable
    case u::port: return 4;
    case u::protocol: return std::nullopt;
  }
  return std::nullopt;
}

std::string unreachable_name(family f, std::uint8_t code) {
  using u = unreachable;
  constexpr std::pair<u, const char*> names[] = {{u::net, "net"},
                                                 {u::host, "host"},
                                                 {u::protocol, "protocol"},
                                                 {u::port, "port"},
                                                 {u::admin_prohibited, "admin-prohibited"}};
  for (auto [why, name] : names)
    if (unreachable_code(f, why) == code) return name;
  return std::to_string(code);
}

std::vector<std::uint8_t> craft_unreachable(const ip_address& src, const ip_address& dst,
                                            std::uint8_t code,
                                            std::span<const std::uint8_t> original) {
  bool v4 = src.fam == family::v4;
  std::size_t ihl = v4 ? ip4_min : ip6_len;
  std::size_t quote = v4 ? (original.empty() ? 0 : std::size_t{original[0] & 0x0fu} * 4 + 8)
                         : ip6_min_mtu - ip6_len - 8;
  auto quoted = original.first(std::min(original.size(), quote));
  auto p = ip_header(src, dst, v4 ? proto_icmp : proto_icmp6, 8 + quoted.size());
  p[ihl] = v4 ? 3 : 1;  // destination unreachable
  p[ihl + 1] = code;
  std::copy(quoted.begin(), quoted.end(), p.begin() + long(ihl + 8));
  auto message = std::span(p).subspan(ihl);
  std::uint32_t pseudo = v4 ? 0 : pseudo_sum(p, family::v6, proto_icmp6, message.size());
  put16(p, ihl + 2, fold(sum_words(message, pseudo)));
  if (v4) put16(p, 10, fold(sum_words(std::span(p).first(ihl))));
  return p;
}

void fix_checksums(std::span<std::uint8_t> p) {
  auto l = locate(p);
  if (!l) return;
  if (l->fam == family::v4) {
    put16(p, 10, 0);
    put16(p, 10, fold(sum_words(p.first(l->ihl))));
  }
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
