// Program endpoints end to end: what a program inherits (no blocked or ignored signal, only its
// three pipes), its output, stdin and signals, early exits and programs that never listen (an
// outcome at once, never a hang), the output cap, restarts, and that every case leaves no
// process behind.
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>

#include <sched.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support.hpp"

using rstlab::expect::verdict;
namespace t = rstlab::test;
using kind = rstlab::core::outcome::kind;

namespace {

// A server that is the program `argv` (a TOML array's insides) and a builtin client.
std::string server_program(const std::string& argv, const std::string& steps,
                           const std::string& top = "") {
  return top + "name = \"t\"\nsummary = \"t\"\nrefs = [\"test\"]\nsteps = [\n" + steps +
         "]\n[client]\n[server]\nprogram = [" + argv + "]\n";
}

rstlab::expect::case_result passes(const std::string& text) {
  auto r = t::run(t::load(text));
  BOOST_TEST_INFO(t::explain(r) << r.note);
  BOOST_TEST((r.outcome == verdict::pass));
  return r;
}

const rstlab::expect::program_record& server(const rstlab::expect::case_result& r) {
  BOOST_TEST_REQUIRE(r.record.programs[1].has_value());
  return *r.record.programs[1];
}

// Processes whose process group is `pgid`, other than zombies of ours.
int members_of(pid_t pgid) {
  int n = 0;
  DIR* d = ::opendir("/proc");
  while (auto* e = ::readdir(d)) {
    std::ifstream stat(std::string("/proc/") + e->d_name + "/stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    auto close = line.rfind(')');
    std::istringstream rest(line.substr(close + 2));
    char state;
    int ppid, pgrp;
    rest >> state >> ppid >> pgrp;
    if (pgrp == pgid) ++n;
  }
  ::closedir(d);
  return n;
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(a_program_starts_with_no_signal_blocked_or_ignored) {
  // rstlab blocks SIGPIPE on its workers and ignores it in the CLI: neither may reach the
  // program, or a server that should die of SIGPIPE would live.
  ::signal(SIGPIPE, SIG_IGN);
  auto r = passes(server_program(R"~("/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status")~",
                                 R"~(  { server = "await-exit", expect = "exit 0" },)~"));
  ::signal(SIGPIPE, SIG_DFL);
  BOOST_TEST(server(r).out == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
}

BOOST_AUTO_TEST_CASE(a_program_has_only_its_three_pipes_open) {
  auto r = passes(server_program(R"~("/bin/ls", "/proc/self/fd")~",
                                 R"~(  { server = "await-exit", expect = "exit 0" },)~"));
  BOOST_TEST(server(r).out == "0\n1\n2\n3\n");  // 3: the folder ls itself opened
}

namespace {

int cpus_of_this_thread() {
  cpu_set_t set;
  CPU_ZERO(&set);
  ::sched_getaffinity(0, sizeof set, &set);
  return CPU_COUNT(&set);
}

boost::test_tools::assertion_result two_cpus(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result r{cpus_of_this_thread() >= 2};
  r.message() << "a case's threads share one CPU only where rstlab has two or more";
  return r;
}

}  // namespace

// The case's threads share one CPU (sandbox/affinity.hpp); the program is the user's and runs
// on every CPU rstlab was given, as it would outside rstlab.
BOOST_AUTO_TEST_CASE(a_program_runs_on_every_cpu_rstlab_has,
                     *boost::unit_test::precondition(two_cpus)) {
  auto r = passes(server_program(R"~("/usr/bin/nproc")~",
                                 R"~(  { server = "await-exit", expect = "exit 0" },)~"));
  BOOST_TEST(server(r).out == std::to_string(cpus_of_this_thread()) + "\n");
}

BOOST_AUTO_TEST_CASE(placeholders_and_env_are_filled_in_for_each_family) {
  auto text = server_program(R"~("/bin/sh", "-c", "echo $0 {server_port} {family} $WHO", "{server_addr}")~",
                             R"~(  { server = "expect-output", match = "^{server_addr} 8000 {family} me$" },)~") +
              "env = { WHO = \"me\" }\n";
  auto r = passes(text);
  BOOST_TEST(server(r).out == "198.18.0.2 8000 4 me\n");
}

BOOST_AUTO_TEST_CASE(stdin_reaches_the_program_and_closing_it_ends_cat) {
  auto r = passes(server_program(R"~("/bin/cat")~", R"~(
  { server = "write-stdin", text = "port {server_port}\n", expect = 10 },
  { server = "expect-output", match = "^port 8000$" },
  { server = "close-stdin" },
  { server = "await-exit", expect = "exit 0" },
)~"));
  BOOST_TEST(server(r).out == "port 8000\n");
}

BOOST_AUTO_TEST_CASE(a_signal_ends_the_program_and_await_exit_names_it) {
  auto r = passes(server_program(R"~("/bin/sleep", "10")~", R"~(
  { server = "signal", name = "SIGTERM" },
  { server = "await-exit", expect = "SIGTERM" },
)~"));
  BOOST_TEST((server(r).end == rstlab::core::outcome{kind::killed, SIGTERM}));
}

BOOST_AUTO_TEST_CASE(a_program_that_exits_early_fails_await_listening_at_once) {
  auto sc = t::load(server_program(R"~("/bin/sh", "-c", "echo no config >&2; exit 3")~",
                                   R"~(  { server = "await-listening", timeout_ms = 5000 },)~"));
  auto r = t::run(sc);
  BOOST_TEST((r.outcome == verdict::fail));
  BOOST_TEST((r.record.steps[0].obs.actual == rstlab::core::outcome{kind::exited, 3}));
  BOOST_TEST(r.record.steps[0].obs.elapsed < std::chrono::seconds(1));  // not the deadline
  BOOST_TEST(t::explain(r).find("expected ok, got exit 3") != std::string::npos, t::explain(r));
  BOOST_TEST(server(r).err == "no config\n");
}

BOOST_AUTO_TEST_CASE(a_program_that_never_listens_times_out_and_is_killed) {
  auto r = t::run(t::load(server_program(R"~("/bin/sleep", "30")~",
                                         R"~(  { server = "await-listening", timeout_ms = 50 },)~")));
  BOOST_TEST((r.outcome == verdict::fail));
  BOOST_TEST((r.record.steps[0].obs.actual.what == kind::timeout));
  BOOST_TEST(!server(r).end.has_value());  // still running at the end: killed
  BOOST_TEST(::kill(server(r).pid, 0) == -1);
  BOOST_TEST(errno == ESRCH);  // reaped: no zombie
}

BOOST_AUTO_TEST_CASE(output_past_the_cap_is_counted_not_kept) {
  auto r = passes(server_program(
      R"~("/bin/sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' a; echo; echo done")~",
      R"~(  { server = "await-exit", expect = "exit 0" },)~"));
  BOOST_TEST(server(r).out.size() == 1u << 20);
  BOOST_TEST(server(r).out_dropped == 3000000u + 6u - (1u << 20));
}

BOOST_AUTO_TEST_CASE(a_start_step_starts_it_and_starts_it_again_once_it_ended) {
  auto r = passes(server_program(R"~("/bin/sh", "-c", "echo up; exit 4")~", R"~(
  { server = "start" },
  { server = "await-exit", expect = "exit 4" },
  { server = "expect-output", match = "^up$" },
  { server = "start" },
  { server = "await-exit", expect = "exit 4" },
  { server = "expect-output", match = "^up$" },
)~"));
  BOOST_TEST(server(r).starts == 2u);
  BOOST_TEST(server(r).out == "up\nup\n");
}

BOOST_AUTO_TEST_CASE(starting_a_program_that_still_runs_is_ealready) {
  passes(server_program(R"~("/bin/sleep", "30")~", R"~(
  { server = "start" },
  { server = "start", expect = "EALREADY" },
)~"));
}

BOOST_AUTO_TEST_CASE(the_whole_process_group_is_killed_at_the_end) {
  auto r = passes(server_program(R"~("/bin/sh", "-c", "sleep 30 & sleep 30 & echo started; wait")~",
                                 R"~(  { server = "expect-output", match = "^started$" },)~"));
  BOOST_TEST(members_of(server(r).pid) == 0);
}

BOOST_AUTO_TEST_CASE(a_thousand_cases_leave_no_process_and_no_descriptor) {
  auto sc = t::load(server_program(R"~("/bin/sh", "-c", "sleep 30 & echo started; wait")~",
                                   R"~(  { server = "expect-output", match = "^started$" },)~"));
  auto fds = [] {
    int n = 0;
    DIR* d = ::opendir("/proc/self/fd");
    while (::readdir(d)) ++n;
    ::closedir(d);
    return n;
  };
  int before = fds();
  std::vector<pid_t> groups;
  for (int i = 0; i < 1000; ++i) {
    auto r = t::run(sc);
    BOOST_TEST_REQUIRE((r.outcome == verdict::pass), t::explain(r) << r.note);
    groups.push_back(server(r).pid);
  }
  BOOST_TEST(fds() == before);
  siginfo_t info{};
  BOOST_TEST(::waitid(P_ALL, 0, &info, WEXITED | WNOHANG) == -1);  // no child left at all
  BOOST_TEST(errno == ECHILD);
  int strays = 0;
  for (auto g : groups) strays += members_of(g);
  BOOST_TEST(strays == 0);
}

namespace {

std::string code_client(const std::string& steps) {
  return "name = \"t\"\nsummary = \"t\"\nrefs = [\"test\"]\nsteps = [\n" + steps +
         "]\n[client]\ncode = true\n[server]\n";
}

}  // namespace

// C++ code as an endpoint (the C++ API's lab): a call it is still blocked in at the end is
// woken by destroying the host's sockets (ECONNABORTED), so the case ends cleanly; code that
// does not return even then makes the case an ERROR, never a hang.
BOOST_AUTO_TEST_CASE(code_blocked_on_a_socket_is_woken_at_the_end) {
  rstlab::engine::options o;
  int read_errno = 0;
  o.code[0] = [&](rstlab::endpoint::code_env& env) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in peer{};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(env.port);
    ::inet_pton(AF_INET, env.peer_address.c_str(), &peer.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&peer), sizeof peer) < 0) return 2;
    env.out->append(rstlab::endpoint::stream::out, "connected\n");
    char c;
    if (::read(fd, &c, 1) < 0) read_errno = errno;  // blocks until the case ends
    ::close(fd);
    return 0;
  };
  auto sc = t::load(code_client(R"~(
  { server = "listen" },
  { client = "start" },
  { client = "expect-output", match = "^connected$" },
  { server = "accept", expect = "ok" },
)~"));
  auto r = t::run(sc, o);
  BOOST_TEST((r.outcome == verdict::pass), t::explain(r) << r.note);
  BOOST_TEST(read_errno == ECONNABORTED);
  BOOST_TEST(!r.record.programs[0]->end.has_value());  // still running when the case ended
}

BOOST_AUTO_TEST_CASE(code_runs_on_every_cpu_rstlab_has, *boost::unit_test::precondition(two_cpus)) {
  rstlab::engine::options o;
  int cpus = 0;
  o.code[0] = [&](rstlab::endpoint::code_env&) {
    cpus = cpus_of_this_thread();
    return 0;
  };
  auto r = t::run(t::load(code_client(R"~(
  { client = "start" },
  { client = "await-exit", expect = "exit 0" },
)~")), o);
  BOOST_TEST((r.outcome == verdict::pass), t::explain(r) << r.note);
  BOOST_TEST(cpus == cpus_of_this_thread());
}

BOOST_AUTO_TEST_CASE(code_that_never_returns_is_an_error_not_a_hang) {
  rstlab::engine::options o;
  o.code[0] = [](rstlab::endpoint::code_env&) {
    std::this_thread::sleep_for(std::chrono::seconds(3));  // no socket to be woken through
    return 0;
  };
  auto r = t::run(t::load(code_client("  { client = \"start\" },\n")), o);
  BOOST_TEST((r.outcome == verdict::error));
  BOOST_TEST(r.note.find("the client's C++ code did not return within 2 s of the case's end") !=
                 std::string::npos,
             r.note);
}
