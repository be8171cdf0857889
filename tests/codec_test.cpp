// The wire codec and the ladder on bytes the kernel produced: decoding, checksums checked and
// recomputed, tcpdump's flag letters, and the ladder's relative numbers and RST marks.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "harness/wire/codec.hpp"
#include "harness/wire/ladder.hpp"

using namespace rstlab::wire;
using rstlab::core::ip_address;

namespace {

// A SYN from 198.18.0.1:54342 to 198.18.0.2:8000 as Linux 6.18 wrote it to a TUN device, with
// the kernel's own checksums (IPv4 0xc082, TCP 0xa96d): the independent oracle for ours.
const char* kernel_syn =
    "4500003cee1140004006c082c6120001c6120002d4461f402fef955c00000000a002faf0a96d0000"
    "020405b40402080aab14b38f000000000103030a";

// A SYN from [2001:db8::1]:38116 to [2001:db8::2]:8000, as Linux 6.18 wrote it to a TUN device
// (TCP checksum 0xea98 over the IPv6 pseudo-header).
const char* kernel_syn6 =
    "600d622f0028064020010db800000000000000000000000120010db800000000000000000000000294e4"
    "1f405e43dcd700000000a002fd20ea980000020405a00402080ac6fe4ea4000000000103030a";

ip_address v6(std::uint8_t last) {
  std::array<std::uint8_t, 16> b{0x20, 0x01, 0x0d, 0xb8};
  b[15] = last;
  return ip_address::v6(b);
}

std::vector<std::uint8_t> bytes(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// The kernel's SYN carrying `n` bytes of payload, with its lengths and checksums made right.
std::vector<std::uint8_t> with_payload(std::size_t n) {
  auto p = bytes(kernel_syn);
  p.resize(p.size() + n, 'x');
  p[2] = static_cast<std::uint8_t>(p.size() >> 8);
  p[3] = static_cast<std::uint8_t>(p.size() & 0xff);
  fix_checksums(p);
  return p;
}

segment seg(direction d, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack,
            std::uint32_t len = 0, std::uint16_t client_port = 40000) {
  segment s;
  s.dir = d;
  s.sport = d == direction::to_server ? client_port : 8000;
  s.dport = d == direction::to_server ? 8000 : client_port;
  s.seq = seq;
  s.ack = ack;
  s.flags = flags;
  s.payload = len;
  return s;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(decodes_the_kernels_syn) {
  auto p = bytes(kernel_syn);
  auto s = decode(p);
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST(s->src.text() == "198.18.0.1");
  BOOST_TEST(s->dst.text() == "198.18.0.2");
  BOOST_TEST(s->sport == 54342);
  BOOST_TEST(s->dport == 8000);
  BOOST_TEST(s->seq == 0x2fef955cu);
  BOOST_TEST(s->ack == 0u);
  BOOST_TEST(s->flags == flag::syn);
  BOOST_TEST(s->window == 64240);
  BOOST_TEST(s->payload == 0u);  // 40 bytes of TCP header with options, no data
}

BOOST_AUTO_TEST_CASE(destination_of_any_ip_packet) {
  auto p = bytes(kernel_syn);
  auto text = [](std::optional<ip_address> a) { return a ? a->text() : "none"; };
  BOOST_TEST(text(destination(p)) == "198.18.0.2");
  p[9] = 1;  // ICMP: still forwarded by the wire, so still has a destination
  BOOST_TEST(text(destination(p)) == "198.18.0.2");
  p[0] = 0x50;
  BOOST_TEST(text(destination(p)) == "none");
  auto short_one = bytes(kernel_syn);
  BOOST_TEST(text(destination(std::span(short_one).first(19))) == "none");
  auto q = bytes(kernel_syn6);
  BOOST_TEST(text(destination(q)) == "2001:db8::2");
  q[6] = 58;  // ICMPv6
  BOOST_TEST(text(destination(q)) == "2001:db8::2");
  BOOST_TEST(text(destination(std::span(q).first(39))) == "none");
  BOOST_TEST(text(destination({})) == "none");
}

BOOST_AUTO_TEST_CASE(decodes_the_kernels_ipv6_syn) {
  auto s = decode(bytes(kernel_syn6));
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST(s->src.text() == "2001:db8::1");
  BOOST_TEST(s->dst.text() == "2001:db8::2");
  BOOST_TEST(s->sport == 38116);
  BOOST_TEST(s->dport == 8000);
  BOOST_TEST(s->seq == 0x5e43dcd7u);
  BOOST_TEST(s->flags == flag::syn);
  BOOST_TEST(s->window == 64800);
  BOOST_TEST(s->payload == 0u);
}

BOOST_AUTO_TEST_CASE(rejects_what_is_not_whole_ipv6_tcp) {
  auto p = bytes(kernel_syn6);
  BOOST_TEST(!decode(std::span(p).first(59)).has_value());  // truncated TCP header
  BOOST_TEST(!decode(std::span(p).first(79)).has_value());  // shorter than its payload length
  auto ext = p;
  ext[6] = 0;  // a hop-by-hop options header first: not followed
  BOOST_TEST(!decode(ext).has_value());
  auto bad_offset = p;
  bad_offset[40 + 12] = 0xf0;
  BOOST_TEST(!decode(bad_offset).has_value());
}

BOOST_AUTO_TEST_CASE(ipv6_checksums_verify_fix_and_any_flipped_bit_fails) {
  auto p = bytes(kernel_syn6);
  BOOST_TEST(checksums_ok(p));
  for (std::size_t i : {std::size_t{8}, std::size_t{39}, std::size_t{44}, std::size_t{79}}) {
    auto q = p;
    q[i] ^= 0x01;
    BOOST_TEST(!checksums_ok(q), "byte " << i);
  }
  auto q = p;
  q[40 + 16] = q[40 + 17] = 0;
  BOOST_TEST(!checksums_ok(q));
  fix_checksums(q);
  BOOST_TEST(q == p, boost::test_tools::per_element());  // the kernel's own value
}

BOOST_AUTO_TEST_CASE(a_crafted_ipv6_segment_decodes_to_its_fields_with_checksums_right) {
  tcp_fields f{v6(2), v6(1), 8000, 40000, 123456789u, 42u, flag::rst, 0};
  auto p = craft_tcp(f);
  BOOST_TEST(p.size() == 60u);
  BOOST_TEST(p[0] >> 4 == 6);
  BOOST_TEST(p[7] == 64);  // hop limit
  BOOST_TEST(checksums_ok(p));
  auto s = decode(p);
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST(s->src.text() == "2001:db8::2");
  BOOST_TEST(s->dst.text() == "2001:db8::1");
  BOOST_TEST(s->seq == 123456789u);
  BOOST_TEST(s->flags == flag::rst);
}

// ICMPv6's checksum covers a pseudo-header as TCP's does: summed with it, the message folds
// to zero.
BOOST_AUTO_TEST_CASE(a_crafted_icmpv6_unreachable_quotes_the_packet_it_answers) {
  auto original = bytes(kernel_syn6);
  auto p = craft_unreachable(v6(2), v6(1), 4, original);
  BOOST_TEST(p.size() == 40u + 8u + original.size());  // the whole SYN fits the minimum MTU
  BOOST_TEST(p[6] == 58);  // ICMPv6
  BOOST_TEST(p[40] == 1);  // destination unreachable
  BOOST_TEST(p[41] == 4);  // port
  BOOST_TEST(std::equal(original.begin(), original.end(), p.begin() + 48));
  std::uint32_t sum = 0;
  for (std::size_t i = 8; i < 40; i += 2) sum += std::uint32_t(p[i]) << 8 | p[i + 1];
  sum += 58 + static_cast<std::uint32_t>(p.size() - 40);
  for (std::size_t i = 40; i < p.size(); i += 2) sum += std::uint32_t(p[i]) << 8 | p[i + 1];
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  BOOST_TEST(sum == 0xffffu);
  std::vector<std::uint8_t> big(1500, 0);
  big[0] = 0x60;
  BOOST_TEST(craft_unreachable(v6(2), v6(1), 4, big).size() == 1280u);  // cut to the minimum MTU
}

BOOST_AUTO_TEST_CASE(unreachable_codes_per_family) {
  using rstlab::core::family;
  using u = unreachable;
  BOOST_TEST(unreachable_code(family::v4, u::net).value() == 0);
  BOOST_TEST(unreachable_code(family::v4, u::host).value() == 1);
  BOOST_TEST(unreachable_code(family::v4, u::protocol).value() == 2);
  BOOST_TEST(unreachable_code(family::v4, u::port).value() == 3);
  BOOST_TEST(unreachable_code(family::v4, u::admin_prohibited).value() == 13);
  BOOST_TEST(unreachable_code(family::v6, u::net).value() == 0);
  BOOST_TEST(unreachable_code(family::v6, u::admin_prohibited).value() == 1);
  BOOST_TEST(unreachable_code(family::v6, u::host).value() == 3);
  BOOST_TEST(unreachable_code(family::v6, u::port).value() == 4);
  BOOST_TEST(!unreachable_code(family::v6, u::protocol).has_value());
}

BOOST_AUTO_TEST_CASE(counts_payload_after_header_options) {
  auto s = decode(with_payload(1000));
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST(s->payload == 1000u);
}

BOOST_AUTO_TEST_CASE(rejects_what_is_not_whole_ipv4_tcp) {
  auto p = bytes(kernel_syn);
  BOOST_TEST(!decode(std::span(p).first(39)).has_value());  // truncated TCP header
  BOOST_TEST(!decode(std::span(p).first(59)).has_value());  // shorter than its total length
  auto v5 = p;
  v5[0] = 0x55;
  BOOST_TEST(!decode(v5).has_value());
  auto udp = p;
  udp[9] = 17;
  BOOST_TEST(!decode(udp).has_value());
  auto bad_offset = p;
  bad_offset[20 + 12] = 0xf0;  // data offset 60 bytes, past the packet's end
  BOOST_TEST(!decode(bad_offset).has_value());
  BOOST_TEST(!decode({}).has_value());
}

BOOST_AUTO_TEST_CASE(kernel_checksums_verify_and_any_flipped_bit_fails) {
  auto p = bytes(kernel_syn);
  BOOST_TEST(checksums_ok(p));
  for (std::size_t i : {std::size_t{8}, std::size_t{15}, std::size_t{24}, std::size_t{59}}) {
    auto q = p;
    q[i] ^= 0x01;
    BOOST_TEST(!checksums_ok(q), "byte " << i);
  }
}

BOOST_AUTO_TEST_CASE(fix_checksums_reproduces_the_kernels_values) {
  auto p = bytes(kernel_syn);
  auto q = p;
  q[10] = q[11] = 0;            // IPv4 header checksum
  q[20 + 16] = q[20 + 17] = 0;  // TCP checksum
  BOOST_TEST(!checksums_ok(q));
  fix_checksums(q);
  BOOST_TEST(q == p, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fix_checksums_after_an_edit_and_with_odd_payload) {
  auto p = bytes(kernel_syn);
  p[20 + 13] = flag::rst | flag::ack;
  BOOST_TEST(!checksums_ok(p));
  fix_checksums(p);
  BOOST_TEST(checksums_ok(p));
  BOOST_TEST(checksums_ok(with_payload(7)));  // odd length: the last byte is padded
}

// Every checksum value a segment can carry, 0x0000 among them (whose complement 0xFFFF reads
// as the same sum): the corrupted one never verifies, and the IPv4 header still does.
BOOST_AUTO_TEST_CASE(a_corrupted_tcp_checksum_never_verifies_whatever_its_value) {
  auto p = with_payload(2);
  std::size_t wrong = 0;
  for (unsigned v = 0; v < 0x10000; ++v) {
    p[p.size() - 2] = static_cast<std::uint8_t>(v >> 8);
    p[p.size() - 1] = static_cast<std::uint8_t>(v & 0xff);
    fix_checksums(p);
    auto q = p;
    BOOST_TEST_REQUIRE(corrupt_tcp_checksum(q));
    q[20 + 17] ^= 0x01;
    bool only_tcp_checksum = q == p;  // the IPv4 header, checksum and all, untouched
    q[20 + 17] ^= 0x01;
    wrong += !checksums_ok(q) && only_tcp_checksum;
  }
  BOOST_TEST(wrong == 0x10000u);
  auto not_tcp = bytes(kernel_syn);
  not_tcp[9] = 17;
  BOOST_TEST(!corrupt_tcp_checksum(not_tcp));
}

BOOST_AUTO_TEST_CASE(flag_letters_follow_tcpdump) {
  BOOST_TEST(flags_text(flag::syn) == "S");
  BOOST_TEST(flags_text(flag::syn | flag::ack) == "S.");
  BOOST_TEST(flags_text(flag::ack) == ".");
  BOOST_TEST(flags_text(flag::psh | flag::ack) == "P.");
  BOOST_TEST(flags_text(flag::fin | flag::psh | flag::ack) == "FP.");
  BOOST_TEST(flags_text(flag::rst) == "R");
  BOOST_TEST(flags_text(flag::rst | flag::ack) == "R.");
  BOOST_TEST(flags_text(flag::syn | flag::ack | flag::ece) == "S.E");
  BOOST_TEST(flags_text(0) == "none");
}

BOOST_AUTO_TEST_CASE(ladder_of_nothing_says_so) {
  BOOST_TEST(ladder({}) == "(no segments crossed the wire)\n");
}

BOOST_AUTO_TEST_CASE(ladder_numbers_each_side_from_its_first_sequence_number) {
  std::vector<segment> t = {
      seg(direction::to_server, flag::syn, 1000, 0),
      seg(direction::to_client, flag::syn | flag::ack, 5000, 1001),
      seg(direction::to_server, flag::ack | flag::psh, 1001, 5001, 100),
      seg(direction::to_client, flag::rst | flag::ack, 5001, 1101),
  };
  t[3].at = std::chrono::microseconds(1500);
  auto text = ladder(t);
  BOOST_TEST(text ==
             "    0.000 ms  client:40000 --> server:8000   S   seq 0 win 0 len 0\n"
             "    0.000 ms  client:40000 <-- server:8000   S.  seq 0 ack 1 win 0 len 0\n"
             "    0.000 ms  client:40000 --> server:8000   P.  seq 1 ack 1 win 0 len 100\n"
             "    1.500 ms  client:40000 <-- server:8000   R.  seq 1 ack 101 win 0 len 0"
             "   <- RST from server\n");
}

BOOST_AUTO_TEST_CASE(ladder_restarts_numbering_on_a_new_syn_and_keeps_connections_apart) {
  std::vector<segment> t = {
      seg(direction::to_server, flag::syn, 1000, 0),
      seg(direction::to_client, flag::rst | flag::ack, 0, 1001),
      seg(direction::to_server, flag::syn, 7000, 0, 0, 40001),
      seg(direction::to_server, flag::syn, 9000, 0),  // same tuple, a new connection
  };
  auto text = ladder(t);
  BOOST_TEST(contains(text, "R.  seq 0 ack 1 win"), text);
  BOOST_TEST(contains(text, "client:40001 --> server:8000   S   seq 0 "), text);
  BOOST_TEST(!contains(text, "seq 8000"), text);
  BOOST_TEST(!contains(text, "RST from client"), text);
}

BOOST_AUTO_TEST_CASE(ladder_shows_numbers_of_an_older_connection_as_negative) {
  std::vector<segment> t = {
      seg(direction::to_server, flag::syn, 10000, 0),
      seg(direction::to_client, flag::ack, 777, 9000),  // a TIME_WAIT socket's old ACK
      seg(direction::to_server, flag::rst, 9000, 0),
  };
  auto text = ladder(t);
  BOOST_TEST(contains(text, ".   seq 0 ack -1000 win"), text);
  BOOST_TEST(contains(text, "R   seq -1000 win"), text);
  BOOST_TEST(contains(text, "RST from client"), text);
}

BOOST_AUTO_TEST_CASE(ladder_marks_what_the_wire_did_with_each_segment) {
  std::vector<segment> t = {
      seg(direction::to_server, flag::syn, 1000, 0),
      seg(direction::to_client, flag::syn | flag::ack, 5000, 1001),
      seg(direction::to_client, flag::syn | flag::ack, 5000, 1001),
      seg(direction::to_server, flag::rst, 1001, 0),
      seg(direction::to_server, flag::ack, 1001, 5001),
  };
  t[1].what = fate::held;
  t[1].rule = 0;
  t[2].what = fate::released;
  t[2].rule = 0;
  t[3].what = fate::dropped;
  t[4].what = fate::delayed;
  t[4].rule = 1;
  std::vector<std::string> rules{"synack"};
  auto text = ladder(t, rules);
  BOOST_TEST(contains(text, "S.  seq 0 ack 1 win 0 len 0   [held by rule 'synack']\n"), text);
  BOOST_TEST(contains(text, "[released by rule 'synack']\n"), text);
  BOOST_TEST(contains(text, "<- RST from client   [dropped by the partition]\n"), text);
  BOOST_TEST(contains(text, "[delayed by rule 2]\n"), text);  // no name: its number
  BOOST_TEST(!contains(text, "seq 0 win 0 len 0   ["), text);  // the forwarded SYN has no mark
}

BOOST_AUTO_TEST_CASE(ladder_marks_forged_segments_late_deliveries_and_icmp_errors) {
  std::vector<segment> t = {
      seg(direction::to_server, flag::syn, 1000, 0),
      seg(direction::to_client, flag::rst, 5000, 0),
      seg(direction::to_server, flag::syn, 1000, 0),
      segment{},
  };
  t[1].what = fate::injected;
  t[2].what = fate::delivered;
  t[2].rule = 0;
  t[3].at = std::chrono::microseconds(2500);
  t[3].dir = direction::to_client;
  t[3].what = fate::injected;
  t[3].icmp_code = 3;
  auto text = ladder(t, std::vector<std::string>{""});
  BOOST_TEST(contains(text, "R   seq 0 win 0 len 0   [forged by the wire]\n"), text);
  BOOST_TEST(!contains(text, "RST from server"), text);  // the host did not send it
  BOOST_TEST(contains(text, "[delivered late by rule 1]\n"), text);
  BOOST_TEST(contains(text, "    2.500 ms  ICMP unreachable (port) to the client host"
                            "   [forged by the wire]\n"),
             text);
}

BOOST_AUTO_TEST_CASE(ladder_marks_copies_reordering_and_corruption) {
  std::vector<segment> t = {
      seg(direction::to_server, flag::psh | flag::ack, 1, 1, 100),
      seg(direction::to_server, flag::psh | flag::ack, 1, 1, 100),
      seg(direction::to_server, flag::psh | flag::ack, 101, 1, 100),
      seg(direction::to_server, flag::psh | flag::ack, 201, 1, 100),
  };
  t[1].what = fate::duplicated;
  t[1].rule = 0;
  t[2].what = fate::reordered;
  t[2].rule = 1;
  t[3].what = fate::corrupted;
  t[3].rule = 2;
  std::vector<std::string> rules{"copy", "swap", ""};
  auto text = ladder(t, rules);
  BOOST_TEST(contains(text, "len 100   [duplicated by rule 'copy']\n"), text);
  BOOST_TEST(contains(text, "len 100   [reordered by rule 'swap': held until its next match]\n"),
             text);
  BOOST_TEST(contains(text, "len 100   [corrupted by rule 3: wrong TCP checksum]\n"), text);
}

BOOST_AUTO_TEST_CASE(only_a_hosts_own_sending_counts_as_sent) {
  segment s;
  BOOST_TEST(s.sent());
  s.what = fate::dropped;
  BOOST_TEST(s.sent());  // sent, then lost
  s.what = fate::released;
  BOOST_TEST(!s.sent());  // the same packet delivered later
  s.what = fate::delivered;
  BOOST_TEST(!s.sent());
  s.what = fate::duplicated;
  BOOST_TEST(!s.sent());  // the wire's copy
  s.what = fate::reordered;
  BOOST_TEST(s.sent());  // sent, then kept back
  s.what = fate::corrupted;
  BOOST_TEST(s.sent());
}

BOOST_AUTO_TEST_CASE(a_crafted_segment_decodes_to_its_fields_with_checksums_right) {
  tcp_fields f{ip_address::v4(0xC6120002u), ip_address::v4(0xC6120001u), 8000, 40000, 123456789u, 42u,
               flag::rst | flag::ack, 512};
  auto p = craft_tcp(f);
  BOOST_TEST(p.size() == 40u);
  BOOST_TEST(checksums_ok(p));
  auto s = decode(p);
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST(s->src.text() == "198.18.0.2");
  BOOST_TEST(s->dport == 40000);
  BOOST_TEST(s->seq == 123456789u);
  BOOST_TEST(s->ack == 42u);
  BOOST_TEST(s->flags == (flag::rst | flag::ack));
  BOOST_TEST(s->window == 512);
  BOOST_TEST(s->payload == 0u);
}

// The same checksum the kernel's ICMP code would accept: the one's-complement sum over the
// whole ICMP message, the header's own included, folds to zero.
BOOST_AUTO_TEST_CASE(a_crafted_unreachable_quotes_the_packet_it_answers) {
  auto original = bytes(kernel_syn);
  auto p = craft_unreachable(ip_address::v4(0xC6120002u), ip_address::v4(0xC6120001u), 3, original);
  BOOST_TEST(p.size() == 20u + 8u + 28u);  // IPv4, ICMP header, quoted header and 8 bytes
  BOOST_TEST(p[9] == 1);                  // ICMP
  BOOST_TEST(p[20] == 3);                 // destination unreachable
  BOOST_TEST(p[21] == 3);                 // port
  BOOST_TEST(std::equal(original.begin(), original.begin() + 28, p.begin() + 28));
  auto folds_to_zero = [](auto first, auto last) {
    std::uint32_t sum = 0;
    for (auto it = first; it < last; it += 2) sum += std::uint32_t(it[0]) << 8 | it[1];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return sum == 0xffff;
  };
  BOOST_TEST(folds_to_zero(p.begin(), p.begin() + 20));
  BOOST_TEST(folds_to_zero(p.begin() + 20, p.end()));
  BOOST_TEST(!decode(p).has_value());  // no TCP segment
}

BOOST_AUTO_TEST_CASE(ladder_names_an_icmp_error_by_its_familys_codes) {
  segment icmp6;
  icmp6.dir = direction::to_client;
  icmp6.what = fate::injected;
  icmp6.icmp_code = 4;
  icmp6.dst = v6(1);
  BOOST_TEST(contains(ladder(std::vector{icmp6}), "ICMPv6 unreachable (port) to the client host"));
  segment icmp4 = icmp6;
  icmp4.dst = ip_address::v4(0xC6120001u);
  BOOST_TEST(contains(ladder(std::vector{icmp4}), "ICMP unreachable (4) to"));
  icmp4.icmp_code = 13;
  BOOST_TEST(contains(ladder(std::vector{icmp4}), "ICMP unreachable (admin-prohibited)"));
  icmp6.icmp_code = 1;
  BOOST_TEST(contains(ladder(std::vector{icmp6}), "ICMPv6 unreachable (admin-prohibited)"));
}
