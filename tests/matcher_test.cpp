// The matcher on plain values: which outcomes match, and the exact words of every mismatch.
#include <boost/test/unit_test.hpp>

#include <cerrno>

#include "harness/expect/matcher.hpp"
#include "harness/expect/stability.hpp"

using namespace rstlab;
using core::outcome;
using k = core::outcome::kind;

namespace {

fixture::scenario one_step(std::vector<outcome> expect, bool sigpipe = false) {
  fixture::scenario sc;
  sc.file = "f.toml";
  fixture::step s;
  s.pos = {5, 3};
  s.expect_pos = {5, 30};
  s.endpoint = fixture::host::client;
  s.action = "read";
  s.expect = std::move(expect);
  s.expect_sigpipe = sigpipe;
  sc.steps.push_back(s);
  return sc;
}

expect::run_record ran(outcome actual, bool sigpipe = false) {
  expect::run_record rec;
  rec.steps.push_back({true, core::observation{actual, actual.what == k::error ? -1 : 0,
                                               actual.what == k::error ? int(actual.value) : 0,
                                               sigpipe}});
  return rec;
}

wire::segment rst_from(fixture::host h) {
  wire::segment s;
  s.flags = wire::flag::rst;
  s.dir = h == fixture::host::client ? wire::direction::to_server : wire::direction::to_client;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(matches_exact_outcomes_only) {
  BOOST_TEST(expect::matches({{k::error, ECONNRESET}}, {k::error, ECONNRESET}));
  BOOST_TEST(!expect::matches({{k::error, ECONNRESET}}, {k::error, EPIPE}));
  BOOST_TEST(!expect::matches({{k::eof, 0}}, {k::error, ECONNRESET}));
  BOOST_TEST(!expect::matches({{k::count, 10}}, {k::count, 11}));
  BOOST_TEST(!expect::matches({{k::timeout, 0}}, {k::ok, 0}));
}

BOOST_AUTO_TEST_CASE(matches_any_of_a_set) {
  std::vector<outcome> set{{k::error, ECONNRESET}, {k::eof, 0}};
  BOOST_TEST(expect::matches(set, {k::eof, 0}));
  BOOST_TEST(!expect::matches(set, {k::error, EPIPE}));
}

BOOST_AUTO_TEST_CASE(expected_ok_accepts_a_positive_count_but_not_eof) {
  BOOST_TEST(expect::matches({{k::ok, 0}}, {k::count, 5}));
  BOOST_TEST(!expect::matches({{k::ok, 0}}, {k::eof, 0}));
  BOOST_TEST(!expect::matches({{k::ok, 0}}, {k::error, EAGAIN}));
}

BOOST_AUTO_TEST_CASE(judge_passes_a_run_that_did_what_was_expected) {
  auto sc = one_step({{k::error, ECONNRESET}});
  auto r = expect::judge(sc, ran({k::error, ECONNRESET}));
  BOOST_TEST((r.outcome == expect::verdict::pass));
  BOOST_TEST(r.mismatches.empty());
}

BOOST_AUTO_TEST_CASE(wrong_errno_names_step_expected_and_actual_with_numbers) {
  auto sc = one_step({{k::error, EPIPE}});
  auto r = expect::judge(sc, ran({k::error, ECONNRESET}));
  BOOST_TEST((r.outcome == expect::verdict::fail));
  BOOST_TEST_REQUIRE(r.mismatches.size() == 1u);
  BOOST_TEST(r.mismatches[0].pos.line == 5);
  BOOST_TEST(r.mismatches[0].pos.column == 30);
  BOOST_TEST(r.mismatches[0].message ==
             "step 1 (client read): expected EPIPE (errno 32), got ECONNRESET (errno 104)");
}

BOOST_AUTO_TEST_CASE(unexpected_sigpipe_is_a_mismatch) {
  auto sc = one_step({{k::error, EPIPE}});
  auto r = expect::judge(sc, ran({k::error, EPIPE}, true));
  BOOST_TEST_REQUIRE(r.mismatches.size() == 1u);
  BOOST_TEST(r.mismatches[0].message == "step 1 (client read): expected no signal, got SIGPIPE");
}

BOOST_AUTO_TEST_CASE(missing_sigpipe_is_a_mismatch) {
  auto sc = one_step({{k::error, EPIPE}}, true);
  auto r = expect::judge(sc, ran({k::error, EPIPE}));
  BOOST_TEST_REQUIRE(r.mismatches.size() == 1u);
  BOOST_TEST(r.mismatches[0].message == "step 1 (client read): expected SIGPIPE, got no signal");
}

BOOST_AUTO_TEST_CASE(step_that_did_not_run_says_why) {
  auto sc = one_step({{k::ok, 0}});
  expect::run_record rec;
  rec.steps.resize(1);
  rec.aborted = "the case deadline (10 ms) passed before step 1 could run";
  auto r = expect::judge(sc, rec);
  BOOST_TEST_REQUIRE(r.mismatches.size() == 1u);
  BOOST_TEST(r.mismatches[0].message ==
             "step 1 (client read): did not run (the case deadline (10 ms) passed before step 1 "
             "could run)");
}

BOOST_AUTO_TEST_CASE(set_of_outcomes_reads_as_any_of) {
  auto sc = one_step({{k::error, ECONNRESET}, {k::eof, 0}});
  auto r = expect::judge(sc, ran({k::count, 3}));
  BOOST_TEST(r.mismatches.at(0).message ==
             "step 1 (client read): expected any of ECONNRESET (errno 104), eof, got 3 bytes");
}

BOOST_AUTO_TEST_CASE(rst_count_per_host_is_checked) {
  auto sc = one_step({{k::ok, 0}});
  sc.wire_rst[1] = fixture::count_range{1, 1, {20, 7}};
  sc.wire_rst[0] = fixture::count_range{0, 0, {20, 20}};
  auto rec = ran({k::ok, 0});
  BOOST_TEST(expect::check(sc, rec).size() == 1u);  // no RST from the server: one mismatch
  rec.trace.push_back(rst_from(fixture::host::server));
  BOOST_TEST(expect::check(sc, rec).empty());
  rec.trace.push_back(rst_from(fixture::host::client));
  auto m = expect::check(sc, rec);
  BOOST_TEST_REQUIRE(m.size() == 1u);
  BOOST_TEST(m[0].message == "RST segments from the client host: expected 0, got 1");
  BOOST_TEST(m[0].pos.line == 20);
}

BOOST_AUTO_TEST_CASE(counter_ranges_and_unknown_counters_are_checked) {
  auto sc = one_step({{k::ok, 0}});
  sc.counters[1]["TCPAbortOnClose"] = {1, 1, {30, 1}};
  sc.counters[1]["OutRsts"] = {1, 2, {31, 1}};
  sc.counters[0]["TCPMadeUp"] = {0, 0, {32, 1}};
  auto rec = ran({k::ok, 0});
  rec.counters[1] = {{"TCPAbortOnClose", 0}, {"OutRsts", 2}};
  auto m = expect::check(sc, rec);
  BOOST_TEST_REQUIRE(m.size() == 2u);
  BOOST_TEST(m[0].message == "counter TCPMadeUp on the client host: this kernel does not report it");
  BOOST_TEST(m[1].message == "counter TCPAbortOnClose on the server host: expected 1, got 0");
  rec.counters[1]["OutRsts"] = 3;
  BOOST_TEST(expect::check(sc, rec).at(1).message ==
             "counter OutRsts on the server host: expected between 1 and 2, got 3");
}

BOOST_AUTO_TEST_CASE(runs_that_observed_the_same_things_are_stable) {
  auto sc = one_step({{k::error, ECONNRESET}});
  std::vector<expect::run_record> runs(3, ran({k::error, ECONNRESET}));
  runs[1].steps[0].obs.elapsed = std::chrono::microseconds(999);  // time is not an observation
  BOOST_TEST(expect::instability(sc, runs).empty());
}

BOOST_AUTO_TEST_CASE(a_step_whose_outcome_changed_between_runs_is_named_with_each_value) {
  auto sc = one_step({{k::error, ECONNRESET}, {k::eof, 0}});
  std::vector<expect::run_record> runs{ran({k::eof, 0}), ran({k::error, ECONNRESET}),
                                       ran({k::eof, 0})};
  auto found = expect::instability(sc, runs);
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].message == "step 1 (client read): changed between runs: "
                                 "ECONNRESET (errno 104) (1 run), eof (2 runs)");
  BOOST_TEST(found[0].pos.line == 5);
}

