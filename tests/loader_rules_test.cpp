// The loader's rules that come from the actions table: parameter ranges, parameter rules
// (needs, only_with, range), the longest deadline, outcomes an action can never produce, and
// sockets that no earlier step created. Each test pins the exact message.
#include <boost/test/unit_test.hpp>

#include "tests/loader_support.hpp"

using namespace rstlab::test;

namespace {

std::string steps_error(std::string_view steps) {
  return error_text(fixture_text(steps));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loader_rules)

BOOST_AUTO_TEST_CASE(param_above_its_max_is_refused) {
  BOOST_TEST(steps_error("  { client = \"connect\", port = 70000 },\n") ==
             "f.toml:5:32: 'port' must be between 0 and 65535, got 70000");
}

BOOST_AUTO_TEST_CASE(param_below_its_min_is_refused) {
  BOOST_TEST(steps_error("  { client = \"connect\" },\n"
                         "  { client = \"read\", bytes = 0, expect = 0 },\n") ==
             "f.toml:6:30: 'bytes' must be between 1 and 2147483647, got 0");
}

BOOST_AUTO_TEST_CASE(param_at_its_bounds_loads) {
  auto sc =
      load_rich(fixture_text("  { client = \"connect\", port = 65535 },\n"
                             "  { client = \"connect\", port = 0, socket = \"b\" },\n"));
  BOOST_TEST(sc.steps.at(0).integer("port", -1) == 65535);
  BOOST_TEST(sc.steps.at(1).integer("port", -1) == 0);
}

BOOST_AUTO_TEST_CASE(rule_needs_asks_for_the_missing_param) {
  BOOST_TEST(
      steps_error("  { client = \"connect\" },\n"
                  "  { client = \"await\", event = \"state\" },\n") ==
      "f.toml:6:31: await with event = \"state\" needs 'state'; add state = \"...\" (one of: "
      "ESTABLISHED, CLOSE_WAIT, CLOSE)");
}

BOOST_AUTO_TEST_CASE(rule_only_with_refuses_the_param_elsewhere) {
  BOOST_TEST(steps_error("  { client = \"connect\" },\n"
                         "  { client = \"await\", event = \"readable\", bytes = 10 },\n") ==
             "f.toml:6:43: 'bytes' applies only with event = \"queued\"; remove it");
}

BOOST_AUTO_TEST_CASE(rule_only_with_accepts_the_param_with_its_condition) {
  auto sc =
      load_rich(fixture_text("  { client = \"connect\" },\n"
                             "  { client = \"await\", event = \"queued\", bytes = 10 },\n"
                             "  { client = \"await\", event = \"state\", state = \"CLOSE\" },\n"));
  BOOST_TEST(sc.steps.at(1).integer("bytes", 0) == 10);
  BOOST_TEST(sc.steps.at(2).text("state", "") == "CLOSE");
}

BOOST_AUTO_TEST_CASE(rule_range_bounds_the_value_for_its_choice) {
  BOOST_TEST(
      steps_error("  { client = \"connect\" },\n"
                  "  { client = \"setsockopt\", option = \"SO_LINGER\", value = 70000 },\n") ==
      "f.toml:6:58: 'value' must be between 0 and 65535 with option = \"SO_LINGER\", got "
      "70000");
}

BOOST_AUTO_TEST_CASE(rule_range_of_another_choice_does_not_apply) {
  auto sc = load_rich(
      fixture_text("  { client = \"connect\" },\n"
                   "  { client = \"setsockopt\", option = \"SO_RCVTIMEO\", value = 70000 },\n"));
  BOOST_TEST(sc.steps.at(1).integer("value", 0) == 70000);
}

BOOST_AUTO_TEST_CASE(rule_with_unreadable_condition_adds_no_second_problem) {
  BOOST_TEST(steps_error("  { client = \"connect\" },\n"
                         "  { client = \"await\", event = \"stat\" },\n") ==
             "f.toml:6:31: invalid value 'stat' for 'event'; did you mean 'state'?");
}

BOOST_AUTO_TEST_CASE(step_timeout_above_one_day_is_refused) {
  BOOST_TEST(
      error_text("step_timeout_ms = 86400001\n" + fixture_text("  { client = \"connect\" },\n")) ==
      "f.toml:1:19: 'step_timeout_ms' must be at most 86400000 milliseconds (one day), got "
      "86400001");
}

BOOST_AUTO_TEST_CASE(case_timeout_above_one_day_is_refused) {
  BOOST_TEST(error_text("case_timeout_ms = 100000000000\n" +
                        fixture_text("  { client = \"connect\" },\n")) ==
             "f.toml:1:19: 'case_timeout_ms' must be at most 86400000 milliseconds (one day), got "
             "100000000000");
}

BOOST_AUTO_TEST_CASE(step_timeout_ms_above_one_day_is_refused) {
  BOOST_TEST(steps_error("  { client = \"connect\", timeout_ms = 86400001 },\n") ==
             "f.toml:5:38: 'timeout_ms' must be at most 86400000 milliseconds (one day), got "
             "86400001");
}

BOOST_AUTO_TEST_CASE(timeouts_of_exactly_one_day_load) {
  auto sc = load_rich("step_timeout_ms = 86400000\ncase_timeout_ms = 86400000\n" +
                      fixture_text("  { client = \"connect\", timeout_ms = 86400000 },\n"));
  BOOST_TEST(sc.step_timeout.count() == 86'400'000);
  BOOST_TEST(sc.steps.at(0).timeout.value().count() == 86'400'000);
}

BOOST_AUTO_TEST_CASE(expect_count_from_an_action_that_never_counts_is_refused) {
  BOOST_TEST(steps_error("  { server = \"listen\", expect = 5000 },\n") ==
             "f.toml:5:33: action 'listen' never reports a byte count; it reports: ok, an errno "
             "name");
}

BOOST_AUTO_TEST_CASE(expect_each_outcome_of_a_set_is_checked) {
  BOOST_TEST(steps_error("  { client = \"connect\" },\n"
                         "  { client = \"await\", event = \"readable\", expect = [\"ok\", \"eof\", "
                         "\"EPIPE\"] },\n") ==
             "f.toml:6:59: action 'await' never reports eof; it reports: ok, timeout\n"
             "f.toml:6:66: action 'await' never reports an errno name; it reports: ok, timeout");
}

BOOST_AUTO_TEST_CASE(expect_ok_from_an_action_that_counts_loads) {
  auto sc =
      load_rich(fixture_text("  { client = \"connect\" },\n"
                             "  { client = \"read\", expect = [\"ok\", 0, \"eof\"] },\n"));
  BOOST_TEST(sc.steps.at(1).expect.size() == 3u);
}

BOOST_AUTO_TEST_CASE(expect_integer_of_a_value_action_is_a_value) {
  auto sc = load_rich(fixture_text(
      "  { client = \"connect\" },\n"
      "  { client = \"getsockopt\", option = \"SO_LINGER\", expect = [5, \"ok\", \"EBADF\"] },\n"));
  const auto& expect = sc.steps.at(1).expect;
  BOOST_TEST((expect == std::vector<rstlab::core::outcome>{
                            {kind::value, 5}, {kind::ok}, {kind::error, EBADF}}));
}

BOOST_AUTO_TEST_CASE(expect_word_of_a_value_action_lists_what_it_takes) {
  BOOST_TEST(steps_error("  { client = \"connect\" },\n"
                         "  { client = \"getsockopt\", option = \"SO_LINGER\", expect = \"zzzzzz\" "
                         "},\n") ==
             "f.toml:6:59: unknown outcome 'zzzzzz'; expected ok, an integer value or an errno "
             "name");
}

BOOST_AUTO_TEST_CASE(expect_count_of_a_value_action_is_never_eof) {
  BOOST_TEST(
      steps_error("  { client = \"connect\" },\n"
                  "  { client = \"getsockopt\", option = \"SO_LINGER\", expect = \"eof\" },\n")
          .starts_with("f.toml:6:59: unknown outcome 'eof'"));
}

BOOST_AUTO_TEST_CASE(socket_never_created_is_refused_naming_how_to_create_it) {
  BOOST_TEST(steps_error("  { client = \"read\", expect = 1 },\n") ==
             "f.toml:5:3: no earlier client step creates socket 'conn'; create it first with one "
             "of: socket, listen, connect, accept with as = \"conn\"");
}

BOOST_AUTO_TEST_CASE(socket_of_the_other_endpoint_does_not_count) {
  BOOST_TEST(steps_error("  { server = \"listen\" },\n"
                         "  { client = \"close\", socket = \"listener\" },\n") ==
             "f.toml:6:32: no earlier client step creates socket 'listener'; create it first with "
             "one of: socket, listen, connect, accept with as = \"listener\"");
}

BOOST_AUTO_TEST_CASE(socket_used_before_a_later_creation_is_refused) {
  BOOST_TEST(steps_error("  { client = \"close\" },\n"
                         "  { client = \"connect\" },\n") ==
             "f.toml:5:3: no earlier client step creates socket 'conn'; create it first with one "
             "of: socket, listen, connect, accept with as = \"conn\"");
}

BOOST_AUTO_TEST_CASE(socket_made_by_accept_as_is_known_by_that_name) {
  auto sc =
      load_rich(fixture_text("  { server = \"listen\" },\n"
                             "  { server = \"accept\", as = \"c2\" },\n"
                             "  { server = \"read\", socket = \"c2\", expect = 1 },\n"
                             "  { server = \"close\", socket = \"listener\" },\n"));
  BOOST_TEST(sc.steps.size() == 4u);
  BOOST_TEST(steps_error("  { server = \"listen\" },\n"
                         "  { server = \"accept\", as = \"c2\" },\n"
                         "  { server = \"read\", expect = 1 },\n") ==
             "f.toml:7:3: no earlier server step creates socket 'conn'; create it first with one "
             "of: socket, listen, connect, accept with as = \"conn\"");
}

BOOST_AUTO_TEST_CASE(socket_used_after_its_close_loads) {
  auto sc =
      load_rich(fixture_text("  { client = \"connect\" },\n"
                             "  { client = \"close\" },\n"
                             "  { client = \"read\", expect = \"EBADF\" },\n"));
  BOOST_TEST(sc.steps.size() == 3u);
}

BOOST_AUTO_TEST_CASE(socket_after_an_unknown_action_is_not_guessed) {
  BOOST_TEST(steps_error("  { client = \"conect\" },\n"
                         "  { client = \"read\", expect = 1 },\n") ==
             "f.toml:5:14: unknown action 'conect'; did you mean 'connect'?");
}

BOOST_AUTO_TEST_SUITE_END()

// Poll bits, states and values are not all an action can report: a poll that waits can still
// be blocked at its deadline, and the word for that reads the same everywhere.
BOOST_AUTO_TEST_CASE(expect_timeout_loads_where_the_action_can_block_and_only_there) {
  BOOST_TEST(steps_error("  { client = \"connect\" },\n"
                         "  { client = \"poll\", expect = \"timeout\" },\n") ==
             "f.toml:6:31: action 'poll' never reports timeout; it reports: an errno name, poll "
             "bits");
  BOOST_TEST(steps_error("  { client = \"connect\" },\n"
                         "  { client = \"getsockopt\", option = \"SO_LINGER\", expect = \"timeout\" },\n") ==
             "f.toml:6:59: action 'getsockopt' never reports timeout; it reports: an errno name, "
             "an integer value");
}
