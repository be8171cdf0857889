#include "harness/wire/pcap.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "harness/wire/notes.hpp"

namespace rstlab::wire::pcap {
namespace {

using bytes = std::vector<std::uint8_t>;

constexpr std::uint32_t section_type = 0x0A0D0D0A, interface_type = 1, packet_type = 6;
constexpr std::uint32_t byte_order_magic = 0x1A2B3C4D;
constexpr std::uint16_t opt_comment = 1, shb_userappl = 4, if_name = 2, if_tsresol = 9,
                        epb_flags = 2;

void put16(bytes& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}

void put32(bytes& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v));
  put16(out, static_cast<std::uint16_t>(v >> 16));
}

// To the next multiple of 4 (a block's body starts aligned, so its own size decides).
void pad(bytes& out) { out.resize((out.size() + 3) / 4 * 4, 0); }

void option(bytes& out, std::uint16_t code, std::string_view value) {
  value = value.substr(0, 0xffff);  // the length field's limit
  put16(out, code);
  put16(out, static_cast<std::uint16_t>(value.size()));
  out.insert(out.end(), value.begin(), value.end());
  pad(out);
}

void option32(bytes& out, std::uint16_t code, std::uint32_t value) {
  put16(out, code);
  put16(out, 4);
  put32(out, value);
}

void end_of_options(bytes& out) { put32(out, 0); }  // opt_endofopt: code 0, length 0

// The type, the total length, the body, the total length again.
bytes block(std::uint32_t type, const bytes& body) {
  auto total = static_cast<std::uint32_t>(body.size() + 12);
  bytes out;
  put32(out, type);
  put32(out, total);
  out.insert(out.end(), body.begin(), body.end());
  put32(out, total);
  return out;
}

bytes section_header() {
  bytes body;
  put32(body, byte_order_magic);
  put16(body, 1);  // version 1.0
  put16(body, 0);
  put32(body, 0xffffffff);  // section length -1: not given
  put32(body, 0xffffffff);
  option(body, shb_userappl, "rstlab");
  end_of_options(body);
  return block(section_type, body);
}

bytes interface_description() {
  bytes body;
  put16(body, linktype_raw);
  put16(body, 0);
  put32(body, snaplen);
  option(body, if_name, "wire");
  option(body, if_tsresol, std::string_view("\x06", 1));
  end_of_options(body);
  return block(interface_type, body);
}

bytes enhanced_packet(const packet& p) {
  auto captured = std::min<std::size_t>(p.bytes.size(), snaplen);
  auto time = static_cast<std::uint64_t>(p.time.count());
  bytes body;
  put32(body, 0);  // the one interface
  put32(body, static_cast<std::uint32_t>(time >> 32));
  put32(body, static_cast<std::uint32_t>(time));
  put32(body, static_cast<std::uint32_t>(captured));
  put32(body, static_cast<std::uint32_t>(p.bytes.size()));
  body.insert(body.end(), p.bytes.begin(), p.bytes.begin() + static_cast<long>(captured));
  pad(body);
  if (p.flags != 0) option32(body, epb_flags, p.flags);
  if (!p.comment.empty()) option(body, opt_comment, p.comment);
  if (p.flags != 0 || !p.comment.empty()) end_of_options(body);
  return block(packet_type, body);
}

// An ICMP error the wire made says what it is, then that the wire made it.
std::string comment(const segment& s, std::span<const std::string> rules) {
  auto fate = fate_text(s, rules);
  return s.icmp_code ? icmp_text(s) + ", " + fate : fate;
}

}  // namespace

std::vector<std::uint8_t> serialize(std::span<const packet> packets) {
  auto out = section_header();
  auto idb = interface_description();
  out.insert(out.end(), idb.begin(), idb.end());
  for (const auto& p : packets) {
    auto epb = enhanced_packet(p);
    out.insert(out.end(), epb.begin(), epb.end());
  }
  return out;
}

std::vector<packet> from_trace(std::span<const segment> trace,
                               std::span<const std::vector<std::uint8_t>> bytes,
                               std::chrono::system_clock::time_point start,
                               std::span<const std::string> rules) {
  if (bytes.size() != trace.size())
    throw std::invalid_argument("the trace has " + std::to_string(trace.size()) + " entries but " +
                                std::to_string(bytes.size()) + " packets");
  auto epoch = std::chrono::duration_cast<std::chrono::microseconds>(start.time_since_epoch());
  std::vector<packet> out;
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const auto& s = trace[i];
    out.push_back({epoch + s.at, bytes[i], 0, s.dir == direction::to_server ? outbound : inbound,
                   comment(s, rules)});
  }
  return out;
}

}  // namespace rstlab::wire::pcap
