// The pcapng reader: strict about everything the writer must get right, so that tests of the
// writer can rely on it.
#include <stdexcept>

#include "harness/wire/pcap.hpp"

namespace rstlab::wire::pcap {
namespace {

using view = std::span<const std::uint8_t>;

constexpr std::uint32_t section_type = 0x0A0D0D0A, interface_type = 1, packet_type = 6;
constexpr std::uint32_t byte_order_magic = 0x1A2B3C4D;
constexpr std::uint16_t opt_endofopt = 0, opt_comment = 1, shb_userappl = 4, if_name = 2,
                        if_tsresol = 9, epb_flags = 2;

struct malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::uint16_t u16(view b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}

std::uint32_t u32(view b, std::size_t at) {
  return u16(b, at) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}

std::size_t padded(std::size_t n) { return (n + 3) / 4 * 4; }

void need(view b, std::size_t at, std::size_t n, const char* what) {
  if (at > b.size() || b.size() - at < n) throw malformed(std::string(what) + " is cut short");
}

void zero_padding(view b, std::size_t from, std::size_t to) {
  for (auto i = from; i < to; ++i)
    if (b[i] != 0) throw malformed("padding at body offset " + std::to_string(i) + " not zero");
}

struct option {
  std::uint16_t code;
  view value;
};

// A block's options from `at` to the end of its body: none, or a list ending in opt_endofopt.
std::vector<option> options(view body, std::size_t at) {
  std::vector<option> out;
  if (at == body.size()) return out;
  for (;;) {
    if (at == body.size()) throw malformed("options end without opt_endofopt");
    need(body, at, 4, "an option header");
    auto code = u16(body, at), length = u16(body, at + 2);
    at += 4;
    if (code == opt_endofopt) {
      if (length != 0 || at != body.size()) throw malformed("bytes after opt_endofopt");
      return out;
    }
    need(body, at, padded(length), "an option's value");
    zero_padding(body, at + length, at + padded(length));
    out.push_back({code, body.subspan(at, length)});
    at += padded(length);
  }
}

std::string text(view v) { return {v.begin(), v.end()}; }

void section(view body, capture& c) {
  need(body, 0, 16, "a section header");
  if (u32(body, 0) != byte_order_magic) throw malformed("not a little-endian section");
  if (u16(body, 4) != 1) throw malformed("section version is not 1");
  c.interfaces.clear();  // a new section describes its own
  for (const auto& o : options(body, 16))
    if (o.code == shb_userappl) c.application = text(o.value);
}

void interface_description(view body, capture& c) {
  need(body, 0, 8, "an interface description");
  iface i{u16(body, 0), u32(body, 4), "", std::nullopt};
  for (const auto& o : options(body, 8)) {
    if (o.code == if_name) i.name = text(o.value);
    if (o.code == if_tsresol && o.value.size() == 1) i.tsresol = o.value[0];
  }
  if (i.tsresol.value_or(microseconds_resolution) != microseconds_resolution)
    throw malformed("timestamps are not in microseconds");
  c.interfaces.push_back(i);
}

void read_options(view body, std::size_t at, packet& p) {
  for (const auto& o : options(body, at)) {
    if (o.code == epb_flags && o.value.size() == 4) p.flags = u32(o.value, 0);
    if (o.code == opt_comment) p.comment += (p.comment.empty() ? "" : "\n") + text(o.value);
  }
}

void enhanced_packet(view body, capture& c) {
  need(body, 0, 20, "an enhanced packet");
  auto id = u32(body, 0), captured = u32(body, 12);
  if (id >= c.interfaces.size())
    throw malformed("packet on undescribed interface " + std::to_string(id));
  if (captured > c.interfaces[id].snaplen) throw malformed("packet longer than the snaplen");
  packet p;
  p.time = std::chrono::microseconds(
      static_cast<std::int64_t>(static_cast<std::uint64_t>(u32(body, 4)) << 32 | u32(body, 8)));
  p.original_length = u32(body, 16);
  if (captured > p.original_length) throw malformed("captured length over original length");
  need(body, 20, padded(captured), "packet data");
  zero_padding(body, 20 + captured, 20 + padded(captured));
  p.bytes.assign(body.begin() + 20, body.begin() + 20 + captured);
  read_options(body, 20 + padded(captured), p);
  c.packets.push_back(std::move(p));
}

void contents(std::uint32_t type, view body, capture& c) {
  if (type == section_type) section(body, c);
  if (type == interface_type) interface_description(body, c);
  if (type == packet_type) enhanced_packet(body, c);
}

// The block at `at`: checks both its lengths and reads it; returns where the next begins.
std::size_t one_block(view file, std::size_t at, capture& c) {
  need(file, at, 12, "a block header");
  auto type = u32(file, at), total = u32(file, at + 4);
  if (at == 0 && type != section_type) throw malformed("the file does not open with a section");
  if (total < 12 || total % 4 != 0) throw malformed("total length " + std::to_string(total));
  need(file, at, total, "the block");
  if (u32(file, at + total - 4) != total) throw malformed("trailing total length differs");
  contents(type, file.subspan(at + 8, total - 12), c);
  return at + total;
}

}  // namespace

parsed parse(std::span<const std::uint8_t> file) {
  capture c;
  std::size_t at = 0;
  try {
    if (file.empty()) throw malformed("the file is empty");
    while (at < file.size()) at = one_block(file, at, c);
  } catch (const malformed& e) {
    return {std::nullopt, "block at offset " + std::to_string(at) + ": " + e.what()};
  }
  return {std::move(c), ""};
}

}  // namespace rstlab::wire::pcap
