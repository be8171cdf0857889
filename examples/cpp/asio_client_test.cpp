// Testing C++ code with rstlab, as a user of the C++ API writes it: a small Asio client (the
// code under test, fetch_with_retry below) run as the client host of a scenario whose server is
// rstlab's own misbehaving peer. The scenario is written in the fixture format; `code = true`
// marks the endpoint that is our code. Each case asserts both what rstlab saw (the verdict of
// the scenario's steps and wire assertions) and what our code reported.
#include <boost/asio.hpp>
#include <boost/test/unit_test.hpp>

#include <rstlab/rstlab.hpp>

#include <chrono>
#include <string>

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using namespace std::chrono_literals;

namespace {

// The code under test. Connects to the server, retrying a refused connection every 50 ms up to
// 5 times, sends "hello\n", then reads until the server is done; reports how the read ended
// and how many bytes came. A 5 s timer makes a hang a failure of its own.
struct fetch_outcome {
  error_code connect_error;  // of the last attempt
  error_code read_error;     // eof when the server closed cleanly
  std::size_t bytes = 0;
  int attempts = 0;
};

asio::awaitable<void> fetch(tcp::endpoint server, fetch_outcome& out, std::ostream& log) {
  auto ex = co_await asio::this_coro::executor;
  tcp::socket socket(ex);
  for (out.attempts = 1;; ++out.attempts) {
    socket = tcp::socket(ex);
    std::tie(out.connect_error) = co_await socket.async_connect(server, asio::as_tuple(asio::use_awaitable));
    if (!out.connect_error) break;
    log << "attempt " << out.attempts << ": " << out.connect_error.message() << "\n";
    if (out.connect_error != asio::error::connection_refused || out.attempts == 5) co_return;
    log << "retrying in 50 ms\n";
    asio::steady_timer pause(ex, 50ms);
    co_await pause.async_wait(asio::use_awaitable);
  }
  co_await asio::async_write(socket, asio::buffer("hello\n", 6), asio::use_awaitable);
  char buf[4096];
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(buf), asio::as_tuple(asio::use_awaitable));
    out.bytes += n;
    if (ec) {
      out.read_error = ec;
      co_return;
    }
  }
}

fetch_outcome fetch_with_retry(const std::string& address, std::uint16_t port, std::ostream& log) {
  asio::io_context io;
  fetch_outcome out;
  asio::steady_timer deadline(io, 5s);
  deadline.async_wait([&](error_code ec) {
    if (!ec) io.stop();
  });
  asio::co_spawn(io, fetch({asio::ip::make_address(address), port}, out, log),
                 [&](std::exception_ptr) { deadline.cancel(); });
  io.run();
  return out;
}

// The scenario's fixed lines, then its steps.
std::string scenario(const std::string& name, const std::string& steps, const std::string& wire) {
  return "name = \"" + name + "\"\nsummary = \"the Asio client against a misbehaving server\"\n"
         "refs = [\"examples/cpp/asio_client_test.cpp\"]\nsteps = [\n" + steps +
         "]\n[client]\ncode = true\n[server]\n[wire]\n" + wire;
}

}  // namespace

