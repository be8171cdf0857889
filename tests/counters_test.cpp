// Kernel counter text as /proc/net/snmp and /proc/net/netstat print it: the Tcp and TcpExt
// sections kept, everything else dropped, malformed text refused, and deltas.
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "harness/core/counters.hpp"
#include "harness/core/names.hpp"

using namespace rstlab::core;

namespace {

const char* snmp =
    "Ip: Forwarding DefaultTTL InReceives\n"
    "Ip: 2 64 777\n"
    "Icmp: InMsgs InErrors\n"
    "Icmp: 3 0\n"
    "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens OutRsts\n"
    "Tcp: 1 200 120000 -1 4 2\n"
    "Udp: InDatagrams NoPorts\n"
    "Udp: 9 1\n";

const char* netstat =
    "TcpExt: SyncookiesSent TCPAbortOnClose TCPAbortOnData\n"
    "TcpExt: 0 1 3\n"
    "IpExt: InNoRoutes InOctets\n"
    "IpExt: 0 123456789012\n";

}  // namespace

BOOST_AUTO_TEST_CASE(keeps_tcp_rows_with_their_values) {
  auto c = parse_counters(snmp);
  BOOST_TEST(c.size() == 6u);
  BOOST_TEST(c.at("MaxConn") == -1);
  BOOST_TEST(c.at("ActiveOpens") == 4);
  BOOST_TEST(c.at("OutRsts") == 2);
  BOOST_TEST(!c.contains("InReceives"));
  BOOST_TEST(!c.contains("NoPorts"));
}

BOOST_AUTO_TEST_CASE(keeps_tcpext_rows_and_drops_ipext) {
  auto c = parse_counters(netstat);
  BOOST_TEST(c.size() == 3u);
  BOOST_TEST(c.at("TCPAbortOnData") == 3);
  BOOST_TEST(!c.contains("InOctets"));
}

BOOST_AUTO_TEST_CASE(empty_text_has_no_counters) {
  BOOST_TEST(parse_counters("").empty());
}

BOOST_AUTO_TEST_CASE(malformed_text_is_refused) {
  BOOST_CHECK_THROW(parse_counters("Tcp: A B\n"), std::runtime_error);             // no values
  BOOST_CHECK_THROW(parse_counters("Tcp: A B\nTcp: 1\n"), std::runtime_error);     // too few
  BOOST_CHECK_THROW(parse_counters("Tcp: A B\nTcp: 1 x\n"), std::runtime_error);   // not a number
  BOOST_CHECK_THROW(parse_counters("Tcp: A B\nUdp: 1 2\n"), std::runtime_error);   // other row
  BOOST_CHECK_THROW(parse_counters("Tcp A B\nTcp A B\n"), std::runtime_error);     // no colon
  BOOST_CHECK_THROW(parse_counters("Tcp: A\nTcp: 1.5\n"), std::runtime_error);     // fraction
}

BOOST_AUTO_TEST_CASE(the_error_names_the_section) {
  try {
    parse_counters("TcpExt: A B\nTcpExt: 1 x\n");
    BOOST_FAIL("no throw");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()) == "counters: 'x' in section TcpExt: is not a number");
  }
}

BOOST_AUTO_TEST_CASE(delta_subtracts_and_counts_new_names_from_zero) {
  counter_map before{{"OutRsts", 2}, {"CurrEstab", 3}};
  counter_map after{{"OutRsts", 5}, {"CurrEstab", 1}, {"TCPAbortOnData", 4}};
  auto d = delta(before, after);
  BOOST_TEST(d.size() == 3u);
  BOOST_TEST(d.at("OutRsts") == 3);
  BOOST_TEST(d.at("CurrEstab") == -2);
  BOOST_TEST(d.at("TCPAbortOnData") == 4);
}

