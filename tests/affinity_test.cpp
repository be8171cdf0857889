// A case's threads on one CPU (sandbox/affinity.hpp): the case's thread and the threads it
// starts share the CPU it held, cases alongside in this process hold different ones while any
// is free, `unpinned` gives back every CPU (what a program or the user's code inherits), and
// the scope's end gives the thread its own CPUs again.
#include <boost/test/unit_test.hpp>

#include <pthread.h>
#include <sched.h>

#include <barrier>
#include <thread>

#include "harness/sandbox/affinity.hpp"

using rstlab::sandbox::case_cpu;
using rstlab::sandbox::unpinned;

namespace {

cpu_set_t mask() {
  cpu_set_t set;
  CPU_ZERO(&set);
  ::pthread_getaffinity_np(::pthread_self(), sizeof set, &set);
  return set;
}

int only_cpu(const cpu_set_t& set) {
  if (CPU_COUNT(&set) != 1) return -1;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) return c;
  return -1;
}

boost::test_tools::assertion_result two_cpus(boost::unit_test::test_unit_id) {
  auto set = mask();
  boost::test_tools::assertion_result r{CPU_COUNT(&set) >= 2};
  r.message() << "pinning needs two or more CPUs (one is left alone)";
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(affinity, *boost::unit_test::precondition(two_cpus))

BOOST_AUTO_TEST_CASE(a_case_and_the_threads_it_starts_share_one_cpu_until_its_end) {
  auto before = mask();
  {
    case_cpu pin;
    auto inside = mask();
    BOOST_TEST_REQUIRE(only_cpu(inside) >= 0);
    BOOST_TEST(CPU_ISSET(only_cpu(inside), &before));
    cpu_set_t started;
    std::thread([&] { started = mask(); }).join();
    BOOST_TEST(only_cpu(started) == only_cpu(inside));
  }
  auto after = mask();
  BOOST_TEST(CPU_EQUAL(&after, &before));
}

BOOST_AUTO_TEST_CASE(two_cases_alongside_hold_different_cpus) {
  int cpu[2] = {-1, -1};
  std::barrier both{2};
  auto one_case = [&](int i) {
    case_cpu pin;
    cpu[i] = only_cpu(mask());
    both.arrive_and_wait();  // each holds its CPU while the other looks
  };
  std::thread a{one_case, 0}, b{one_case, 1};
  a.join();
  b.join();
  BOOST_TEST(cpu[0] >= 0);
  BOOST_TEST(cpu[1] >= 0);
  BOOST_TEST(cpu[0] != cpu[1]);
}

BOOST_AUTO_TEST_CASE(unpinned_gives_back_every_cpu_for_its_scope) {
  auto before = mask();
  case_cpu pin;
  {
    unpinned free;
    auto all = mask();
    BOOST_TEST(CPU_EQUAL(&all, &before));
  }
  BOOST_TEST(only_cpu(mask()) >= 0);
}

BOOST_AUTO_TEST_SUITE_END()
