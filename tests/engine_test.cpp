// What the engine guarantees beyond any one action: a blocking step is the kernel's own
// blocking call (its partial transfers, pending errors, second connects, lingering closes,
// user timeouts), the wire keeps moving while a call blocks, signals belong to the step that
// raised them, and a harness failure is an ERROR that ends the case at once.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <future>

#include "harness/core/names.hpp"
#include "harness/endpoint/signals.hpp"
#include "harness/endpoint/worker.hpp"
#include "harness/engine/engine.hpp"
#include "harness/runner/runner.hpp"
#include "harness/sandbox/unique_fd.hpp"
#include "tests/support.hpp"

using rstlab::expect::verdict;
namespace t = rstlab::test;
namespace flag = rstlab::wire::flag;
using namespace std::chrono_literals;

namespace {

std::string fixture(const std::string& steps, const std::string& top = "") {
  return top + "name = \"t\"\nsummary = \"t\"\nrefs = [\"test\"]\nsteps = [\n" + steps +
         "]\n[client]\n[server]\n";
}

const char* connected = R"(
  { server = "listen" },
  { client = "connect", expect = "ok" },
  { server = "accept", expect = "ok" },
)";

// A full accept queue makes the server host drop SYNs: the one way to leave a handshake
// hanging without faults on the wire. The client's socket `conn` is then stuck in SYN_SENT.
const char* syns_dropped = R"(
  { server = "listen", backlog = 0 },
  { client = "connect", socket = "first", expect = "ok" },
  { client = "socket" },
)";

rstlab::expect::case_result passes(const std::string& text,
                                   const rstlab::engine::options& o = {}) {
  auto r = t::run(t::load(text), o);
  BOOST_TEST_INFO(t::explain(r) << r.note);
  BOOST_TEST((r.outcome == verdict::pass));
  return r;
}

const rstlab::core::observation& obs(const rstlab::expect::case_result& r, std::size_t i) {
  return r.record.steps.at(i).obs;
}

long segments(const rstlab::expect::case_result& r, rstlab::core::host from, std::uint8_t f) {
  return std::count_if(r.record.trace.begin(), r.record.trace.end(), [&](const auto& s) {
    return rstlab::wire::sender(s.dir) == from && s.has(f);
  });
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

// tcp_recvmsg_locked() stops on sk_err only while it has copied nothing: the exact read
// returns the 100 bytes at once and the reset waits for the next read.
BOOST_AUTO_TEST_CASE(exact_read_that_meets_an_rst_returns_the_count_and_leaves_the_error) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "await", event = "queued", bytes = 100 },
    { client = "abort" },
    { server = "await", event = "reset" },
    { server = "read", bytes = 1000, exact = true, timeout_ms = 5000, expect = 100 },
    { server = "read", expect = "ECONNRESET" },
    { server = "read", expect = "eof" },)"));
  BOOST_TEST(obs(r, 7).elapsed < 2500ms);  // at once, not at the 5 s deadline
}