BOOST_AUTO_TEST_CASE(a_signal_an_rst_count_or_an_asserted_counter_that_changed_is_unstable) {
  auto sc = one_step({{k::error, EPIPE}});
  sc.wire_rst[1] = fixture::count_range{3, 4, {12, 9}};
  sc.counters[0]["OutRsts"] = fixture::count_range{0, 9, {14, 1}};
  auto a = ran({k::error, EPIPE}, true), b = ran({k::error, EPIPE}, false);
  a.trace = {rst_from(fixture::host::server)};
  b.trace = {rst_from(fixture::host::server), rst_from(fixture::host::server)};
  a.counters[0]["OutRsts"] = 0;
  b.counters[0]["OutRsts"] = 1;
  b.counters[0]["InSegs"] = 7;  // not asserted: not an observation
  auto found = expect::instability(sc, {a, b});
  BOOST_TEST_REQUIRE(found.size() == 3u);
  BOOST_TEST(found[0].message == "step 1 (client read): changed between runs: "
                                 "EPIPE (errno 32) (1 run), EPIPE (errno 32) + SIGPIPE (1 run)");
  // Host by host, the client's first.
  BOOST_TEST(found[1].message == "counter OutRsts on the client host: changed between runs: "
                                 "0 (1 run), 1 (1 run)");
  BOOST_TEST(found[2].message == "RST segments from the server host: changed between runs: "
                                 "1 (1 run), 2 (1 run)");
  BOOST_TEST(found[2].pos.line == 12);
}