// The server answers part of the response, then aborts (SO_LINGER 0): an RST after 1,000
// bytes. The client must read the 1,000 bytes, then report connection_reset (ECONNRESET), not
// eof and not a hang.
BOOST_AUTO_TEST_CASE(the_client_reports_a_reset_when_the_server_aborts_mid_response) {
  rstlab::lab lab(scenario("asio-client-sees-the-abort", R"(
  { server = "listen" },
  { client = "start" },
  { client = "await-connect" },
  { server = "accept", expect = "ok" },
  { server = "read", bytes = 6, exact = true, expect = 6 },
  { server = "write", bytes = 1000, expect = 1000 },
  { server = "abort" },
  { client = "await-exit", expect = "exit 0" },
  { client = "expect-output", match = "^read: Connection reset by peer after 1000 bytes$" },
)", "rst = { client = 0, server = 1 }\n"));
  for (int family : {4, 6}) {
    fetch_outcome seen;
    lab.code(rstlab::side::client, [&](rstlab::host& h) {
      seen = fetch_with_retry(h.peer_address, h.port, h.err);
      h.out << "read: " << seen.read_error.message() << " after " << seen.bytes << " bytes\n";
      return 0;
    });
    auto r = lab.run(family);
    if (r.skipped()) return;  // no sandbox on this machine: nothing was proved either way
    BOOST_TEST(r.passed(), r.details << r.note);
    BOOST_TEST(seen.read_error == asio::error::connection_reset);
    BOOST_TEST(seen.bytes == 1000u);
  }
}

// Nothing listens at first: the server's kernel answers the SYN with an RST and the connect
// fails with connection_refused. The client must retry after its 50 ms pause, and the retry
// must get the whole response.
BOOST_AUTO_TEST_CASE(the_client_retries_a_refused_connection_and_gets_the_response) {
  rstlab::lab lab(scenario("asio-client-retries", R"(
  { client = "await-connect" },
  { server = "listen" },
  { client = "await-reconnect", min_ms = 50, max_ms = 1000 },
  { server = "accept", expect = "ok" },
  { server = "read", bytes = 6, exact = true, expect = 6 },
  { server = "write", bytes = 10, expect = 10 },
  { server = "close" },
  { client = "await-exit", expect = "exit 0" },
  { client = "expect-output", stream = "stderr", match = "^attempt 1: Connection refused$" },
)", "rst = { client = 0, server = 1 }\nsequence = [\"client S\", \"server R.\", \"client S\", \"server S.\"]\n"));
  fetch_outcome seen;
  lab.code(rstlab::side::client, [&](rstlab::host& h) {
    seen = fetch_with_retry(h.peer_address, h.port, h.err);
    return seen.read_error == asio::error::eof ? 0 : 1;
  });
  auto r = lab.run();
  if (r.skipped()) return;
  BOOST_TEST(r.passed(), r.details << r.note);
  BOOST_TEST(seen.attempts == 2);
  BOOST_TEST(seen.bytes == 10u);
}

// The same client against a server that never listens: it must give up after five attempts
// and say so; the scenario then fails, and the result says where and why.
BOOST_AUTO_TEST_CASE(a_scenario_the_code_does_not_meet_fails_with_its_reasons) {
  rstlab::lab lab(scenario("asio-client-expected-to-connect", R"(
  { client = "await-connect" },
  { client = "await-exit", expect = "exit 0" },
)", ""));
  lab.code(rstlab::side::client, [&](rstlab::host& h) {
    return fetch_with_retry(h.peer_address, h.port, h.err).connect_error ? 1 : 0;
  });
  auto r = lab.run();
  if (r.skipped()) return;
  BOOST_TEST(r.verdict == "fail");
  BOOST_TEST_REQUIRE(r.failures.size() == 1u);
  BOOST_TEST(r.failures[0] == "lab.toml:7:37: [v4] step 2 (client await-exit): expected exit 0, got exit 1");
  BOOST_TEST(r.details.find("attempt 5: Connection refused") != std::string::npos, r.details);
}

// A fixture file, run from a test with one call.
BOOST_AUTO_TEST_CASE(a_fixture_file_runs_with_one_call) {
  auto r = rstlab::run_fixture(RSTLAB_FIXTURE_DIR "/fin-vs-rst/read-after-rst.toml");
  if (r.skipped()) return;
  BOOST_TEST(r.passed(), r.details);
  auto failing = rstlab::run_fixture(RSTLAB_EXAMPLES_DIR "/failing/naive-server-survives-a-hang-up.toml",
                                     {.families = {4}, .program_path = {RSTLAB_PROGRAM_DIR}});
  BOOST_TEST(failing.verdict == "fail");
  BOOST_TEST(failing.details.find("killed by SIGPIPE") != std::string::npos, failing.details);
  BOOST_CHECK_THROW(rstlab::lab("name = 1\n"), rstlab::load_error);
}