// Two readings of the same host, taken apart by the kernel's own text: only the moves, the
// other sections skipped, the same answer as parsing both and subtracting.
BOOST_AUTO_TEST_CASE(delta_of_two_texts_equals_delta_of_two_parses) {
  const std::string before =
      "Ip: Forwarding DefaultTTL\nIp: 2 64\nTcp: RtoAlgorithm OutRsts CurrEstab\nTcp: 1 2 3\n"
      "TcpExt: TCPAbortOnData\nTcpExt: 4\n";
  const std::string after =
      "Ip: Forwarding DefaultTTL\nIp: 2 64\nTcp: RtoAlgorithm OutRsts CurrEstab\nTcp: 1 5 1\n"
      "TcpExt: TCPAbortOnData\nTcpExt: 7\n";
  auto moved = delta(before, after);
  BOOST_TEST((moved == delta(parse_counters(before), parse_counters(after))));
  BOOST_TEST(moved.at("OutRsts") == 3);
  BOOST_TEST(moved.at("CurrEstab") == -2);
  BOOST_TEST(moved.at("TCPAbortOnData") == 3);
  BOOST_TEST(!moved.contains("DefaultTTL"));
}

BOOST_AUTO_TEST_CASE(delta_of_texts_of_another_shape_parses_each) {
  auto moved = delta(std::string_view("Tcp: OutRsts\nTcp: 2\n"),
                     std::string_view("Tcp: OutRsts InSegs\nTcp: 5 9\n"));
  BOOST_TEST(moved.at("OutRsts") == 3);
  BOOST_TEST(moved.at("InSegs") == 9);
  BOOST_CHECK_THROW(delta(std::string_view("Tcp: OutRsts\nTcp: x\n"),
                          std::string_view("Tcp: OutRsts\nTcp: 1\n")),
                    std::runtime_error);
  // A value with no name, though both readings agree, is not the kernel's shape either.
  BOOST_CHECK_THROW(delta(std::string_view("Tcp: OutRsts\nTcp: 1 2\n"),
                          std::string_view("Tcp: OutRsts\nTcp: 1 2\n")),
                    std::runtime_error);
  BOOST_CHECK_THROW(delta(std::string_view("Tcp: OutRsts\nTcp: x\n"),
                          std::string_view("Tcp: OutRsts\nTcp: x\n")),
                    std::runtime_error);
}

// What the engine records: the counters that moved, and the ones asked for even where they
// stood still; a name asked for that the kernel does not print stays absent ("not reported").
BOOST_AUTO_TEST_CASE(delta_with_a_filter_keeps_what_moved_and_what_it_asks_for) {
  const std::string before = "Tcp: OutRsts CurrEstab InSegs\nTcp: 2 3 7\n";
  const std::string after = "Tcp: OutRsts CurrEstab InSegs\nTcp: 2 1 7\n";
  auto asked = [](std::string_view n) { return n == "OutRsts" || n == "NoSuchCounter"; };
  auto moved = delta(before, after, asked);
  BOOST_TEST(moved.size() == 2u);
  BOOST_TEST(moved.at("OutRsts") == 0);
  BOOST_TEST(moved.at("CurrEstab") == -2);
  BOOST_TEST(!moved.contains("InSegs"));
  BOOST_TEST(!moved.contains("NoSuchCounter"));
  // The same when the texts differ in shape and are parsed in full.
  auto parsed = delta(std::string_view(before), std::string_view("Tcp: OutRsts CurrEstab InSegs X\nTcp: 2 1 7 0\n"), asked);
  BOOST_TEST((parsed == moved));
}

// The engine reads a host's snmp file only for Tcp: counters and its netstat file only for the
// others: the split must be the kernel's own.
BOOST_AUTO_TEST_CASE(the_snmp_counters_are_the_kernels_tcp_fields) {
  std::ifstream in{"/proc/net/snmp"};
  std::string line, tcp;
  while (std::getline(in, line))
    if (line.starts_with("Tcp: ") && !std::isdigit(static_cast<unsigned char>(line[5]))) tcp = line;
  BOOST_REQUIRE(!tcp.empty());
  std::istringstream names{tcp.substr(5)};
  std::size_t n = 0;
  for (std::string name; names >> name; ++n) BOOST_TEST(rstlab::core::is_snmp_counter(name), name);
  std::size_t known = 0;
  for (auto name : rstlab::core::counter_names()) known += rstlab::core::is_snmp_counter(name);
  BOOST_TEST(known == n);
  BOOST_TEST(!rstlab::core::is_snmp_counter("TCPAbortOnClose"));
}
