// The wire's faults in real runs: what a rule holds is kept until its step has run, a
// partition drops both ways until healed, a delay delivers late, a release step lets go, a
// rule switched off does nothing, a copy follows its original, a reordered segment follows
// the next match (or its step, or a release), a corrupted one is refused by the receiving
// kernel and sent again, and a probabilistic rule acts on the matches its seed draws; every
// fate is in the trace.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "harness/wire/draws.hpp"
#include "tests/support.hpp"

using rstlab::expect::verdict;
using rstlab::wire::fate;
namespace t = rstlab::test;
namespace flag = rstlab::wire::flag;
using namespace std::chrono_literals;

namespace {

std::string fixture(const std::string& steps, const std::string& rules) {
  return "name = \"t\"\nsummary = \"t\"\nrefs = [\"test\"]\nsteps = [\n" + steps +
         "]\n[client]\n[server]\n" + rules;
}

// Every counter recorded: some tests look at counters their fixture does not assert.
rstlab::expect::case_result passes(const std::string& text) {
  auto r = t::run(t::load(text), t::all_counters());
  BOOST_TEST_INFO(t::explain(r) << r.note);
  BOOST_TEST((r.outcome == verdict::pass));
  return r;
}

// The trace's entries for segments with exactly `flags`, in order.
std::vector<rstlab::wire::segment> with_flags(const rstlab::expect::case_result& r,
                                              std::uint8_t flags) {
  std::vector<rstlab::wire::segment> out;
  for (const auto& s : r.record.trace)
    if (s.flags == flags) out.push_back(s);
  return out;
}

const char* hold_synack_until_close = R"(
[[wire.rule]]
id = "synack"
from = "server"
flags = "S."
action = "hold"
until = "gave-up"
)";

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(a_held_synack_is_released_when_its_step_has_run) {
  auto r = passes(fixture(R"(
    { server = "listen" },
    { client = "connect", nonblocking = true, expect = "EINPROGRESS" },
    { client = "tcp-state", expect = "SYN_SENT" },
    { client = "close", id = "gave-up" },)",
                          hold_synack_until_close));
  auto synacks = with_flags(r, flag::syn | flag::ack);
  BOOST_TEST_REQUIRE(synacks.size() == 2u);
  BOOST_TEST((synacks[0].what == fate::held));
  BOOST_TEST((synacks[1].what == fate::released));
  auto closed_at = r.record.steps[3].started + r.record.steps[3].obs.elapsed;
  BOOST_TEST(synacks[1].at >= closed_at);  // not before the close returned
  BOOST_TEST(synacks[0].rule.value() == 0u);
  // It reached a host with no socket for it: the client host answers with a bare RST.
  BOOST_TEST(with_flags(r, flag::rst).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_partition_drops_both_ways_until_healed) {
  auto r = passes(fixture(R"(
    { server = "listen" },
    { client = "connect", expect = "ok" },
    { server = "accept", expect = "ok" },
    { wire = "partition" },
    { client = "write", bytes = 10, expect = 10 },
    { server = "read", nonblocking = true, expect = "EAGAIN" },
    { wire = "heal" },
    { client = "write", bytes = 10, expect = 10 },
    { server = "read", timeout_ms = 5000, expect = 20 },)",
                          ""));
  auto first_data = with_flags(r, flag::psh | flag::ack);
  BOOST_TEST_REQUIRE(!first_data.empty());
  BOOST_TEST((first_data[0].what == fate::dropped));
  BOOST_TEST(!first_data[0].rule);  // the partition's, not a rule's
}

BOOST_AUTO_TEST_CASE(a_one_way_partition_cuts_only_its_direction) {
  auto r = passes(fixture(R"(
    { server = "listen" },
    { client = "connect", expect = "ok" },
    { server = "accept", expect = "ok" },
    { wire = "partition", direction = "to_server" },
    { server = "write", bytes = 10, expect = 10 },
    { client = "read", expect = 10 },
    { client = "write", bytes = 10, expect = 10 },
    { server = "read", nonblocking = true, expect = "EAGAIN" },)",
                          ""));
  for (const auto& s : r.record.trace)
    if (s.payload > 0)
      BOOST_TEST((s.what == (s.dir == rstlab::wire::direction::to_server ? fate::dropped
                                                                          : fate::forwarded)));
}

