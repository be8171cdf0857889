// tshark, where it is installed, opens a capture rstlab wrote: the packets in order, their
// directions, and the comments saying what the wire did. The suite never needs tshark:
// without it this test reports itself skipped (exit 77), never passed.
#include <boost/test/unit_test.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "tests/support.hpp"

namespace t = rstlab::test;
namespace fs = std::filesystem;

namespace {

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
  return false;
}

struct tshark_and_sandbox_required {
  tshark_and_sandbox_required() {
    if (!on_path("tshark")) {
      std::cerr << "skipped: tshark is not installed\n";
      std::exit(77);
    }
    t::require_sandbox();
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(tshark_and_sandbox_required);

BOOST_AUTO_TEST_CASE(tshark_reads_the_packets_their_directions_and_the_wires_comments) {
  t::temp_dir dir{"tshark"};
  auto fixture = std::string(RSTLAB_FIXTURE_DIR) + "/icmp/port-unreachable-answers-syn.toml";
  auto run = t::run_process({RSTLAB_BINARY, "run", "--pcap", dir.path.string(), fixture});
  BOOST_TEST_REQUIRE(run.status == 0, run.out << run.err);
  auto file = (dir.path / "port-unreachable-answers-syn-v4.pcap").string();
  auto r = t::run_process({"tshark", "-r", file, "-T", "fields", "-E", "separator=|", "-e",
                           "frame.packet_flags_direction", "-e", "ip.proto", "-e",
                           "frame.comment"});
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.out ==
                 "0x00000002|6|dropped by rule 1\n"
                 "0x00000001|1,6|ICMP unreachable (port) to the client host, forged by the wire\n");
}