// inet_wait_for_connect(): the second blocking connect waits for the handshake again, up to
// SO_SNDTIMEO, and only then says EALREADY.
BOOST_AUTO_TEST_CASE(second_blocking_connect_in_syn_sent_waits_for_sndtimeo_then_ealready) {
  auto r = passes(fixture(std::string(syns_dropped) + R"(
    { client = "setsockopt", option = "SO_SNDTIMEO", value = 50 },
    { client = "connect", expect = "EINPROGRESS" },
    { client = "connect", expect = "EALREADY" },
    { client = "tcp-state", expect = "SYN_SENT" },)"));
  BOOST_TEST(obs(r, 4).elapsed >= 45ms);
  BOOST_TEST(obs(r, 5).elapsed >= 45ms);  // it waited too
}

// The same wait ends with 0 when the handshake completes meanwhile: the server takes the
// first connection off its queue, so the SYN retransmitted about a second later gets in.
BOOST_AUTO_TEST_CASE(second_blocking_connect_returns_0_when_the_handshake_completes) {
  auto r = passes(fixture(std::string(syns_dropped) + R"(
    { client = "setsockopt", option = "SO_SNDTIMEO", value = 50 },
    { client = "connect", expect = "EINPROGRESS" },
    { server = "accept", as = "first", expect = "ok" },
    { client = "setsockopt", option = "SO_SNDTIMEO", value = 4000 },
    { client = "connect", timeout_ms = 5000, expect = "ok" },
    { client = "tcp-state", expect = "ESTABLISHED" },)"));
  BOOST_TEST(obs(r, 7).elapsed >= 500ms);  // it waited for the retransmitted SYN
  BOOST_TEST(segments(r, rstlab::core::host::client, flag::syn) >= 3);
}

// A lingering close blocks only its own thread: the wire forwards the FIN and its ACK, the
// close returns as soon as the FIN is acknowledged, and the FIN is sent once.
BOOST_AUTO_TEST_CASE(lingering_close_returns_when_its_fin_is_acked_and_the_wire_keeps_moving) {
  auto r = passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 1000, expect = 1000 },
    { client = "setsockopt", option = "SO_LINGER", value = 2 },
    { client = "close", timeout_ms = 5000 },
    { server = "read", expect = 1000 },
    { server = "read", expect = "eof" },)"));
  BOOST_TEST(obs(r, 5).elapsed < 1000ms);
  BOOST_TEST(segments(r, rstlab::core::host::client, flag::fin) == 1);
}

