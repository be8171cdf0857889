// Which shard a process runs, from its flag or the environment a CI system sets; what
// --rerun-failures makes of a failed case; and how -j hands out cases and takes them in order.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <map>
#include <stdexcept>

#include "harness/runner/ordered.hpp"

#include "harness/runner/shard.hpp"

using rstlab::runner::find_shard;
using rstlab::runner::shard;

namespace {

using env_map = std::map<std::string, std::string>;

std::variant<std::optional<shard>, std::string> with(const std::string& flag, env_map env) {
  return find_shard(flag, [&](const char* name) -> std::optional<std::string> {
    auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional(it->second);
  });
}

shard found(const std::string& flag, env_map env = {}) {
  auto r = with(flag, std::move(env));
  auto* why = std::get_if<std::string>(&r);
  BOOST_TEST_REQUIRE(!why, (why ? *why : std::string{}));
  BOOST_TEST_REQUIRE(std::get<0>(r).has_value());
  return *std::get<0>(r);
}

std::string refused(const std::string& flag, env_map env = {}) {
  auto r = with(flag, std::move(env));
  BOOST_TEST_REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

}  // namespace

BOOST_AUTO_TEST_CASE(no_flag_and_no_variables_is_the_whole_suite) {
  auto r = with("", {});
  BOOST_TEST(!std::get<0>(r).has_value());
  BOOST_TEST(!std::get<0>(with("", {{"CI_NODE_TOTAL", "1"}})).has_value());  // GitLab, no `parallel`
}

BOOST_AUTO_TEST_CASE(each_source_counts_its_own_way) {
  auto flag = found("2/5");
  BOOST_TEST((flag.index == 2 && flag.total == 5 && flag.source == "--shard"));
  auto gtest = found("", {{"GTEST_SHARD_INDEX", "0"}, {"GTEST_TOTAL_SHARDS", "3"}});
  BOOST_TEST((gtest.index == 0 && gtest.total == 3));
  auto bazel = found("", {{"TEST_SHARD_INDEX", "1"}, {"TEST_TOTAL_SHARDS", "2"}});
  BOOST_TEST((bazel.index == 1 && bazel.total == 2));
  auto gitlab = found("", {{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "2"}});  // from 1
  BOOST_TEST((gitlab.index == 1 && gitlab.total == 2));
  auto both = found("0/2", {{"GTEST_SHARD_INDEX", "1"}, {"GTEST_TOTAL_SHARDS", "2"}});
  BOOST_TEST(both.source == "--shard");  // the flag wins
}

BOOST_AUTO_TEST_CASE(shards_together_hold_every_case_once) {
  for (std::size_t total = 1; total <= 7; ++total)
    for (std::size_t i = 0; i < 50; ++i) {
      int holders = 0;
      for (std::size_t k = 0; k < total; ++k) holders += shard{k, total, ""}.holds(i);
      BOOST_TEST(holders == 1);
    }
}

BOOST_AUTO_TEST_CASE(nonsense_is_refused_with_where_it_came_from) {
  BOOST_TEST(refused("3").find("--shard: expected I/N") == 0);
  BOOST_TEST(refused("3/3").find("--shard: expected a shard index from 0 to N-1") == 0);
  BOOST_TEST(refused("0/0").find("--shard:") == 0);
  BOOST_TEST(refused("-1/2").find("--shard:") == 0);
  BOOST_TEST(refused("1/x").find("--shard:") == 0);
  BOOST_TEST(refused("", {{"CI_NODE_INDEX", "0"}, {"CI_NODE_TOTAL", "2"}}).find("from 1 to N") !=
             std::string::npos);
  BOOST_TEST(refused("", {{"GTEST_SHARD_INDEX", "1"}}) ==
             "GTEST_TOTAL_SHARDS is not set, though GTEST_SHARD_INDEX is: a CI system sets both");
}

// --rerun-failures, decided without sockets: what a failed case becomes after its reruns.
#include "harness/runner/rerun.hpp"

namespace {

using rstlab::expect::verdict;

// A case that came out `first`, rerun up to `times` with reruns coming out `then`, in order.
rstlab::expect::case_result after_reruns(verdict first, unsigned times, std::vector<verdict> then,
                                         int& runs) {
  rstlab::expect::case_result r;
  r.outcome = first;
  runs = 0;
  rstlab::runner::rerun_failed(r, times, [&] { return then.at(static_cast<std::size_t>(runs++)); });
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_failure_that_passes_on_a_rerun_is_flaky_never_pass) {
  int runs = 0;
  auto r = after_reruns(verdict::fail, 3, {verdict::fail, verdict::pass}, runs);
  BOOST_TEST((r.outcome == verdict::flaky));
  BOOST_TEST(runs == 2);  // stops at the first pass
  BOOST_TEST(r.note == "failed, then passed on rerun 2 of 3");
  auto stuck = after_reruns(verdict::fail, 2, {verdict::fail, verdict::error}, runs);
  BOOST_TEST((stuck.outcome == verdict::fail));
  BOOST_TEST(runs == 2);
  BOOST_TEST(stuck.note == "failed on all 2 reruns too");
}

BOOST_AUTO_TEST_CASE(only_a_failure_is_rerun_and_only_when_asked) {
  int runs = 0;
  for (auto v : {verdict::pass, verdict::error, verdict::skip})
    BOOST_TEST((after_reruns(v, 3, {}, runs).outcome == v));
  BOOST_TEST((after_reruns(verdict::fail, 0, {}, runs).outcome == verdict::fail));
  BOOST_TEST(runs == 0);
}

// The pool's results come in order, at most `window` ahead of the one taken last, whatever the
// number of items: a long run holds a window of results, not one slot per case.
BOOST_AUTO_TEST_CASE(results_are_taken_in_order_with_a_window_of_them_at_most) {
  const std::size_t n = 5000, window = 7;
  std::atomic<std::size_t> taken{0}, ahead{0};
  std::vector<std::size_t> order;
  rstlab::runner::run_ordered<std::size_t>(
      n, 3, window,
      [&](std::size_t i) {
        ahead = std::max<std::size_t>(ahead, i - taken);
        return i * 3;
      },
      [&](std::size_t i, std::size_t& r) {
        BOOST_TEST_REQUIRE(r == i * 3);
        order.push_back(i);
        ++taken;
      });
  BOOST_TEST(order.size() == n);
  BOOST_TEST(std::is_sorted(order.begin(), order.end()));
  BOOST_TEST(ahead.load() <= window);  // taken counts here once take() returned
}

BOOST_AUTO_TEST_CASE(a_failing_item_stops_the_pool_and_its_error_comes_out) {
  std::atomic<std::size_t> done{0};
  auto run = [&] {
    rstlab::runner::run_ordered<int>(
        1000, 2, 4,
        [&](std::size_t i) {
          if (i == 10) throw std::runtime_error("item 10");
          ++done;
          return 0;
        },
        [](std::size_t, int&) {});
  };
  BOOST_CHECK_EXCEPTION(run(), std::runtime_error,
                        [](const std::runtime_error& e) { return std::string(e.what()) == "item 10"; });
  BOOST_TEST(done.load() < 1000u);
}
