// The timeline's decisions fed fake completions and a fake clock: no threads, no sockets.
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <cmath>

#include "harness/schedule/sequencer.hpp"

namespace fx = rstlab::fixture;
namespace sc = rstlab::schedule;
using kind = sc::command::kind;
using namespace std::chrono_literals;

namespace {

const sc::time_point t0{};

fx::step step(fx::host h, const char* action, int timeout_ms = 1000) {
  fx::step s;
  s.endpoint = h;
  s.action = action;
  s.timeout = std::chrono::milliseconds(timeout_ms);
  return s;
}

fx::step background(fx::host h, const char* action, int timeout_ms = 1000) {
  auto s = step(h, action, timeout_ms);
  s.background = true;
  return s;
}

fx::step wait_for(fx::host h, std::size_t target) {
  auto s = step(h, "wait");
  s.waits_for = target;
  return s;
}

fx::scenario scenario(std::vector<fx::step> steps, int case_ms = 10000) {
  fx::scenario s;
  s.name = "t";
  s.steps = std::move(steps);
  s.case_timeout = std::chrono::milliseconds(case_ms);
  return s;
}

rstlab::core::observation returned(long ret, int err = 0) {
  using k = rstlab::core::outcome::kind;
  rstlab::core::observation o;
  o.ret = ret;
  o.err = err;
  o.actual = err ? rstlab::core::outcome{k::error, err} : rstlab::core::outcome{k::ok, 0};
  return o;
}

// Completes a started step and lets the wire settle, as the engine does.
void finish(sc::sequencer& seq, std::size_t i, sc::time_point at, long ret = 0, int err = 0) {
  seq.completed(i, returned(ret, err), at);
  BOOST_TEST((seq.next(at).what == kind::settle));
  seq.settled();
}

void expect_command(sc::sequencer& seq, sc::time_point now, kind what, std::size_t step = 0) {
  auto c = seq.next(now);
  BOOST_TEST((c.what == what));
  BOOST_TEST(c.step == step);
}

}  // namespace

BOOST_AUTO_TEST_CASE(steps_run_in_file_order_each_after_the_wire_settled) {
  auto s = scenario({step(fx::host::server, "listen"), step(fx::host::client, "connect")});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  BOOST_TEST((seq.next(t0).what == kind::wait));
  seq.completed(0, returned(0), t0 + 1ms);
  expect_command(seq, t0 + 1ms, kind::settle);
  expect_command(seq, t0 + 1ms, kind::settle);  // still owed until settled() is called
  seq.settled();
  expect_command(seq, t0 + 1ms, kind::start, 1);
  finish(seq, 1, t0 + 3ms);
  expect_command(seq, t0 + 3ms, kind::done);
  auto rec = seq.take_record();
  BOOST_TEST(rec.steps[1].ran);
  BOOST_TEST(rec.steps[1].started.count() == 1000);
  BOOST_TEST(rec.steps[1].obs.elapsed.count() == 2000);
}

BOOST_AUTO_TEST_CASE(a_wait_ends_at_the_nearest_deadline) {
  auto s = scenario({step(fx::host::client, "read", 30)}, 100);
  sc::sequencer seq{s, 2.0, t0};
  expect_command(seq, t0 + 5ms, kind::start, 0);
  auto c = seq.next(t0 + 5ms);
  BOOST_TEST((c.what == kind::wait));
  BOOST_TEST((c.until == t0 + 65ms));  // 5 ms + 30 ms scaled by 2
}

BOOST_AUTO_TEST_CASE(a_call_past_its_deadline_is_interrupted_until_it_returns_then_timeout) {
  auto s = scenario({step(fx::host::client, "read", 20), step(fx::host::client, "close")});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  BOOST_TEST((seq.next(t0 + 19ms).what == kind::wait));
  expect_command(seq, t0 + 20ms, kind::interrupt, 0);
  BOOST_TEST((seq.next(t0 + 21ms).what == kind::wait));  // resent only after the interval
  expect_command(seq, t0 + 20ms + sc::resend_interval, kind::interrupt, 0);
  finish(seq, 0, t0 + 23ms, 100);
  expect_command(seq, t0 + 23ms, kind::start, 1);
  auto obs = seq.take_record().steps[0].obs;
  BOOST_TEST((obs.actual.what == rstlab::core::outcome::kind::timeout));
  BOOST_TEST(obs.interrupted);
  BOOST_TEST(obs.ret == 100);  // what the interrupted call had moved
}

BOOST_AUTO_TEST_CASE(a_background_step_lets_the_timeline_go_on_once_blocked) {
  auto s = scenario({background(fx::host::server, "read"), step(fx::host::client, "abort"),
                     wait_for(fx::host::server, 0)});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  expect_command(seq, t0, kind::watch, 0);
  expect_command(seq, t0, kind::watch, 0);
  seq.blocked(0);
  expect_command(seq, t0, kind::start, 1);
  finish(seq, 1, t0 + 1ms);
  BOOST_TEST((seq.next(t0 + 1ms).what == kind::wait));  // the wait: its step still runs
  finish(seq, 0, t0 + 2ms, -1, ECONNRESET);
  expect_command(seq, t0 + 2ms, kind::done);
  auto rec = seq.take_record();
  BOOST_TEST(rec.steps[2].ran);
  BOOST_TEST(rec.steps[2].obs.err == ECONNRESET);
  BOOST_TEST(rec.steps[2].started.count() == 2000);
}

BOOST_AUTO_TEST_CASE(a_background_step_that_returns_at_once_needs_no_watch) {
  auto s = scenario({background(fx::host::server, "read"), wait_for(fx::host::server, 0)});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  finish(seq, 0, t0, 5);
  expect_command(seq, t0, kind::done);
}