BOOST_AUTO_TEST_CASE(counts_an_expected_ok_accepts_are_one_observation_whatever_their_size) {
  auto sc = one_step({{k::ok, 0}});
  std::vector<expect::run_record> runs{ran({k::count, 4096}), ran({k::count, 185000})};
  BOOST_TEST(expect::instability(sc, runs).empty());
  auto exact = one_step({{k::ok, 0}, {k::count, 4096}});  // 4096 is named: it is its own value
  auto found = expect::instability(exact, runs);
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].message == "step 1 (client read): changed between runs: "
                                 "4096 bytes (1 run), ok (a positive count) (1 run)");
}

// A held RST released later is one RST sent, not two; one the wire dropped was still sent.
BOOST_AUTO_TEST_CASE(rst_counts_take_each_packet_once_whatever_the_wire_did_with_it) {
  auto sc = one_step({{k::ok, 0}});
  sc.wire_rst[0] = fixture::count_range{2, 2, {9, 9}};
  auto rec = ran({k::ok, 0});
  auto held = rst_from(fixture::host::client), released = held, dropped = held;
  held.what = wire::fate::held;
  released.what = wire::fate::released;
  dropped.what = wire::fate::dropped;
  rec.trace = {held, released, dropped};
  BOOST_TEST(expect::check(sc, rec).empty());
}

namespace {

fixture::segment_pattern pattern(fixture::host from, std::uint8_t flags, int line,
                                 std::optional<core::fate> f = {}) {
  return {from, flags, f, std::string(fixture::host_name(from)) + " " + wire::flags_text(flags),
          {line, 5}};
}

wire::segment sent(fixture::host h, std::uint8_t flags, core::fate f = core::fate::forwarded) {
  auto s = rst_from(h);
  s.flags = flags;
  s.what = f;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_wire_sequence_matches_in_order_with_others_between) {
  using fixture::host;
  auto sc = one_step({{k::ok, 0}});
  sc.wire_sequence = {pattern(host::client, wire::flag::syn, 20),
                      pattern(host::server, wire::flag::syn | wire::flag::ack, 21, core::fate::held),
                      pattern(host::client, wire::flag::rst, 22)};
  auto rec = ran({k::ok, 0});
  rec.trace = {sent(host::client, wire::flag::syn),
               sent(host::server, wire::flag::syn | wire::flag::ack, core::fate::held),
               sent(host::client, wire::flag::ack),
               sent(host::client, wire::flag::rst)};
  BOOST_TEST(expect::check(sc, rec).empty());
  std::swap(rec.trace[0], rec.trace[1]);  // the SYN after the SYN/ACK: out of order
  auto found = expect::check(sc, rec);
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].message == "wire: expected the segment 'server S.' after the segment marked "
                                 "in the ladder; it never came");
  BOOST_TEST(found[0].pos.line == 21);
  BOOST_TEST(found[0].segment.value() == 1u);  // the SYN, the last one that matched
}

