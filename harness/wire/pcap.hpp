// pcapng, the capture format Wireshark and tshark read: one section (a Section Header Block),
// one interface (an Interface Description Block: "wire", LINKTYPE_RAW, so each packet is the
// IPv4 or IPv6 packet exactly as it crossed, snaplen 65535, microsecond timestamps) and one
// Enhanced Packet Block per packet, with its direction (epb_flags) and, where the wire did
// more than forward it, a comment saying what it did. Pure: values in, bytes out, and back.
//
// Direction is the wire's, seen from the client host: a packet to the server host is
// outbound, one to the client host inbound, whoever made it (a forged RST to the server is
// outbound too; its comment says the wire forged it).
//
// Little-endian (the byte order of the machines this runs on); the reader reads only that,
// and only microsecond timestamps: it is there to check what the writer wrote.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/wire/codec.hpp"

namespace rstlab::wire::pcap {

inline constexpr std::uint16_t linktype_raw = 101;
inline constexpr std::uint32_t snaplen = 65535;
inline constexpr std::uint8_t microseconds_resolution = 6;  // if_tsresol: 10^-6 s
inline constexpr std::uint32_t inbound = 1, outbound = 2;   // epb_flags, bits 0-1

struct packet {
  std::chrono::microseconds time{0};  // since the Unix epoch
  std::vector<std::uint8_t> bytes;    // as captured: the packet, cut at snaplen
  std::uint32_t original_length = 0;  // read back; the writer takes the packet's own size
  std::uint32_t flags = 0;            // epb_flags (0: the option is left out)
  std::string comment;                // opt_comment (empty: left out)
};

// The whole file.
std::vector<std::uint8_t> serialize(std::span<const packet> packets);

// The packets of a case's trace: one per entry, its bytes `bytes[i]`, its time `start` (the
// case's start, wall clock) plus the entry's, its direction, and a comment for any fate but
// forwarded, in the ladder's words ("dropped by rule 'lose-synack'", "forged by the wire").
// `rules` holds each fault rule's id by index. Throws std::invalid_argument when `bytes`
// does not hold one packet per entry.
std::vector<packet> from_trace(std::span<const segment> trace,
                               std::span<const std::vector<std::uint8_t>> bytes,
                               std::chrono::system_clock::time_point start,
                               std::span<const std::string> rules);

struct iface {
  std::uint16_t linktype = 0;
  std::uint32_t snaplen = 0;
  std::string name;                     // if_name ("wire")
  std::optional<std::uint8_t> tsresol;  // as written; absent means microseconds
};

struct capture {
  std::string application;  // shb_userappl
  std::vector<iface> interfaces;
  std::vector<packet> packets;  // several comments of one packet are joined by newlines
};

struct parsed {
  std::optional<capture> value;
  std::string error;  // what is wrong, with the offset of the block, when value is empty
};

// Reads a file back, checking every length, the 32-bit padding (zero bytes), that each option
// list ends with opt_endofopt and fits its block, and that each packet's interface exists.
// Blocks of other types are skipped.
parsed parse(std::span<const std::uint8_t> file);

}  // namespace rstlab::wire::pcap
