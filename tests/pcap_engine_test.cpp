// Capture files from real runs: bundled fixtures whose wire drops, holds, releases, forges a
// segment or makes an ICMP error, run with a capture folder, the file read back and checked
// packet by packet against the run's own trace (count, bytes, flags and numbers, direction,
// time, a comment exactly where the wire did more than forward). Also the file's name, and
// which run of a repeated case the file holds.
#include <boost/test/unit_test.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "cases/action.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/runner/capture.hpp"
#include "harness/runner/runner.hpp"
#include "harness/wire/pcap.hpp"
#include "tests/support.hpp"

using rstlab::expect::verdict;
using rstlab::wire::fate;
namespace t = rstlab::test;
namespace fs = std::filesystem;
namespace pcap = rstlab::wire::pcap;
namespace wire = rstlab::wire;

namespace {

struct captured_run {
  rstlab::fixture::scenario sc;
  rstlab::expect::case_result result;
  pcap::capture file;
};

pcap::capture read_capture(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  auto parsed = pcap::parse(bytes);
  BOOST_TEST_REQUIRE(parsed.value.has_value(), path << ": " << parsed.error);
  return *parsed.value;
}

// Runs a bundled fixture with captures into `dir` (`repeat` times) and reads its file back.
std::unique_ptr<captured_run> run_captured(const std::string& fixture, const t::temp_dir& dir,
                                           unsigned repeat = 1) {
  auto run = std::make_unique<captured_run>();
  run->sc = rstlab::fixture::load_file(fs::path(RSTLAB_FIXTURE_DIR) / fixture,
                                       rstlab::cases::specs());
  rstlab::runner::options o;
  o.pcap_dir = dir.path.string();
  o.repeat = repeat;
  run->result = rstlab::runner::run_one(run->sc, o);
  BOOST_TEST_INFO(t::explain(run->result) << run->result.note);
  BOOST_TEST_REQUIRE((run->result.outcome == verdict::pass));
  BOOST_TEST(run->result.capture == (dir.path / (run->sc.name + "-v4.pcap")).string());
  run->file = read_capture(run->result.capture);
  return run;
}

// The packet holds the trace entry: an IPv4 TCP segment with its numbers, or the wire's ICMP
// destination unreachable with its code.
void same_packet(const pcap::packet& p, const wire::segment& s) {
  if (s.icmp_code) {
    BOOST_TEST_REQUIRE(p.bytes.size() >= 28u);
    BOOST_TEST(p.bytes[9] == 1);  // protocol ICMP
    BOOST_TEST(p.bytes[20] == 3);  // destination unreachable
    BOOST_TEST(p.bytes[21] == *s.icmp_code);
    return;
  }
  auto d = wire::decode(p.bytes);
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST(wire::checksums_ok(p.bytes));
  BOOST_TEST(d->sport == s.sport);
  BOOST_TEST(d->dport == s.dport);
  BOOST_TEST(d->seq == s.seq);
  BOOST_TEST(d->ack == s.ack);
  BOOST_TEST(d->flags == s.flags);
  BOOST_TEST(d->window == s.window);
  BOOST_TEST(d->payload == s.payload);
}

// Every entry of the trace, in order, is the packet of the same index.
void matches_trace(const captured_run& run) {
  const auto& rec = run.result.record;
  const auto& packets = run.file.packets;
  BOOST_TEST_REQUIRE(run.file.interfaces.size() == 1u);
  BOOST_TEST(run.file.interfaces[0].linktype == pcap::linktype_raw);
  BOOST_TEST_REQUIRE(packets.size() == rec.trace.size());
  BOOST_TEST_REQUIRE(rec.packets.size() == rec.trace.size());
  auto start = std::chrono::duration_cast<std::chrono::microseconds>(rec.started.time_since_epoch());
  for (std::size_t i = 0; i < packets.size(); ++i) {
    const auto& s = rec.trace[i];
    BOOST_TEST_CONTEXT("packet " << i + 1) {
      same_packet(packets[i], s);
      BOOST_TEST(packets[i].bytes == rec.packets[i], boost::test_tools::per_element());
      BOOST_TEST(packets[i].original_length == rec.packets[i].size());
      BOOST_TEST(packets[i].time.count() == (start + s.at).count());
      auto way = s.dir == wire::direction::to_server ? pcap::outbound : pcap::inbound;
      BOOST_TEST(packets[i].flags == way);
      BOOST_TEST(packets[i].comment.empty() == (s.what == fate::forwarded));
    }
  }
}

// The comments of the packets that carry one, in order.
std::vector<std::string> comments(const pcap::capture& c) {
  std::vector<std::string> out;
  for (const auto& p : c.packets)
    if (!p.comment.empty()) out.push_back(p.comment);
  return out;
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(a_dropped_syn_and_the_wires_icmp_error_are_in_the_capture) {
  t::temp_dir dir{"pcap"};
  auto run = run_captured("icmp/port-unreachable-answers-syn.toml", dir);
  matches_trace(*run);
  std::vector<std::string> expected{
      "dropped by rule 1", "ICMP unreachable (port) to the client host, forged by the wire"};
  BOOST_TEST(comments(run->file) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_forged_rst_is_in_the_capture_with_its_comment) {
  t::temp_dir dir{"pcap"};
  auto run = run_captured("forged/forged-exact-rst.toml", dir);
  matches_trace(*run);
  std::vector<std::string> expected{"forged by the wire"};
  BOOST_TEST(comments(run->file) == expected, boost::test_tools::per_element());
  BOOST_TEST(run->file.packets.size() >= 10u);
}

BOOST_AUTO_TEST_CASE(a_held_synack_is_captured_when_held_and_again_when_released) {
  t::temp_dir dir{"pcap"};
  auto run = run_captured("late-synack/synack-after-nonblocking-connect-gave-up.toml", dir);
  matches_trace(*run);
  std::vector<std::string> expected{"held by rule 'synack'", "released by rule 'synack'"};
  BOOST_TEST(comments(run->file) == expected, boost::test_tools::per_element());
  const auto& p = run->file.packets;
  auto held = std::find_if(p.begin(), p.end(), [](const auto& x) { return !x.comment.empty(); });
  BOOST_TEST_REQUIRE((held != p.end() && held + 1 != p.end()));
  BOOST_TEST(held->bytes == (held + 1)->bytes, boost::test_tools::per_element());
}

// The result is the first run's; the file, written after each run, holds the last one's.
BOOST_AUTO_TEST_CASE(a_repeated_case_leaves_the_capture_of_its_last_run) {
  t::temp_dir dir{"pcap"};
  auto run = run_captured("icmp/port-unreachable-answers-syn.toml", dir, 3);
  const auto& first = run->result.record;
  auto first_ended = std::chrono::duration_cast<std::chrono::microseconds>(
                         first.started.time_since_epoch()) + first.elapsed;
  BOOST_TEST_REQUIRE(!run->file.packets.empty());
  BOOST_TEST(run->file.packets.front().time.count() > first_ended.count());
  BOOST_TEST(run->file.packets.size() == first.trace.size());
}

// Without a capture folder the wire keeps no bytes and nothing is written.
BOOST_AUTO_TEST_CASE(a_run_without_captures_keeps_no_packets) {
  auto sc = rstlab::fixture::load_file(
      fs::path(RSTLAB_FIXTURE_DIR) / "icmp/port-unreachable-answers-syn.toml",
      rstlab::cases::specs());
  auto r = rstlab::runner::run_one(sc, rstlab::runner::options{});
  BOOST_TEST((r.outcome == verdict::pass));
  BOOST_TEST(r.record.trace.size() == 2u);
  BOOST_TEST(r.record.packets.empty());
  BOOST_TEST(r.capture.empty());
}

BOOST_AUTO_TEST_CASE(capture_file_names_keep_to_their_folder_and_never_collide) {
  using rstlab::runner::capture_file_name;
  BOOST_TEST(capture_file_name("forged-exact-rst", "v4") == "forged-exact-rst-v4.pcap");
  BOOST_TEST(capture_file_name("a/b c", "v4") == "a%2Fb%20c-v4.pcap");
  BOOST_TEST(capture_file_name("a_b", "v6") == "a_b-v6.pcap");
  BOOST_TEST(capture_file_name("..", "v4") == "%2E.-v4.pcap");
  BOOST_TEST(capture_file_name("50%", "v4") == "50%25-v4.pcap");
  BOOST_TEST(capture_file_name("caf\xc3\xa9", "v4") == "caf%C3%A9-v4.pcap");
}

BOOST_AUTO_TEST_CASE(a_capture_folder_is_made_when_missing_and_refused_when_unwritable) {
  t::temp_dir dir{"pcap"};
  auto nested = dir.path / "a" / "b";
  BOOST_TEST(rstlab::runner::capture_dir_problem(nested.string()) == "");
  BOOST_TEST(fs::is_directory(nested));
  BOOST_TEST(fs::is_empty(nested));  // the probe file is gone
  std::ofstream(dir.path / "file") << "x";
  auto under_file = (dir.path / "file" / "sub").string();
  BOOST_TEST(rstlab::runner::capture_dir_problem(under_file) ==
             "cannot create " + under_file + ": Not a directory");
  BOOST_TEST(rstlab::runner::capture_dir_problem("/proc").find("cannot write in /proc: ") == 0u);
}
