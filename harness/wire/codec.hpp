// IPv4/TCP and IPv6/TCP segments as the wire sees them: decoding for the trace, checksums for
// packets the wire builds or alters, and the packets it makes itself (forged segments, ICMP
// and ICMPv6 errors). Pure: bytes in, values out.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/core/address.hpp"
#include "harness/core/host.hpp"

namespace rstlab::wire {

using core::direction;
using core::sender;

namespace flag {
inline constexpr std::uint8_t fin = 0x01, syn = 0x02, rst = 0x04, psh = 0x08, ack = 0x10,
                              urg = 0x20, ece = 0x40, cwr = 0x80;
}

using core::fate;

struct segment {
  std::chrono::microseconds at{0};  // since the case started (set by the wire, not decode)
  direction dir = direction::to_server;  // set by the wire, not decode
  core::ip_address src, dst;
  std::uint16_t sport = 0, dport = 0;
  std::uint32_t seq = 0, ack = 0;   // absolute, as on the wire
  std::uint8_t flags = 0;
  std::uint16_t window = 0;
  std::uint32_t payload = 0;        // TCP payload bytes
  fate what = fate::forwarded;       // set by the wire, not decode
  std::optional<std::size_t> rule;   // the fault rule behind a fate other than forwarded
  std::optional<std::uint8_t> icmp_code;  // an ICMP unreachable the wire made, not a segment

  bool has(std::uint8_t f) const { return (flags & f) != 0; }
  // The host's own sending of it (not a later delivery of something held, delayed or
  // reordered, nor the wire's own forgery or copy).
  bool sent() const {
    return what != fate::released && what != fate::delivered && what != fate::injected &&
           what != fate::duplicated;
  }
};

// The destination of any IPv4 or IPv6 packet; nullopt for anything else.
std::optional<core::ip_address> destination(std::span<const std::uint8_t> packet);

// Decodes an IPv4 or IPv6 packet carrying TCP (no IPv6 extension headers); nullopt for
// anything else or a truncated packet.
std::optional<segment> decode(std::span<const std::uint8_t> packet);

// True when the TCP checksum (and for IPv4 the header checksum) is right.
bool checksums_ok(std::span<const std::uint8_t> packet);

// Recomputes the IPv4 header and TCP checksums in place (for packets the wire builds or edits).
void fix_checksums(std::span<std::uint8_t> packet);

// Makes the TCP checksum wrong in place, the IP header left right, so that the receiving
// host's TCP (not its IP layer) refuses the segment. False for a packet that is no TCP segment.
bool corrupt_tcp_checksum(std::span<std::uint8_t> packet);

// A TCP segment the wire builds itself (a forged RST, say): the family of its addresses,
// TTL / hop limit 64, no options, checksums right.
struct tcp_fields {
  core::ip_address src, dst;
  std::uint16_t sport = 0, dport = 0;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t flags = 0;
  std::uint16_t window = 0;
};
std::vector<std::uint8_t> craft_tcp(const tcp_fields& f);

// Why a destination is unreachable, in words both ICMP versions share.
enum class unreachable { net, host, protocol, port, admin_prohibited };

// The ICMP (type 3) or ICMPv6 (type 1) code for `why`; nullopt where the family has none
// (ICMPv6 has no protocol unreachable: that is a parameter problem, not a destination error).
std::optional<std::uint8_t> unreachable_code(core::family f, unreachable why);

// The word for an unreachable code of family `f` ("port", "admin-prohibited"), else its number.
std::string unreachable_name(core::family f, std::uint8_t code);

// A destination unreachable with `code`, from `src` to `dst` (of one family), quoting
// `original`, the packet it answers: its IPv4 header and first 8 bytes of payload, or as much
// of an IPv6 packet as fits the minimum MTU. Checksums right.
std::vector<std::uint8_t> craft_unreachable(const core::ip_address& src,
                                            const core::ip_address& dst, std::uint8_t code,
                                            std::span<const std::uint8_t> original);

// tcpdump's notation, in its letter order: "S", "S.", ".", "P.", "FP.", "R", "R."; "none".
std::string flags_text(std::uint8_t flags);

}  // namespace rstlab::wire
