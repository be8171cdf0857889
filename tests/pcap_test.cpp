// The pcapng writer against bytes laid out by hand from the specification (draft-ietf-opsawg-
// pcapng: block lengths before and after, 32-bit padding, options ending in opt_endofopt),
// its reader on what it wrote and on what it must refuse, and the packets of a trace: their
// times, directions and the comments that say what the wire did.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "harness/wire/pcap.hpp"

using namespace rstlab::wire;
namespace pcap = rstlab::wire::pcap;
using bytes = std::vector<std::uint8_t>;

namespace {

bytes hex(const std::string& text) {
  bytes out;
  std::string digits;
  for (char c : text)
    if (c != ' ') digits += c;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}

// Section header: magic, version 1.0, length -1, shb_userappl "rstlab", end; 44 bytes.
const char* section_hex =
    "0a0d0d0a 2c000000 4d3c2b1a 0100 0000 ffffffff ffffffff"
    " 0400 0600 7273746c6162 0000  0000 0000  2c000000";
// Interface: LINKTYPE_RAW (101), snaplen 65535, if_name "wire", if_tsresol 6, end; 40 bytes.
const char* interface_hex =
    "01000000 28000000 6500 0000 ffff0000  0200 0400 77697265  0900 0100 06000000  00000000"
    " 28000000";

pcap::packet sample(std::size_t size, std::string comment = "", std::uint32_t flags = 0) {
  pcap::packet p;
  p.time = std::chrono::microseconds(1'764'000'000'123'456);
  for (std::size_t i = 0; i < size; ++i) p.bytes.push_back(static_cast<std::uint8_t>(i + 1));
  p.flags = flags;
  p.comment = std::move(comment);
  return p;
}

std::uint32_t u32(const bytes& b, std::size_t at) {
  return b[at] | b[at + 1] << 8 | b[at + 2] << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

// The blocks' total lengths, walked independently of the reader; empty if they do not add up.
std::vector<std::uint32_t> block_lengths(const bytes& file) {
  std::vector<std::uint32_t> out;
  for (std::size_t at = 0; at + 12 <= file.size();) {
    auto total = u32(file, at + 4);
    if (total % 4 != 0 || at + total > file.size() || u32(file, at + total - 4) != total) return {};
    out.push_back(total);
    at += total;
  }
  std::size_t sum = 0;
  for (auto n : out) sum += n;
  return sum == file.size() ? out : std::vector<std::uint32_t>{};
}

pcap::capture parsed_ok(const bytes& file) {
  auto r = pcap::parse(file);
  BOOST_TEST_REQUIRE(r.value.has_value(), r.error);
  return *r.value;
}

std::string refusal(const bytes& file) {
  auto r = pcap::parse(file);
  BOOST_TEST(!r.value.has_value());
  return r.error;
}

}  // namespace

BOOST_AUTO_TEST_CASE(section_and_interface_blocks_are_laid_out_byte_for_byte) {
  auto file = pcap::serialize({});
  auto expected = hex(section_hex);
  auto idb = hex(interface_hex);
  expected.insert(expected.end(), idb.begin(), idb.end());
  BOOST_TEST(file == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_enhanced_packet_block_is_laid_out_byte_for_byte) {
  pcap::packet p;
  p.time = std::chrono::microseconds((std::int64_t{1} << 32) + 2);
  p.bytes = {1, 2, 3, 4, 5};
  p.flags = pcap::outbound;
  p.comment = "ab";
  std::vector<pcap::packet> one{p};
  auto file = pcap::serialize(one);
  // Interface 0, time high and low, 5 captured of 5, data padded to 8, epb_flags 2,
  // opt_comment "ab" padded to 4, opt_endofopt, the length again: 60 bytes.
  auto expected =
      hex("06000000 3c000000 00000000 01000000 02000000 05000000 05000000 0102030405000000"
          " 0200 0400 02000000  0100 0200 61620000  00000000  3c000000");
  BOOST_TEST_REQUIRE(file.size() == 44u + 40u + 60u);
  bytes epb(file.begin() + 84, file.end());
  BOOST_TEST(epb == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_packet_without_flags_or_comment_has_no_options_at_all) {
  std::vector<pcap::packet> one{sample(4)};
  auto file = pcap::serialize(one);
  BOOST_TEST_REQUIRE(file.size() == 44u + 40u + 36u);  // 28 + 4 data + 4: no opt_endofopt
  BOOST_TEST(u32(file, 84 + 4) == 36u);
}

BOOST_AUTO_TEST_CASE(every_size_of_packet_and_comment_pads_to_32_bits_and_reads_back) {
  for (std::size_t size = 0; size <= 9; ++size) {
    for (std::size_t length = 0; length <= 5; ++length) {
      std::vector<pcap::packet> one{sample(size, std::string(length, 'c'), pcap::inbound)};
      auto file = pcap::serialize(one);
      auto lengths = block_lengths(file);
      BOOST_TEST_REQUIRE(lengths.size() == 3u, "size " << size << " comment " << length);
      auto options = 4 + 8 + (length ? 4 + (length + 3) / 4 * 4 : 0);
      BOOST_TEST(lengths[2] == 32 + (size + 3) / 4 * 4 + options);
      auto back = parsed_ok(file).packets;
      BOOST_TEST_REQUIRE(back.size() == 1u);
      BOOST_TEST(back[0].bytes == one[0].bytes, boost::test_tools::per_element());
      BOOST_TEST(back[0].comment == one[0].comment);
      BOOST_TEST(back[0].flags == pcap::inbound);
    }
  }
}

BOOST_AUTO_TEST_CASE(round_trip_keeps_interface_times_bytes_flags_and_comments) {
  std::vector<pcap::packet> packets{sample(40, "dropped by rule 'x'", pcap::outbound),
                                    sample(1500, "", pcap::inbound), sample(60)};
  packets[1].time += std::chrono::microseconds(1);
  auto c = parsed_ok(pcap::serialize(packets));
  BOOST_TEST(c.application == "rstlab");
  BOOST_TEST_REQUIRE(c.interfaces.size() == 1u);
  BOOST_TEST(c.interfaces[0].linktype == 101);
  BOOST_TEST(c.interfaces[0].snaplen == 65535u);
  BOOST_TEST(c.interfaces[0].name == "wire");
  BOOST_TEST(c.interfaces[0].tsresol.value_or(0) == 6);
  BOOST_TEST_REQUIRE(c.packets.size() == 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(c.packets[i].time.count() == packets[i].time.count());
    BOOST_TEST(c.packets[i].bytes == packets[i].bytes, boost::test_tools::per_element());
    BOOST_TEST(c.packets[i].original_length == packets[i].bytes.size());
    BOOST_TEST(c.packets[i].flags == packets[i].flags);
    BOOST_TEST(c.packets[i].comment == packets[i].comment);
  }
}

BOOST_AUTO_TEST_CASE(a_packet_longer_than_the_snaplen_is_cut_and_keeps_its_length) {
  std::vector<pcap::packet> one{sample(70000)};
  auto back = parsed_ok(pcap::serialize(one)).packets;
  BOOST_TEST_REQUIRE(back.size() == 1u);
  BOOST_TEST(back[0].bytes.size() == 65535u);
  BOOST_TEST(back[0].original_length == 70000u);
}

BOOST_AUTO_TEST_CASE(the_reader_refuses_broken_lengths_padding_and_options) {
  std::vector<pcap::packet> one{sample(5, "ab", pcap::outbound)};
  auto good = pcap::serialize(one);  // the packet block is at 84, 60 bytes long
  auto cut = good;
  cut.pop_back();
  BOOST_TEST(refusal(cut) == "block at offset 84: the block is cut short");
  auto trailing = good;
  trailing[good.size() - 4] = 0x40;
  BOOST_TEST(refusal(trailing) == "block at offset 84: trailing total length differs");
  auto odd = good;
  odd[84 + 4] = 0x3d;
  BOOST_TEST(refusal(odd) == "block at offset 84: total length 61");
  auto padding = good;
  padding[84 + 28 + 5] = 1;
  BOOST_TEST(refusal(padding) == "block at offset 84: padding at body offset 25 not zero");
  auto unterminated = good;
  unterminated[84 + 52] = 9;  // opt_endofopt becomes an empty option: nothing ends the list
  BOOST_TEST(refusal(unterminated) == "block at offset 84: options end without opt_endofopt");
  unterminated[84 + 54] = 8;  // now it claims 8 bytes the block does not have
  BOOST_TEST(refusal(unterminated) == "block at offset 84: an option's value is cut short");
  auto interface = good;
  interface[84 + 8] = 1;
  BOOST_TEST(refusal(interface) == "block at offset 84: packet on undescribed interface 1");
  BOOST_TEST(refusal(bytes(good.begin() + 44, good.end())) ==
             "block at offset 0: the file does not open with a section");
  auto big_endian = good;
  std::swap(big_endian[8], big_endian[11]);
  std::swap(big_endian[9], big_endian[10]);
  BOOST_TEST(refusal(big_endian) == "block at offset 0: not a little-endian section");
  BOOST_TEST(refusal({}) == "block at offset 0: the file is empty");
}

BOOST_AUTO_TEST_CASE(an_option_list_must_end_with_its_end_marker) {
  // A packet block holding epb_flags and nothing after it: 40 bytes.
  auto file = hex(section_hex);
  auto idb = hex(interface_hex);
  file.insert(file.end(), idb.begin(), idb.end());
  auto epb =
      hex("06000000 28000000 00000000 00000000 00000000 00000000 00000000"
          " 0200 0400 01000000  28000000");
  file.insert(file.end(), epb.begin(), epb.end());
  BOOST_TEST(refusal(file) == "block at offset 84: options end without opt_endofopt");
  epb[28] = 0;  // now opt_endofopt with a length of 4
  epb[30] = 4;
  file.resize(84);
  file.insert(file.end(), epb.begin(), epb.end());
  BOOST_TEST(refusal(file) == "block at offset 84: bytes after opt_endofopt");
}

namespace {

segment at(std::int64_t us, direction d, fate what, std::optional<std::size_t> rule = {}) {
  segment s;
  s.at = std::chrono::microseconds(us);
  s.dir = d;
  s.what = what;
  s.rule = rule;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_trace_becomes_packets_with_wall_times_directions_and_fate_comments) {
  std::vector<segment> trace{
      at(10, direction::to_server, fate::forwarded),
      at(20, direction::to_client, fate::dropped, 0),
      at(30, direction::to_client, fate::held, 1),
      at(40, direction::to_client, fate::released, 1),
      at(50, direction::to_server, fate::delayed, 0),
      at(60, direction::to_server, fate::delivered, 0),
      at(70, direction::to_server, fate::dropped),
      at(80, direction::to_client, fate::injected),
      at(90, direction::to_client, fate::injected),
  };
  trace[8].icmp_code = 3;
  std::vector<bytes> packets;
  for (std::size_t i = 0; i < trace.size(); ++i)
    packets.push_back(bytes(i + 1, 0x45));
  std::vector<std::string> rules{"lose-synack", ""};
  auto start = std::chrono::system_clock::time_point(std::chrono::seconds(1'764'000'000));
  auto out = pcap::from_trace(trace, packets, start, rules);
  BOOST_TEST_REQUIRE(out.size() == trace.size());
  std::vector<std::string> comments{
      "",
      "dropped by rule 'lose-synack'",
      "held by rule 2",
      "released by rule 2",
      "delayed by rule 'lose-synack'",
      "delivered late by rule 'lose-synack'",
      "dropped by the partition",
      "forged by the wire",
      "ICMP unreachable (port) to the client host, forged by the wire"};
  for (std::size_t i = 0; i < out.size(); ++i) {
    BOOST_TEST(out[i].comment == comments[i]);
    BOOST_TEST(out[i].time.count() == 1'764'000'000'000'000 + trace[i].at.count());
    BOOST_TEST(out[i].bytes == packets[i], boost::test_tools::per_element());
    auto way = trace[i].dir == direction::to_server ? pcap::outbound : pcap::inbound;
    BOOST_TEST(out[i].flags == way);
  }
}

BOOST_AUTO_TEST_CASE(a_trace_without_its_packets_is_refused) {
  std::vector<segment> trace{at(10, direction::to_server, fate::forwarded)};
  BOOST_CHECK_THROW(pcap::from_trace(trace, {}, {}, {}), std::invalid_argument);
}