BOOST_AUTO_TEST_CASE(waiting_for_a_background_step_past_its_deadline_reports_timeout) {
  auto s = scenario({background(fx::host::server, "read", 50), wait_for(fx::host::server, 0)});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  seq.blocked(0);
  auto c = seq.next(t0);
  BOOST_TEST((c.what == kind::wait));
  BOOST_TEST((c.until == t0 + 50ms));
  expect_command(seq, t0 + 50ms, kind::interrupt, 0);
  finish(seq, 0, t0 + 51ms, -1, EINTR);
  expect_command(seq, t0 + 51ms, kind::done);
  auto rec = seq.take_record();
  BOOST_TEST((rec.steps[1].obs.actual.what == rstlab::core::outcome::kind::timeout));
}

BOOST_AUTO_TEST_CASE(the_case_deadline_interrupts_every_call_and_leaves_the_rest_unrun) {
  auto s = scenario({background(fx::host::server, "read"), step(fx::host::client, "accept"),
                     step(fx::host::client, "close"), wait_for(fx::host::server, 0)},
                    40);
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  seq.blocked(0);
  expect_command(seq, t0, kind::start, 1);
  auto first = seq.next(t0 + 40ms);
  auto second = seq.next(t0 + 40ms);
  BOOST_TEST((first.what == kind::interrupt && second.what == kind::interrupt));
  BOOST_TEST(first.step + second.step == 1u);  // both running calls: 0 and 1
  BOOST_TEST(seq.ending());
  seq.completed(0, returned(-1, EINTR), t0 + 41ms);
  BOOST_TEST((seq.next(t0 + 41ms).what == kind::wait));  // step 1 has not returned yet
  seq.completed(1, returned(-1, EINTR), t0 + 41ms);
  expect_command(seq, t0 + 41ms, kind::done);
  auto rec = seq.take_record();
  BOOST_TEST(rec.aborted == "the case deadline (40 ms) passed during step 2 (accept)");
  BOOST_TEST(!rec.steps[2].ran);
  BOOST_TEST(!rec.steps[3].ran);
}

BOOST_AUTO_TEST_CASE(a_harness_failure_ends_the_case_at_once) {
  auto s = scenario({step(fx::host::client, "read"), step(fx::host::client, "close")});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  seq.failed("the wire broke");
  seq.failed("a second problem");  // the first one is the one reported
  expect_command(seq, t0, kind::interrupt, 0);
  seq.completed(0, returned(-1, EINTR), t0 + 1ms);
  expect_command(seq, t0 + 1ms, kind::done);
  auto rec = seq.take_record();
  BOOST_TEST(rec.error == "the wire broke");
  BOOST_TEST(rec.steps[0].ran);
  BOOST_TEST(!rec.steps[1].ran);
}

BOOST_AUTO_TEST_CASE(the_case_deadline_before_a_step_could_start_names_that_step) {
  auto s = scenario({step(fx::host::client, "read"), step(fx::host::client, "close")}, 10);
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  seq.completed(0, returned(1), t0 + 10ms);
  expect_command(seq, t0 + 10ms, kind::done);
  BOOST_TEST(seq.take_record().aborted == "the case deadline (10 ms) passed before step 2 (close) could run");
}

BOOST_AUTO_TEST_CASE(scaled_deadlines_saturate_instead_of_overflowing) {
  auto huge = sc::scaled(std::chrono::milliseconds(86400000), 1e300);
  BOOST_TEST(huge.count() > 0);
  auto nan = sc::scaled(std::chrono::milliseconds(10), std::nan(""));
  BOOST_TEST(nan.count() > 0);
  BOOST_TEST(sc::scaled(std::chrono::milliseconds(3), 2.0).count() == 6000000);
}

BOOST_AUTO_TEST_CASE(a_step_that_could_not_start_does_not_hold_the_end_of_the_case) {
  auto s = scenario({step(fx::host::client, "read"), step(fx::host::client, "close")});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  seq.failed("no worker thread");
  seq.not_started(0);
  expect_command(seq, t0, kind::done);
  BOOST_TEST(!seq.take_record().steps[0].ran);
}

BOOST_AUTO_TEST_CASE(a_call_that_never_returns_is_given_up_on_as_a_harness_failure) {
  auto s = scenario({step(fx::host::client, "read", 10)}, 20);
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  expect_command(seq, t0 + 10ms, kind::interrupt, 0);
  expect_command(seq, t0 + 20ms, kind::interrupt, 0);
  BOOST_TEST((seq.next(t0 + 21ms).what == kind::wait));
  expect_command(seq, t0 + 20ms + sc::give_up_after, kind::done);
  auto rec = seq.take_record();
  BOOST_TEST(rec.error == "a call was still blocked 2 s after the case ended, despite interrupts");
  BOOST_TEST(rec.aborted == "the case deadline (20 ms) passed during step 1 (read)");
}

BOOST_AUTO_TEST_CASE(finished_steps_are_reported_once_each_in_the_order_they_finished) {
  auto s = scenario({background(fx::host::server, "read"), step(fx::host::client, "abort"),
                     wait_for(fx::host::server, 0)});
  sc::sequencer seq{s, 1.0, t0};
  expect_command(seq, t0, kind::start, 0);
  seq.blocked(0);
  expect_command(seq, t0, kind::start, 1);
  finish(seq, 1, t0);
  finish(seq, 0, t0);
  expect_command(seq, t0, kind::done);
  auto order = seq.take_finished();
  BOOST_TEST((order == std::vector<std::size_t>{1, 0, 2}));
  BOOST_TEST(seq.take_finished().empty());
}
