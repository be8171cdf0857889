// What a sandbox is before a case starts: hosts that send nothing of their own on the wire,
// over either family, and a loopback host set up for packets the wire puts on lo.
#include <boost/test/unit_test.hpp>

#include <poll.h>

#include <fstream>
#include <string>

#include "harness/sandbox/netns.hpp"
#include "harness/sandbox/sandbox.hpp"
#include "tests/support.hpp"

namespace sb = rstlab::sandbox;
using rstlab::core::family;
using rstlab::fixture::host;

namespace {

// Whether the host's TUN device has a packet for the wire within `ms`.
bool sends_within(sb::sandbox& box, host h, int ms) {
  pollfd p{box.tun(h).fd(), POLLIN, 0};
  return ::poll(&p, 1, ms) > 0;
}

std::string setting(const sb::sandbox& box, const std::string& path) {
  sb::netns_guard in{box.netns(host::client)};
  std::ifstream in_file(path);
  std::string value;
  in_file >> value;
  return value;
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

// The kernel's defaults would give each TUN interface a link-local address and send a router
// solicitation from it as the interface comes up (and again 4 s later). The wire would drop
// it, but it is a packet no step caused, over IPv4 sandboxes too.
BOOST_AUTO_TEST_CASE(a_host_sends_nothing_of_its_own_over_either_family) {
  for (auto f : {family::v4, family::v6}) {
    sb::sandbox box{{.family = f}};
    for (auto h : {host::client, host::server})
      BOOST_TEST(!sends_within(box, h, 500), (f == family::v4 ? "IPv4 " : "IPv6 ")
                                                  << rstlab::fixture::host_name(h));
  }
}

BOOST_AUTO_TEST_CASE(a_loopback_host_routes_and_accepts_local_sources_on_lo) {
  sb::sandbox box{{.loopback = true}};
  BOOST_TEST(setting(box, "/proc/sys/net/ipv4/conf/lo/route_localnet") == "1");
  BOOST_TEST(setting(box, "/proc/sys/net/ipv4/conf/lo/accept_local") == "1");
}