// TCP_USER_TIMEOUT ends a connect whose SYNs go unanswered only once a retransmission timer
// fires: retransmits_timed_out() says "not yet" while nothing was retransmitted, so the first
// timer (about 1 s) still resends the SYN and clamps the next one to the time left, which has
// run out: ETIMEDOUT a few ms later (measured in C: SYN at 1023 ms, ETIMEDOUT at 1031 ms).
// The step sees it the moment the kernel says it, not at its 5 s deadline.
BOOST_AUTO_TEST_CASE(user_timeout_ends_a_connect_at_its_first_retransmission_timer) {
  auto r = passes(fixture(std::string(syns_dropped) + R"(
    { client = "setsockopt", option = "TCP_USER_TIMEOUT", value = 100 },
    { client = "connect", timeout_ms = 5000, expect = "ETIMEDOUT" },)"), t::all_counters());
  BOOST_TEST(obs(r, 4).elapsed >= 900ms);
  BOOST_TEST(obs(r, 4).elapsed < 2500ms);
  // The first connection's SYN, the stuck one's, and its one retransmission.
  BOOST_TEST(segments(r, rstlab::core::host::client, flag::syn) == 3);
  BOOST_TEST(r.record.counters[0].at("TCPSynRetrans") == 1);
  BOOST_TEST(r.record.counters[0].at("TCPAbortOnTimeout") == 1);
}

// A step blocked past its deadline is interrupted: its outcome is timeout, the case goes on,
// and what the interrupted call returned is kept.
BOOST_AUTO_TEST_CASE(a_call_blocked_past_its_deadline_is_interrupted_and_the_case_goes_on) {
  auto r = passes(fixture(std::string(connected) + R"(
    { server = "read", timeout_ms = 30, expect = "timeout" },
    { client = "write", bytes = 5, expect = 5 },
    { server = "read", expect = 5 },)"));
  BOOST_TEST(obs(r, 3).interrupted);
  BOOST_TEST(obs(r, 3).err == EINTR);
}

// SIGPIPE is directed at the thread that wrote, and every step runs on a worker: a SIGPIPE
// pending on the caller's thread neither passes a step that expects one nor fails one that
// does not, and the caller's mask and pending signal are left as they were.
BOOST_AUTO_TEST_CASE(a_sigpipe_pending_on_the_caller_is_not_blamed_on_any_step) {
  sigset_t pipe_only, before, after, pending;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &before);
  pthread_kill(pthread_self(), SIGPIPE);
  passes(fixture(std::string(connected) + R"(
    { client = "write", bytes = 1, expect = 1 },
    { server = "abort" },
    { client = "write", bytes = 1, expect = "ECONNRESET" },
    { client = "write", bytes = 1, expect = "EPIPE", signal = "SIGPIPE" },
    { client = "send", bytes = 1, nosignal = true, expect = "EPIPE" },)"));
  pthread_sigmask(SIG_SETMASK, nullptr, &after);
  BOOST_TEST(sigismember(&after, SIGPIPE) == 1);
  sigpending(&pending);
  BOOST_TEST(sigismember(&pending, SIGPIPE) == 1);  // still the caller's
  timespec zero{0, 0};
  sigtimedwait(&pipe_only, nullptr, &zero);
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

// A step the engine cannot run is a harness failure: the case ends at once as ERROR with
// the steps that ran, instead of waiting out its deadline and calling the rest "did not run".
BOOST_AUTO_TEST_CASE(a_step_that_cannot_run_ends_the_case_at_once_as_error) {
  auto sc = t::load(fixture(std::string(connected) + R"(
    { client = "write", bytes = 5, expect = 5 },
    { client = "close" },)"));
  sc.steps[3].action = "no-such-action";  // only a harness bug can do this
  auto r = t::run(sc);
  BOOST_TEST((r.outcome == verdict::error));
  BOOST_TEST(r.note.find("no action can run step no-such-action") != std::string::npos, r.note);
  BOOST_TEST(r.record.steps[2].ran);
  BOOST_TEST(!r.record.steps[4].ran);
  BOOST_TEST(r.record.elapsed < 500ms);
}

// The calling thread's signal mask is the same after a case as before it.
BOOST_AUTO_TEST_CASE(run_case_leaves_the_callers_signal_mask_alone) {
  sigset_t before, after;
  pthread_sigmask(SIG_SETMASK, nullptr, &before);
  passes(fixture(std::string(connected) + R"({ server = "abort" },
    { client = "write", bytes = 1, expect = "ECONNRESET" },
    { client = "write", bytes = 1, expect = "EPIPE", signal = "SIGPIPE" },)"));
  pthread_sigmask(SIG_SETMASK, nullptr, &after);
  for (int sig = 1; sig < SIGRTMAX; ++sig)
    BOOST_TEST(sigismember(&before, sig) == sigismember(&after, sig), "signal " << sig);
}

// Counters are read only for a host whose fixture asserts some: the server's moved here too
// (it sent a SYN-ACK), but nobody looks at them unless every counter was asked for.
BOOST_AUTO_TEST_CASE(counters_are_read_only_where_asserted_unless_all_are_asked_for) {
  auto text = fixture(connected, "") + "[counters.client]\nActiveOpens = 1\n";
  auto some = passes(text), all = passes(text, t::all_counters());
  BOOST_TEST(some.record.counters[0].at("ActiveOpens") == 1);
  BOOST_TEST(some.record.counters[1].empty());
  BOOST_TEST(all.record.counters[1].at("PassiveOpens") == 1);
}

// Of a host's two counter files, only those holding a counter its fixture asserts are read:
// the client asserts a Tcp: counter and sees none of the TcpExt: ones its data moved
// (TCPOrigDataSent); the server asserts a TcpExt: one and sees none of the Tcp: ones (InSegs).
BOOST_AUTO_TEST_CASE(only_the_counter_files_of_asserted_counters_are_read) {
  auto text = fixture(std::string(connected) + R"(
    { client = "write", bytes = 100, expect = 100 },
    { server = "read", bytes = 100, exact = true, expect = 100 },)") +
              "[counters.client]\nActiveOpens = 1\n[counters.server]\nTCPAbortOnClose = 0\n";
  auto r = passes(text);
  for (const auto& [name, moved] : r.record.counters[0])
    BOOST_TEST(rstlab::core::is_snmp_counter(name), name << " was read");
  for (const auto& [name, moved] : r.record.counters[1])
    BOOST_TEST(!rstlab::core::is_snmp_counter(name), name << " was read");
  BOOST_TEST(r.record.counters[0].at("OutSegs") > 0);
  BOOST_TEST(r.record.counters[1].at("TCPAbortOnClose") == 0);
  auto all = passes(text, t::all_counters());
  BOOST_TEST(all.record.counters[0].at("TCPOrigDataSent") > 0);
  BOOST_TEST(all.record.counters[1].at("InSegs") > 0);
}

// A case says where its time went: each phase ends after the one before, the steps hold the
// 30 ms a poll waits, and the teardown runs to the case's end.
BOOST_AUTO_TEST_CASE(a_case_marks_the_end_of_each_phase) {
  auto r = passes(fixture(std::string(connected) +
                          R"(  { client = "poll", events = "IN", wait_ms = 30, expect = "0" },
)"));
  const auto& m = r.record.phases;
  BOOST_TEST(m.built.count() > 0);
  BOOST_TEST((m.built < m.ready && m.ready < m.ran && m.ran < m.concluded));
  BOOST_TEST((m.concluded < r.record.elapsed));
  BOOST_TEST((m.ran - m.ready >= 30ms));
  BOOST_TEST((m.built < 30ms));  // the poll's wait is not counted as the sandbox's
}

// To the engine a sandbox that cannot be built is the harness failing, reported as ERROR; only
// the runner, knowing it was the first of its kind, makes it a skip (runner_test).
BOOST_AUTO_TEST_CASE(a_sandbox_that_cannot_be_built_for_a_case_is_an_error_not_a_skip) {
  const auto& sc = t::load(fixture(connected));
  rstlab::engine::options o;
  o.sandbox.tun_node = "/nonexistent/tun";
  auto r = rstlab::expect::judge(sc, rstlab::engine::run_case(sc, o));
  BOOST_TEST((r.outcome == verdict::error));
  BOOST_TEST(r.note.find("harness error: the sandbox failed: open /nonexistent/tun") == 0, r.note);
  BOOST_TEST(!r.record.steps[0].ran);
}

namespace {

// A reporter that keeps the events it heard, in order.
struct recorder : rstlab::report::listener {
  std::vector<std::string> heard;
  void case_started(const rstlab::fixture::scenario& sc) override { heard.push_back("case " + sc.name); }
  void step_finished(const rstlab::fixture::scenario&, std::size_t step,
                     const rstlab::expect::step_record& rec) override {
    heard.push_back("step " + std::to_string(step + 1) + " " + rstlab::core::describe(rec.obs.actual));
  }
  void case_finished(const rstlab::expect::case_result& r) override {
    heard.push_back(std::string("end ") + (r.outcome == verdict::pass ? "pass" : "other"));
  }
};

}  // namespace

// The runner is a library: reporters hear each step once, as its result is known (a background
// step when it returns, its wait after it: the abort and the read it wakes may come either
// way round), then the case's end.
BOOST_AUTO_TEST_CASE(reporters_hear_every_step_as_it_finishes) {
  const auto& sc = t::load(fixture(std::string(connected) + R"(
    { server = "read", background = true, id = "r" },
    { client = "abort" },
    { server = "wait", step = "r", expect = "ECONNRESET" },)"));
  recorder rec;
  std::vector<rstlab::report::listener*> listeners{&rec};
  auto sum = rstlab::runner::run_all({sc}, rstlab::runner::options{}, listeners);
  BOOST_TEST(sum.passed == 1u);
  auto at = [&](const std::string& event) {
    return std::find(rec.heard.begin(), rec.heard.end(), event) - rec.heard.begin();
  };
  BOOST_TEST_REQUIRE(rec.heard.size() == 8u);
  BOOST_TEST(rec.heard.front() == "case t");
  BOOST_TEST(rec.heard.back() == "end pass");
  for (const char* step : {"step 1 ok", "step 2 ok", "step 3 ok", "step 5 ok"})
    BOOST_TEST(at(step) < 7, step);
  BOOST_TEST(at("step 1 ok") < at("step 2 ok"));
  BOOST_TEST(at("step 4 ECONNRESET (errno 104)") < at("step 6 ECONNRESET (errno 104)"));
  BOOST_TEST(at("step 5 ok") < at("step 6 ECONNRESET (errno 104)"));
}

// The timeline counts a background call as started once its worker sleeps in the kernel: the
// worker says so only while its call is inside a blocking system call, never while idle or
// while the call runs on the CPU.
BOOST_AUTO_TEST_CASE(a_worker_is_asleep_only_while_its_call_blocks_in_the_kernel) {
  rstlab::sandbox::unique_fd home{::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)};
  rstlab::endpoint::worker w{home.get()};
  BOOST_TEST(!w.asleep());
  int sv[2];
  BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  rstlab::sandbox::unique_fd a{sv[0]}, b{sv[1]};
  char byte = 0;
  w.run([&] { (void)!::read(a.get(), &byte, 1); }, [](auto) {});
  auto until = std::chrono::steady_clock::now() + 5s;
  while (!w.asleep() && std::chrono::steady_clock::now() < until) ::sched_yield();
  BOOST_TEST(w.asleep());
  BOOST_REQUIRE(::write(b.get(), "x", 1) == 1);
  BOOST_REQUIRE(w.wait_idle(5000ms));
  BOOST_TEST(!w.asleep());

  std::atomic<bool> spinning{false}, stop{false};
  w.run([&] {
    spinning = true;
    while (!stop) {
    }
  }, [](auto) {});
  while (!spinning) ::sched_yield();
  for (int i = 0; i < 100; ++i) BOOST_TEST(!w.asleep());
  stop = true;
  BOOST_REQUIRE(w.wait_idle(5000ms));
}

// An interrupt is meant for the call running when it was sent; one that comes after the call
// returned (the deadline passed as it returned) is taken by the idle thread at once and
// cannot cut the next call short.
BOOST_AUTO_TEST_CASE(an_interrupt_sent_between_calls_never_cuts_the_next_call_short) {
  rstlab::sandbox::unique_fd home{::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)};
  rstlab::endpoint::worker w{home.get()};
  w.run([] {}, [](auto) {});
  BOOST_REQUIRE(w.wait_idle(5000ms));
  for (int i = 0; i < 3; ++i) w.interrupt();
  bool pending = true;
  int got = -1;
  w.run([&] {
    sigset_t set;
    ::sigpending(&set);
    pending = sigismember(&set, rstlab::endpoint::interrupt_signal()) == 1;
    got = ::poll(nullptr, 0, 20);  // the call: 20 ms of nothing, unless interrupted
  }, [](auto) {});
  BOOST_REQUIRE(w.wait_idle(5000ms));
  BOOST_TEST(!pending);
  BOOST_TEST(got == 0);
}

// A worker does not wait for its thread to enter the host: one that could not runs no call,
// and says why to the job's `then` (the engine reports the step as a harness failure).
BOOST_AUTO_TEST_CASE(a_worker_that_cannot_enter_its_host_runs_no_call_and_says_why) {
  int sv[2];
  BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
  rstlab::sandbox::unique_fd a{sv[0]}, b{sv[1]};
  rstlab::endpoint::worker w{a.get()};  // a socket is no namespace: setns fails
  bool ran = false;
  std::promise<std::string> why;
  w.run([&] { ran = true; },
        [&](std::string_view not_run) { why.set_value(std::string(not_run)); });
  auto said = why.get_future().get();
  BOOST_TEST(!ran);
  BOOST_TEST(said.find("cannot enter its host") != std::string::npos, said);
}
