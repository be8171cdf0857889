// Background steps and their waits: a background step has an id and no expectation of its own;
// exactly one later wait of the same endpoint names it, and that wait's `expect` is read as the
// background step's action describes it. Each test pins the exact message.
#include <boost/test/unit_test.hpp>

#include "tests/loader_support.hpp"

using namespace rstlab::test;

namespace {

// Line 5: the client connects; the steps given follow from line 6.
std::string connected(std::string_view steps) {
  return fixture_text("  { client = \"connect\" },\n" + std::string(steps));
}

std::string connected_error(std::string_view steps) {
  return error_text(connected(steps));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loader_background)

BOOST_AUTO_TEST_CASE(wait_for_a_background_read_takes_the_read_outcomes) {
  auto sc =
      load_rich(connected("  { client = \"read\", background = true, id = \"r1\" },\n"
                          "  { client = \"poll\", expect = \"OUT\" },\n"
                          "  { client = \"wait\", step = \"r1\", expect = [\"ECONNRESET\", 5], "
                          "signal = \"SIGPIPE\" },\n"));
  const auto& read = sc.steps.at(1);
  BOOST_TEST(read.background);
  BOOST_TEST((read.expect == std::vector<rstlab::core::outcome>{{kind::ok}}));
  const auto& wait = sc.steps.at(3);
  BOOST_TEST(wait.waits_for.value() == 1u);
  BOOST_TEST(wait.text("step", "") == "r1");
  BOOST_TEST(wait.expect_sigpipe);
  BOOST_TEST((wait.expect ==
              std::vector<rstlab::core::outcome>{{kind::error, ECONNRESET}, {kind::count, 5}}));
  BOOST_TEST(!sc.steps.at(2).waits_for.has_value());
}

BOOST_AUTO_TEST_CASE(wait_for_a_background_poll_expects_poll_bits) {
  auto sc =
      load_rich(connected("  { client = \"poll\", background = true, id = \"p\" },\n"
                          "  { client = \"wait\", step = \"p\", expect = \"OUT|ERR\" },\n"));
  BOOST_TEST((sc.steps.at(2).expect == std::vector<rstlab::core::outcome>{{kind::revents, 0xc}}));
}

BOOST_AUTO_TEST_CASE(wait_expect_outside_the_background_action_is_refused) {
  BOOST_TEST(connected_error("  { client = \"await\", event = \"readable\", background = true, "
                             "id = \"a\" },\n"
                             "  { client = \"wait\", step = \"a\", expect = 5 },\n") ==
             "f.toml:7:43: action 'await' never reports a byte count; it reports: ok, timeout");
}

BOOST_AUTO_TEST_CASE(wait_without_expect_for_an_action_that_needs_one_asks_for_it) {
  BOOST_TEST(connected_error("  { client = \"read\", background = true, id = \"r1\" },\n"
                             "  { client = \"wait\", step = \"r1\" },\n") ==
             "f.toml:7:3: waiting for 'r1' (action 'read') requires 'expect'; add expect = \"ok\", "
             "\"eof\", \"timeout\", a byte count or an errno name");
}

BOOST_AUTO_TEST_CASE(background_step_without_id_is_refused) {
  BOOST_TEST(connected_error("  { client = \"read\", background = true },\n") ==
             "f.toml:6:3: background step has no 'id', so no wait can name it; add id = \"...\"");
}

BOOST_AUTO_TEST_CASE(background_step_with_expect_or_signal_is_refused) {
  BOOST_TEST(connected_error("  { client = \"read\", background = true, id = \"r1\", expect = 5, "
                             "signal = \"none\" },\n"
                             "  { client = \"wait\", step = \"r1\", expect = 5 },\n") ==
             "f.toml:6:61: a background step carries no 'expect'; put it on the step's wait: { "
             "client = \"wait\", step = \"r1\", ... }\n"
             "f.toml:6:73: a background step carries no 'signal'; put it on the step's wait: { "
             "client = \"wait\", step = \"r1\", ... }");
}

BOOST_AUTO_TEST_CASE(background_wait_is_refused) {
  BOOST_TEST(connected_error("  { client = \"read\", background = true, id = \"r1\" },\n"
                             "  { client = \"wait\", step = \"r1\", background = true, id = \"w\", "
                             "expect = 1 },\n") ==
             "f.toml:7:48: a wait cannot itself run in the background; remove background = true\n"
             "f.toml:7:73: a background step carries no 'expect'; put it on the step's wait: { "
             "client = \"wait\", step = \"w\", ... }");
}

BOOST_AUTO_TEST_CASE(background_step_never_waited_for_shows_the_wait_to_add) {
  BOOST_TEST(connected_error("  { client = \"read\", background = true, id = \"r1\" },\n") ==
             "f.toml:6:3: background step 'r1' is never waited for; add a later step { client = "
             "\"wait\", step = \"r1\", expect = ... }");
  BOOST_TEST(connected_error("  { client = \"close\", background = true, id = \"c\" },\n") ==
             "f.toml:6:3: background step 'c' is never waited for; add a later step { client = "
             "\"wait\", step = \"c\" }");
}

BOOST_AUTO_TEST_CASE(wait_for_an_unknown_id_suggests_an_open_background_step) {
  BOOST_TEST(connected_error("  { client = \"close\", background = true, id = \"r1\" },\n"
                             "  { client = \"wait\", step = \"r2\" },\n") ==
             "f.toml:6:3: background step 'r1' is never waited for; add a later step { client = "
             "\"wait\", step = \"r1\" }\n"
             "f.toml:7:29: wait names step 'r2', but no earlier client step has that id; did you "
             "mean 'r1'?");
}

BOOST_AUTO_TEST_CASE(wait_before_its_background_step_is_refused) {
  BOOST_TEST(connected_error("  { client = \"wait\", step = \"later\" },\n"
                             "  { client = \"close\", background = true, id = \"later\" },\n") ==
             "f.toml:6:29: wait names step 'later', but no earlier client step has that id; give "
             "the background step id = \"later\"\n"
             "f.toml:7:3: background step 'later' is never waited for; add a later step { client "
             "= \"wait\", step = \"later\" }");
}

BOOST_AUTO_TEST_CASE(wait_for_a_step_of_the_other_endpoint_is_refused) {
  BOOST_TEST(error_text(fixture_text("  { server = \"listen\", background = true, id = \"l\" },\n"
                                     "  { client = \"wait\", step = \"l\" },\n"
                                     "  { server = \"wait\", step = \"l\" },\n")) ==
             "f.toml:6:29: wait names step 'l' of the server; a client wait can only wait for a "
             "client step");
}

BOOST_AUTO_TEST_CASE(wait_for_a_step_not_in_the_background_is_refused) {
  BOOST_TEST(connected_error("  { client = \"close\", id = \"c\" },\n"
                             "  { client = \"wait\", step = \"c\" },\n") ==
             "f.toml:7:29: wait names step 'c', which does not run in the background; add "
             "background = true to it");
}

BOOST_AUTO_TEST_CASE(second_wait_for_one_background_step_is_refused) {
  BOOST_TEST(connected_error("  { client = \"close\", background = true, id = \"c\" },\n"
                             "  { client = \"wait\", step = \"c\" },\n"
                             "  { client = \"wait\", step = \"c\" },\n") ==
             "f.toml:8:29: step 'c' is already waited for at 7:3; each background step has one "
             "wait");
}

BOOST_AUTO_TEST_CASE(wait_without_step_asks_for_it) {
  BOOST_TEST(connected_error("  { client = \"wait\" },\n") ==
             "f.toml:6:3: action 'wait' requires parameter 'step'; add step = \"...\"");
}

BOOST_AUTO_TEST_CASE(wait_takes_no_socket) {
  BOOST_TEST(connected_error("  { client = \"close\", background = true, id = \"c\" },\n"
                             "  { client = \"wait\", step = \"c\", socket = \"conn\" },\n") ==
             "f.toml:7:34: action 'wait' takes no 'socket'; remove it");
}

BOOST_AUTO_TEST_CASE(background_accept_makes_its_socket_at_its_wait) {
  auto early =
      error_text(fixture_text("  { server = \"listen\" },\n"
                              "  { server = \"accept\", background = true, id = \"a\" },\n"
                              "  { server = \"close\" },\n"
                              "  { server = \"wait\", step = \"a\" },\n"));
  BOOST_TEST(early ==
             "f.toml:7:3: no earlier server step creates socket 'conn'; create it first with one "
             "of: socket, listen, connect, accept with as = \"conn\"");
  auto sc =
      load_rich(fixture_text("  { server = \"listen\" },\n"
                             "  { server = \"accept\", background = true, id = \"a\" },\n"
                             "  { server = \"wait\", step = \"a\" },\n"
                             "  { server = \"close\" },\n"));
  BOOST_TEST(sc.steps.at(2).waits_for.value() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
