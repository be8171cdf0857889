// Names fixtures speak in: every table round-trips, aliases print canonically, and closest()
// suggests typos without suggesting unrelated words.
#include <poll.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <string>
#include <string_view>

#include "harness/core/names.hpp"
#include "harness/core/outcome.hpp"

namespace core = rstlab::core;
using namespace std::string_view_literals;

BOOST_AUTO_TEST_CASE(errno_names_round_trip_through_numbers) {
  BOOST_TEST(core::errno_names().size() >= 42u);
  for (auto name : core::errno_names()) {
    auto err = core::errno_from_name(name);
    BOOST_TEST_REQUIRE(err.has_value(), name);
    if (name != "EWOULDBLOCK") BOOST_TEST(core::errno_name(*err) == name);
  }
}

BOOST_AUTO_TEST_CASE(errno_ewouldblock_is_accepted_and_prints_eagain) {
  BOOST_TEST(core::errno_from_name("EWOULDBLOCK").value_or(-1) == EAGAIN);
  BOOST_TEST(core::errno_name(EWOULDBLOCK) == "EAGAIN");
}

BOOST_AUTO_TEST_CASE(errno_unknown_name_or_number_gives_nothing) {
  BOOST_TEST(!core::errno_from_name("ECONNRESTE").has_value());
  BOOST_TEST(!core::errno_from_name("econnreset").has_value());
  BOOST_TEST(core::errno_name(ECONNRESET) == "ECONNRESET");
  BOOST_TEST(core::errno_name(9999).empty());
}

BOOST_AUTO_TEST_CASE(tcp_states_use_linux_numbers) {
  BOOST_TEST(core::tcp_state_names().size() == 11u);
  BOOST_TEST(core::tcp_state_from_name("ESTABLISHED").value_or(-1) == 1);
  BOOST_TEST(core::tcp_state_from_name("CLOSE_WAIT").value_or(-1) == 8);
  BOOST_TEST(core::tcp_state_from_name("CLOSING").value_or(-1) == 11);
  for (int state = 1; state <= 11; ++state)
    BOOST_TEST(core::tcp_state_from_name(core::tcp_state_name(state)).value_or(-1) == state);
}

BOOST_AUTO_TEST_CASE(tcp_state_out_of_range_gives_nothing) {
  BOOST_TEST(core::tcp_state_name(0).empty());
  BOOST_TEST(core::tcp_state_name(12).empty());
  BOOST_TEST(!core::tcp_state_from_name("CLOSED").has_value());
}

BOOST_AUTO_TEST_CASE(poll_bits_print_in_fixed_order) {
  BOOST_TEST(core::poll_bits_name(POLLHUP | POLLERR | POLLOUT) == "OUT|ERR|HUP");
  BOOST_TEST(core::poll_bits_name(POLLNVAL | POLLIN | POLLRDHUP | POLLPRI) == "IN|RDHUP|PRI|NVAL");
  BOOST_TEST(core::poll_bits_name(0) == "0");
}

BOOST_AUTO_TEST_CASE(poll_bits_outside_table_print_in_hex) {
  BOOST_TEST(core::poll_bits_name(POLLOUT | 0x1000) == "OUT|0x1000");
}

BOOST_AUTO_TEST_CASE(poll_bits_parse_with_spaces_and_zero) {
  BOOST_TEST(core::poll_bits_from_names("OUT|ERR|HUP").value_or(-1) ==
             (POLLOUT | POLLERR | POLLHUP));
  BOOST_TEST(core::poll_bits_from_names(" IN | RDHUP ").value_or(-1) == (POLLIN | POLLRDHUP));
  BOOST_TEST(core::poll_bits_from_names("0").value_or(-1) == 0);
  for (int bits = 0; bits < 0x80; ++bits) {
    int all = (bits & 1 ? POLLIN : 0) | (bits & 2 ? POLLOUT : 0) | (bits & 4 ? POLLERR : 0) |
              (bits & 8 ? POLLHUP : 0) | (bits & 16 ? POLLRDHUP : 0) | (bits & 32 ? POLLPRI : 0) |
              (bits & 64 ? POLLNVAL : 0);
    BOOST_TEST(core::poll_bits_from_names(core::poll_bits_name(all)).value_or(-1) == all);
  }
}

BOOST_AUTO_TEST_CASE(poll_bits_unknown_part_is_reported) {
  std::string bad;
  BOOST_TEST(!core::poll_bits_from_names("OUT|ERRR|HUP", &bad).has_value());
  BOOST_TEST(bad == "ERRR");
  BOOST_TEST(!core::poll_bits_from_names("OUT|", &bad).has_value());
  BOOST_TEST(bad == "");
  BOOST_TEST(!core::poll_bits_from_names("POLLIN").has_value());
}

BOOST_AUTO_TEST_CASE(counter_names_cover_snmp_and_netstat) {
  BOOST_TEST(core::is_counter_name("OutRsts"));
  BOOST_TEST(core::is_counter_name("AttemptFails"));
  BOOST_TEST(core::is_counter_name("TCPAbortOnData"));
  BOOST_TEST(core::is_counter_name("TCPAbortOnClose"));
  BOOST_TEST(!core::is_counter_name("OutRst"));
  BOOST_TEST(core::counter_names().size() > 100u);
}

BOOST_AUTO_TEST_CASE(closest_typo_finds_candidate) {
  BOOST_TEST(core::closest("ECONNRESTE", core::errno_names()).value_or("") == "ECONNRESET");
  BOOST_TEST(core::closest("OutRst", core::counter_names()).value_or("") == "OutRsts");
  BOOST_TEST(core::closest("close_wait", core::tcp_state_names()).value_or("") == "CLOSE_WAIT");
}

BOOST_AUTO_TEST_CASE(closest_unrelated_word_finds_nothing) {
  constexpr std::string_view words[] = {"name", "summary", "refs"};
  BOOST_TEST(!core::closest("frobnicate", words).has_value());
  BOOST_TEST(!core::closest("", words).has_value());
}

BOOST_AUTO_TEST_CASE(closest_threshold_grows_with_length) {
  constexpr std::string_view words[] = {"abcdefghijkl"};
  BOOST_TEST(core::closest("abcdefghiXYZ", words).has_value());   // 3 edits, 12 / 3 = 4
  BOOST_TEST(!core::closest("abcdeVWXYZkl", words).has_value());  // 5 edits
  constexpr std::string_view short_words[] = {"ok"};
  BOOST_TEST(core::closest("no", short_words).has_value());  // 2 edits: the floor is 2
}

BOOST_AUTO_TEST_CASE(describe_outcome_reads_like_the_fixture) {
  using kind = core::outcome::kind;
  BOOST_TEST(core::describe({kind::ok}) == "ok");
  BOOST_TEST(core::describe({kind::count, 5000}) == "5000 bytes");
  BOOST_TEST(core::describe({kind::count, 1}) == "1 byte");
  BOOST_TEST(core::describe({kind::eof}) == "eof");
  BOOST_TEST(core::describe({kind::error, ECONNRESET}) == "ECONNRESET (errno 104)");
  BOOST_TEST(core::describe({kind::error, 9999}) == "errno 9999");
  BOOST_TEST(core::describe({kind::timeout}) == "timeout");
  BOOST_TEST(core::describe({kind::revents, POLLOUT | POLLERR | POLLHUP}) == "revents OUT|ERR|HUP");
  BOOST_TEST(core::describe({kind::state, 8}) == "CLOSE_WAIT");
  BOOST_TEST(core::describe({kind::state, 42}) == "state 42");
}
