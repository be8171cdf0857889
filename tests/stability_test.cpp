// Every bundled fixture observes the same things run after run, on a loaded machine: the
// suite runs with --repeat while this test keeps both cores busy with hogs of its own. A
// fixture that depends on timing it does not control fails here, naming what changed.
// RUN_SERIAL: other tests would be slowed, and would slow this one unevenly. Each variant
// (IPv4 and IPv6, so 60 runs a fixture) runs 30 times; the sanitizer build, which is there for
// memory errors, not timing, runs the repeat path twice (the least that compares runs).
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "tests/support.hpp"

namespace t = rstlab::test;

namespace {

volatile bool spinning = true;  // read on every turn: the loop cannot be optimised away

// Busy processes, one per core, killed when the test ends.
struct cpu_hogs {
  std::vector<pid_t> pids;
  explicit cpu_hogs(long n) {
    for (long i = 0; i < n; ++i) {
      pid_t pid = ::fork();
      if (pid == 0)
        while (spinning) {
        }
      if (pid > 0) pids.push_back(pid);
    }
  }
  ~cpu_hogs() {
    for (auto pid : pids) ::kill(pid, SIGKILL);
    for (auto pid : pids) ::waitpid(pid, nullptr, 0);
  }
};

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

#if defined(__SANITIZE_ADDRESS__)
constexpr const char* runs = "2";
#else
constexpr const char* runs = "30";
#endif

BOOST_AUTO_TEST_CASE(every_bundled_variant_is_stable_over_30_runs_with_both_cores_loaded) {
  cpu_hogs hogs{::sysconf(_SC_NPROCESSORS_ONLN)};
  BOOST_TEST_REQUIRE(!hogs.pids.empty());
  auto r = t::run_process({RSTLAB_BINARY, "run", "--repeat", runs, RSTLAB_FIXTURE_DIR});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(r.out.find("unstable") == std::string::npos, r.out);
}