BOOST_AUTO_TEST_CASE(a_delayed_synack_is_delivered_late_and_completes_the_handshake) {
  auto r = passes(fixture(R"(
    { server = "listen" },
    { client = "connect", expect = "ok" },)",
                          "[[wire.rule]]\nfrom = \"server\"\nflags = \"S.\"\naction = \"delay\"\n"
                          "delay_ms = 30\n"));
  auto synacks = with_flags(r, flag::syn | flag::ack);
  BOOST_TEST_REQUIRE(synacks.size() == 2u);
  BOOST_TEST((synacks[0].what == fate::delayed));
  BOOST_TEST((synacks[1].what == fate::delivered));
  BOOST_TEST(synacks[1].at - synacks[0].at >= 30ms);
  BOOST_TEST(r.record.steps[1].obs.elapsed >= 30ms);  // the connect waited for it
}

BOOST_AUTO_TEST_CASE(a_release_step_lets_go_of_a_hold_without_until) {
  auto r = passes(fixture(R"(
    { server = "listen" },
    { client = "connect", nonblocking = true, expect = "EINPROGRESS" },
    { client = "poll", events = "OUT", expect = "0" },
    { wire = "release", rule = "synack" },
    { client = "poll", events = "OUT", wait_ms = 1000, expect = "OUT" },
    { client = "tcp-state", expect = "ESTABLISHED" },)",
                          "[[wire.rule]]\nid = \"synack\"\nfrom = \"server\"\nflags = \"S.\"\n"
                          "action = \"hold\"\n"));
  BOOST_TEST(with_flags(r, flag::syn | flag::ack).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_rule_switched_off_drops_nothing_until_switched_on) {
  auto r = passes(fixture(R"(
    { server = "listen" },
    { client = "connect", expect = "ok" },
    { server = "accept", expect = "ok" },
    { client = "write", bytes = 5, expect = 5 },
    { server = "read", expect = 5 },
    { wire = "enable", rule = "data" },
    { client = "write", bytes = 5, expect = 5 },
    { server = "read", nonblocking = true, expect = "EAGAIN" },
    { wire = "disable", rule = "data" },)",
                          "[[wire.rule]]\nid = \"data\"\nfrom = \"client\"\npayload = \"data\"\n"
                          "action = \"drop\"\nactive = false\n"));
  auto data = with_flags(r, flag::psh | flag::ack);
  BOOST_TEST_REQUIRE(data.size() >= 2u);
  BOOST_TEST((data[0].what == fate::forwarded));
  BOOST_TEST((data[1].what == fate::dropped));
}

namespace {

// A connection whose client sends each write at once (no Nagle): one segment per write.
const char* connected = R"(
    { server = "listen" },
    { client = "socket" },
    { client = "setsockopt", option = "TCP_NODELAY", value = 1 },
    { client = "connect", expect = "ok" },
    { server = "accept", expect = "ok" },)";

std::string rule(const std::string& action, const std::string& more = "") {
  return "[[wire.rule]]\nid = \"r\"\nfrom = \"client\"\npayload = \"data\"\naction = \"" + action +
         "\"\n" + more;
}

// Indexes in the trace of the client's data segments, and the entries themselves.
std::vector<std::size_t> client_data(const rstlab::expect::case_result& r) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < r.record.trace.size(); ++i) {
    const auto& s = r.record.trace[i];
    if (s.dir == rstlab::wire::direction::to_server && s.payload > 0) out.push_back(i);
  }
  return out;
}

std::int64_t counter(const rstlab::expect::case_result& r, rstlab::fixture::host h,
                     const std::string& name) {
  const auto& moved = r.record.counters[rstlab::core::index(h)];
  auto it = moved.find(name);
  return it == moved.end() ? -1 : it->second;
}

using rstlab::fixture::host;

}  // namespace