BOOST_AUTO_TEST_CASE(a_segment_the_wire_must_never_carry_is_marked_where_it_came) {
  using fixture::host;
  auto sc = one_step({{k::ok, 0}});
  sc.wire_never = {pattern(host::server, wire::flag::rst, 30)};
  auto rec = ran({k::ok, 0});
  rec.trace = {sent(host::client, wire::flag::syn), sent(host::server, wire::flag::rst)};
  auto found = expect::check(sc, rec);
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].message == "wire: the segment 'server R' must not appear; it did (marked in "
                                 "the ladder)");
  BOOST_TEST(found[0].segment.value() == 1u);
  rec.trace[1].what = core::fate::released;  // a later delivery is not a second sending
  BOOST_TEST(expect::check(sc, rec).empty());
}

// "client P. duplicated" is the wire's copy; "client P." the host's own sending, which a copy
// is not: an RST the wire duplicated was sent once.
BOOST_AUTO_TEST_CASE(wire_assertions_tell_a_copy_from_the_hosts_own_sending) {
  using fixture::host;
  constexpr std::uint8_t data = wire::flag::psh | wire::flag::ack;
  auto sc = one_step({{k::ok, 0}});
  sc.wire_sequence = {pattern(host::client, data, 20), pattern(host::client, data, 21,
                                                               core::fate::duplicated)};
  sc.wire_never = {pattern(host::client, data, 22, core::fate::corrupted)};
  sc.wire_rst[0] = fixture::count_range{1, 1, {9, 9}};
  auto rec = ran({k::ok, 0});
  rec.trace = {sent(host::client, data), sent(host::client, data, core::fate::duplicated),
               rst_from(host::client), sent(host::client, wire::flag::rst, core::fate::duplicated)};
  BOOST_TEST(expect::check(sc, rec).empty());
  rec.trace[1].what = core::fate::forwarded;  // no copy: a second sending instead
  rec.trace.push_back(sent(host::client, data, core::fate::corrupted));
  auto found = expect::check(sc, rec);
  BOOST_TEST_REQUIRE(found.size() == 2u);
  BOOST_TEST(found[0].pos.line == 21);
  BOOST_TEST(found[1].pos.line == 22);
  BOOST_TEST(found[1].segment.value() == 4u);
}

namespace {

wire::segment data(fixture::host h, std::uint32_t seq, std::uint32_t len, std::uint8_t flags = wire::flag::ack,
                   core::fate f = core::fate::forwarded) {
  wire::segment s;
  s.dir = h == fixture::host::client ? wire::direction::to_server : wire::direction::to_client;
  s.sport = h == fixture::host::client ? 40000 : 8000;
  s.dport = h == fixture::host::client ? 8000 : 40000;
  s.seq = seq;
  s.payload = len;
  s.flags = flags;
  s.what = f;
  return s;
}

}  // namespace

// Payload bytes per host count each byte once: a resent segment, a duplicate the wire made and
// a delivery of something held add nothing; the SYN's sequence number is where bytes start.
BOOST_AUTO_TEST_CASE(payload_bytes_count_each_byte_once) {
  auto sc = one_step({outcome{k::ok}});
  sc.wire_bytes[0] = fixture::count_range{1000, 1000, {9, 10}};
  sc.wire_bytes[1] = fixture::count_range{0, 0, {10, 10}};
  auto run = ran(outcome{k::ok});
  using fixture::host;
  const std::uint32_t isn = 4294966896u;  // 400 below 2^32: the sequence numbers wrap
  run.trace = {data(host::client, isn, 0, wire::flag::syn),
               data(host::client, isn + 1, 600),
               data(host::client, isn + 1, 600),                        // resent
               data(host::client, isn + 1, 600, wire::flag::ack, core::fate::duplicated),
               data(host::client, isn + 601, 400, wire::flag::ack, core::fate::held),
               data(host::client, isn + 601, 400, wire::flag::ack, core::fate::released)};
  BOOST_TEST(expect::check(sc, run).empty());
  sc.wire_bytes[0]->min = sc.wire_bytes[0]->max = 1200;
  auto m = expect::check(sc, run);
  BOOST_TEST_REQUIRE(m.size() == 1u);
  BOOST_TEST(m[0].message == "payload bytes from the client host: expected 1200, got 1000");
  BOOST_TEST(m[0].pos.line == 9);
}