BOOST_AUTO_TEST_CASE(a_duplicated_segment_is_followed_by_its_copy_and_read_once) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "read", expect = 100 },
    { server = "read", nonblocking = true, expect = "EAGAIN" },)",
                          rule("duplicate", "which = \"first\"\n")));
  auto at = client_data(r);
  BOOST_TEST_REQUIRE(at.size() == 2u);
  BOOST_TEST(at[1] == at[0] + 1);  // right after it
  const auto& original = r.record.trace[at[0]];
  const auto& copy = r.record.trace[at[1]];
  BOOST_TEST((original.what == fate::forwarded));
  BOOST_TEST((copy.what == fate::duplicated));
  BOOST_TEST(copy.rule.value() == 0u);
  BOOST_TEST(copy.seq == original.seq);
  BOOST_TEST(copy.payload == 100u);
  // The copy reached the server's kernel: it answered it at once, as a duplicate.
  BOOST_TEST(counter(r, host::server, "DelayedACKLost") == 1);
}

BOOST_AUTO_TEST_CASE(a_reordered_segment_is_delivered_right_after_the_next_match) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "ioctl", request = "SIOCINQ", expect = 0 },
    { client = "write", bytes = 100, expect = 100 },
    { server = "ioctl", request = "SIOCINQ", expect = 200 },
    { server = "read", expect = 200 },)",
                          rule("reorder", "which = \"first\"\n")));
  auto at = client_data(r);
  BOOST_TEST_REQUIRE(at.size() >= 3u);
  const auto& trace = r.record.trace;
  BOOST_TEST((trace[at[0]].what == fate::reordered));
  BOOST_TEST((trace[at[1]].what == fate::forwarded));
  BOOST_TEST((trace[at[2]].what == fate::released));
  BOOST_TEST(at[2] == at[1] + 1);
  BOOST_TEST(trace[at[1]].seq == trace[at[0]].seq + 100);
  BOOST_TEST(trace[at[2]].seq == trace[at[0]].seq);
  BOOST_TEST(counter(r, host::server, "TCPOFOQueue") == 1);  // the second waited for the first
}

BOOST_AUTO_TEST_CASE(a_reordered_segment_with_no_next_match_is_released_at_its_until_step) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "ioctl", request = "SIOCINQ", expect = 0 },
    { client = "tcp-state", expect = "ESTABLISHED", id = "late" },
    { server = "read", expect = 100 },)",
                          rule("reorder", "which = \"first\"\nuntil = \"late\"\n")));
  auto at = client_data(r);
  BOOST_TEST_REQUIRE(at.size() == 2u);
  const auto& released = r.record.trace[at[1]];
  BOOST_TEST((r.record.trace[at[0]].what == fate::reordered));
  BOOST_TEST((released.what == fate::released));
  const auto& late = r.record.steps[7];
  BOOST_TEST(released.at >= late.started + late.obs.elapsed);
}

BOOST_AUTO_TEST_CASE(a_release_step_delivers_what_a_reorder_kept) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "ioctl", request = "SIOCINQ", expect = 0 },
    { wire = "release", rule = "r" },
    { server = "ioctl", request = "SIOCINQ", expect = 100 },)",
                          rule("reorder", "which = \"first\"\n")));
  auto at = client_data(r);
  BOOST_TEST_REQUIRE(at.size() == 2u);
  BOOST_TEST((r.record.trace[at[1]].what == fate::released));
}

// Nothing came after it and nothing let it go: the ladder shows it kept and never delivered.
BOOST_AUTO_TEST_CASE(a_reordered_segment_nothing_lets_go_stays_held) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "read", nonblocking = true, expect = "EAGAIN" },)",
                          rule("reorder", "which = \"first\"\n")));
  auto at = client_data(r);
  BOOST_TEST_REQUIRE(at.size() == 1u);
  BOOST_TEST((r.record.trace[at[0]].what == fate::reordered));
}

BOOST_AUTO_TEST_CASE(a_corrupted_segment_is_dropped_by_the_receiver_and_retransmitted) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "read", nonblocking = true, expect = "EAGAIN" },
    { server = "read", timeout_ms = 3000, expect = 100 },)",
                          rule("corrupt", "which = \"first\"\n")));
  auto at = client_data(r);
  BOOST_TEST_REQUIRE(at.size() == 2u);
  const auto& bad = r.record.trace[at[0]];
  const auto& again = r.record.trace[at[1]];
  BOOST_TEST((bad.what == fate::corrupted));
  BOOST_TEST((again.what == fate::forwarded));
  BOOST_TEST(again.seq == bad.seq);  // the same bytes, sent again
  BOOST_TEST(again.payload == bad.payload);
  BOOST_TEST(counter(r, host::server, "InCsumErrors") == 1);
  BOOST_TEST(counter(r, host::client, "RetransSegs") == 1);
}

namespace {

std::string eight_writes() {
  std::string steps = connected;
  for (int i = 0; i < 8; ++i) steps += "\n    { client = \"write\", bytes = 10, expect = 10 },";
  return steps + "\n    { server = \"read\", bytes = 80, exact = true, expect = 80 },";
}

// For each data segment the client sent: whether the wire copied it.
std::vector<bool> copied(const rstlab::expect::case_result& r) {
  std::vector<bool> out;
  const auto& trace = r.record.trace;
  for (auto i : client_data(r))
    if (trace[i].sent())
      out.push_back(i + 1 < trace.size() && trace[i + 1].what == fate::duplicated);
  return out;
}

std::vector<bool> predicted(std::uint64_t seed, std::size_t matches) {
  std::vector<bool> out;
  auto key = rstlab::wire::draw_key(seed, "t");
  for (std::uint32_t n = 1; n <= matches; ++n) out.push_back(rstlab::wire::draw(key, 0, n) < 0.5);
  return out;
}

}  // namespace

// The wire copies exactly the matches the seed's draws pick, run after run.
BOOST_AUTO_TEST_CASE(a_probabilistic_rule_acts_on_the_matches_its_seed_draws) {
  BOOST_TEST_REQUIRE(predicted(1, 8) != predicted(2, 8));
  const auto& sc = t::load(fixture(eight_writes(), rule("duplicate", "probability = 0.5\n")));
  for (std::uint64_t seed : {1u, 2u, 1u}) {
    auto r = t::run(sc, seed);
    BOOST_TEST_INFO(t::explain(r) << r.note);
    BOOST_TEST_REQUIRE((r.outcome == verdict::pass));
    BOOST_TEST(r.record.seed.value() == seed);
    auto got = copied(r);
    BOOST_TEST(got.size() >= 8u);
    BOOST_TEST(got == predicted(seed, got.size()), "seed " << seed);
  }
}

// Each ICMP code the icmp step knows, answering the SYN of a blocking connect, over each family:
// the errno connect returns is the one measured in C (a destination error is hard in
// SYN_SENT, every code), and the ICMPv6 table differs from IPv4's only for admin-prohibited.
BOOST_AUTO_TEST_CASE(every_icmp_code_fails_a_connect_with_its_measured_errno_in_both_families) {
  struct expected {
    const char* code;
    const char* v4;
    const char* v6;
  };
  constexpr expected table[] = {{"net", "ENETUNREACH", "ENETUNREACH"},
                                {"host", "EHOSTUNREACH", "EHOSTUNREACH"},
                                {"port", "ECONNREFUSED", "ECONNREFUSED"},
                                {"admin-prohibited", "EHOSTUNREACH", "EACCES"}};
  for (const auto& e : table)
    for (int family : {4, 6}) {
      auto text = "family = " + std::to_string(family) + "\n" +
                  fixture(std::string("  { server = \"listen\" },\n"
                                      "  { client = \"connect\", background = true, id = \"c\" },\n"
                                      "  { wire = \"icmp\", to = \"client\", code = \"") +
                              e.code + "\" },\n  { client = \"wait\", step = \"c\", expect = \"" +
                              (family == 4 ? e.v4 : e.v6) + "\" },\n",
                          "[[wire.rule]]\nfrom = \"client\"\nflags = \"S\"\naction = \"drop\"\n"
                          "[wire]\nrst = { client = 0, server = 0 }\n");
      BOOST_TEST_CONTEXT(e.code << " over IPv" << family) { passes(text); }
    }
  auto protocol = fixture("  { server = \"listen\" },\n"
                          "  { client = \"connect\", background = true, id = \"c\" },\n"
                          "  { wire = \"icmp\", to = \"client\", code = \"protocol\" },\n"
                          "  { client = \"wait\", step = \"c\", expect = \"ENOPROTOOPT\" },\n",
                          "[[wire.rule]]\nfrom = \"client\"\nflags = \"S\"\naction = \"drop\"\n");
  passes("family = 4\n" + protocol);
}
