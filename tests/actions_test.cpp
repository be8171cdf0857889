// Every action of the catalogue run for real in a fresh sandbox, through the same loader,
// engine and matcher as the CLI: the ordinary path, the error paths and the timeout paths.
#include <boost/test/unit_test.hpp>

#include <cerrno>

#include "tests/support.hpp"

using rstlab::expect::verdict;
namespace t = rstlab::test;

namespace {

std::string fixture(const std::string& steps, const std::string& tables = "[client]\n[server]\n") {
  return "name = \"t\"\nsummary = \"t\"\nrefs = [\"test\"]\nsteps = [\n" + steps + "]\n" + tables;
}

const char* connected = R"(
  { server = "listen" },
  { client = "connect", expect = "ok" },
  { server = "accept", expect = "ok" },
)";

// Runs the steps; the case must pass. Returns the result for further checks.
rstlab::expect::case_result passes(const std::string& steps) {
  auto r = t::run_toml(fixture(steps));
  BOOST_TEST_INFO(t::explain(r));
  BOOST_TEST((r.outcome == verdict::pass));
  return r;
}

const rstlab::core::observation& obs(const rstlab::expect::case_result& r, std::size_t i) {
  return r.record.steps.at(i).obs;
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(listen_on_a_taken_port_reports_address_in_use) {
  auto r = passes(R"(
    { server = "listen" },
    { server = "listen", socket = "second", expect = "EADDRINUSE" },
  )");
  BOOST_TEST(obs(r, 1).ret == -1);
  BOOST_TEST(obs(r, 1).err == EADDRINUSE);
}

BOOST_AUTO_TEST_CASE(socket_with_a_taken_name_reports_eexist) {
  passes(R"({ client = "socket" }, { client = "socket", expect = "EEXIST" },)");
}

BOOST_AUTO_TEST_CASE(connect_to_a_listener_succeeds_and_accept_takes_it) {
  auto r = passes(std::string(connected) + R"({ client = "tcp-state", expect = "ESTABLISHED" },
    { server = "tcp-state", expect = "ESTABLISHED" },
    { server = "tcp-state", socket = "listener", expect = "LISTEN" },)");
  BOOST_TEST(obs(r, 1).ret == 0);
}

BOOST_AUTO_TEST_CASE(connect_without_listener_reports_refused) {
  auto r = passes(R"({ client = "connect", expect = "ECONNREFUSED" },)");
  BOOST_TEST(obs(r, 0).err == ECONNREFUSED);
}

// A full accept queue makes the server host drop the SYN, so the handshake never completes:
// the only way to leave a blocking connect hanging without faults on the wire.
const char* full_queue = R"(
  { server = "listen", backlog = 0 },
  { client = "connect", socket = "first", expect = "ok" },
)";

BOOST_AUTO_TEST_CASE(connect_that_never_completes_times_out_at_the_step_deadline) {
  auto r = passes(std::string(full_queue) +
                  R"({ client = "connect", timeout_ms = 30, expect = "timeout" },
                     { client = "tcp-state", expect = "SYN_SENT" },)");
  BOOST_TEST(obs(r, 2).elapsed.count() >= 30000);
}

BOOST_AUTO_TEST_CASE(connect_past_so_sndtimeo_reports_einprogress_then_ealready) {
  passes(std::string(full_queue) + R"(
    { client = "socket" },
    { client = "setsockopt", option = "SO_SNDTIMEO", value = 20 },
    { client = "connect", expect = "EINPROGRESS" },
    { client = "connect", nonblocking = true, expect = "EALREADY" },)");
}

BOOST_AUTO_TEST_CASE(connect_twice_reports_eisconn) {
  passes(std::string(connected) + R"({ client = "connect", expect = "EISCONN" },)");
}

BOOST_AUTO_TEST_CASE(accept_with_nothing_queued_times_out) {
  passes(R"({ server = "listen" }, { server = "accept", timeout_ms = 20, expect = "timeout" },)");
}

BOOST_AUTO_TEST_CASE(accept_past_so_rcvtimeo_reports_eagain) {
  passes(R"({ server = "listen" },
    { server = "setsockopt", socket = "listener", option = "SO_RCVTIMEO", value = 10 },
    { server = "accept", expect = "EAGAIN" },)");
}

BOOST_AUTO_TEST_CASE(accept_on_a_closed_listener_reports_ebadf) {
  passes(R"({ server = "listen" }, { server = "close", socket = "listener" },
    { server = "accept", expect = "EBADF" },)");
}

BOOST_AUTO_TEST_CASE(accept_on_a_socket_that_does_not_listen_reports_einval) {
  passes(R"({ server = "socket", socket = "listener" }, { server = "accept", expect = "EINVAL" },)");
}

BOOST_AUTO_TEST_CASE(read_returns_what_arrived) {
  passes(std::string(connected) + R"({ client = "write", bytes = 1000, expect = 1000 },
    { server = "read", bytes = 600, expect = 600 },
    { server = "read", expect = 400 },)");
}

BOOST_AUTO_TEST_CASE(read_exact_waits_for_every_byte) {
  passes(std::string(connected) + R"({ client = "write", bytes = 100000, expect = 100000 },
    { server = "read", bytes = 100000, exact = true, expect = 100000 },)");
}

BOOST_AUTO_TEST_CASE(read_with_nothing_to_read_times_out) {
  passes(std::string(connected) + R"({ server = "read", timeout_ms = 20, expect = "timeout" },)");
}

BOOST_AUTO_TEST_CASE(read_past_so_rcvtimeo_reports_eagain) {
  passes(std::string(connected) + R"(
    { server = "setsockopt", option = "SO_RCVTIMEO", value = 10 },
    { server = "read", expect = "EAGAIN" },)");
}

BOOST_AUTO_TEST_CASE(read_nonblocking_with_nothing_reports_eagain) {
  passes(std::string(connected) + R"({ server = "read", nonblocking = true, expect = "EAGAIN" },)");
}

BOOST_AUTO_TEST_CASE(read_on_a_closed_socket_reports_ebadf) {
  passes(R"({ client = "socket" }, { client = "close" }, { client = "read", expect = "EBADF" },)");
}

BOOST_AUTO_TEST_CASE(read_unconnected_reports_enotconn) {
  passes(R"({ client = "socket" }, { client = "read", expect = "ENOTCONN" },)");
}

BOOST_AUTO_TEST_CASE(drain_counts_what_is_queued_and_leaves_the_fin) {
  passes(std::string(connected) + R"({ client = "write", bytes = 700, expect = 700 },
    { client = "close" },
    { server = "drain", expect = 700 },
    { server = "drain", expect = 0 },
    { server = "read", expect = "eof" },)");
}

BOOST_AUTO_TEST_CASE(write_to_a_peer_that_never_reads_times_out) {
  passes(std::string(connected) +
         R"({ client = "write", bytes = 16777216, timeout_ms = 30, expect = "timeout" },)");
}

BOOST_AUTO_TEST_CASE(send_nonblocking_to_a_full_peer_returns_a_partial_count) {
  auto r = passes(std::string(connected) +
                  R"({ client = "send", bytes = 16777216, nonblocking = true, expect = "ok" },)");
  BOOST_TEST(obs(r, 3).ret > 0);
  BOOST_TEST(obs(r, 3).ret < 16777216);
}

BOOST_AUTO_TEST_CASE(write_past_so_sndtimeo_returns_the_partial_count) {
  auto r = passes(std::string(connected) + R"(
    { client = "setsockopt", option = "SO_SNDTIMEO", value = 10 },
    { client = "write", bytes = 16777216, expect = "ok" },)");
  BOOST_TEST(obs(r, 4).ret < 16777216);
}

BOOST_AUTO_TEST_CASE(write_unconnected_reports_epipe_with_sigpipe) {
  passes(R"({ client = "socket" }, { client = "write", bytes = 1, expect = "EPIPE", signal = "SIGPIPE" },)");
}

BOOST_AUTO_TEST_CASE(send_nosignal_unconnected_reports_epipe_without_sigpipe) {
  passes(R"({ client = "socket" }, { client = "send", bytes = 1, nosignal = true, expect = "EPIPE" },)");
}

BOOST_AUTO_TEST_CASE(close_twice_reports_ebadf) {
  passes(R"({ client = "socket" }, { client = "close" }, { client = "close", expect = "EBADF" },)");
}

BOOST_AUTO_TEST_CASE(shutdown_wr_sends_fin_and_keeps_reading) {
  passes(std::string(connected) + R"({ client = "shutdown", how = "wr" },
    { server = "read", expect = "eof" },
    { server = "write", bytes = 10, expect = 10 },
    { client = "read", expect = 10 },
    { client = "tcp-state", expect = "FIN_WAIT2" },)");
}

BOOST_AUTO_TEST_CASE(shutdown_unconnected_reports_enotconn) {
  passes(R"({ client = "socket" }, { client = "shutdown", how = "rdwr", expect = "ENOTCONN" },)");
}

BOOST_AUTO_TEST_CASE(abort_on_a_closed_socket_reports_ebadf) {
  passes(R"({ client = "socket" }, { client = "close" }, { client = "abort", expect = "EBADF" },)");
}

BOOST_AUTO_TEST_CASE(forget_sends_nothing) {
  auto r = passes(std::string(connected) + R"({ client = "forget" },)");
  BOOST_TEST(r.record.trace.size() == 3u);  // the handshake only
}

BOOST_AUTO_TEST_CASE(setsockopt_every_option_is_accepted) {
  passes(R"({ client = "socket" },
    { client = "setsockopt", option = "SO_LINGER", value = 5 },
    { client = "setsockopt", option = "SO_RCVTIMEO", value = 1500 },
    { client = "setsockopt", option = "SO_SNDTIMEO", value = 1500 },
    { client = "setsockopt", option = "SO_KEEPALIVE", value = 1 },
    { client = "setsockopt", option = "TCP_KEEPIDLE", value = 5 },
    { client = "setsockopt", option = "TCP_KEEPINTVL", value = 2 },
    { client = "setsockopt", option = "TCP_KEEPCNT", value = 3 },
    { client = "setsockopt", option = "TCP_USER_TIMEOUT", value = 2000 },
    { client = "setsockopt", option = "TCP_NODELAY", value = 1 },
    { client = "setsockopt", option = "SO_REUSEADDR", value = 1 },)");
}

BOOST_AUTO_TEST_CASE(setsockopt_out_of_range_reports_einval) {
  passes(R"({ client = "socket" }, { client = "setsockopt", option = "TCP_KEEPCNT", value = 0, expect = "EINVAL" },)");
}

BOOST_AUTO_TEST_CASE(getsockopt_on_a_healthy_socket_reports_ok) {
  passes(std::string(connected) + R"({ client = "getsockopt", option = "SO_ERROR", expect = "ok" },)");
}

BOOST_AUTO_TEST_CASE(poll_reports_readiness_without_consuming) {
  passes(std::string(connected) + R"({ server = "poll", expect = "OUT" },
    { client = "write", bytes = 5, expect = 5 },
    { server = "poll", expect = "IN|OUT" },
    { server = "poll", expect = "IN|OUT" },
    { server = "poll", socket = "listener", events = "IN", expect = "0" },)");
}

BOOST_AUTO_TEST_CASE(await_that_never_happens_times_out) {
  passes(std::string(connected) + R"({ client = "await", event = "readable", timeout_ms = 20, expect = "timeout" },
    { client = "await", event = "state", state = "CLOSE_WAIT", timeout_ms = 10, expect = "timeout" },)");
}

BOOST_AUTO_TEST_CASE(await_sees_each_event) {
  passes(std::string(connected) + R"({ client = "await", event = "writable" },
    { server = "write", bytes = 50, expect = 50 },
    { client = "await", event = "readable" },
    { client = "await", event = "queued", bytes = 50 },
    { server = "shutdown", how = "wr" },
    { client = "await", event = "eof" },
    { client = "await", event = "state", state = "CLOSE_WAIT" },
    { server = "abort" },
    { client = "await", event = "reset" },
    { client = "await", event = "hup" },)");
}

BOOST_AUTO_TEST_CASE(tcp_state_on_a_closed_socket_reports_ebadf) {
  passes(R"({ client = "socket" }, { client = "close" }, { client = "tcp-state", expect = "EBADF" },)");
}

BOOST_AUTO_TEST_CASE(case_deadline_stops_the_run_and_fails_the_case) {
  auto r = t::run_toml("case_timeout_ms = 30\n" + fixture(R"(
    { server = "listen" },
    { server = "accept", expect = "timeout" },
    { server = "close" },)"));
  BOOST_TEST((r.outcome == verdict::fail));
  BOOST_TEST(!r.record.steps.at(2).ran);
  BOOST_TEST(t::explain(r).find("did not run") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bind_chooses_the_source_port_seen_on_the_wire) {
  auto r = passes(R"({ server = "listen" },
    { client = "bind", port = 40555 },
    { client = "connect", expect = "ok" },)");
  BOOST_TEST_REQUIRE(!r.record.trace.empty());
  BOOST_TEST(r.record.trace.front().sport == 40555);
}

BOOST_AUTO_TEST_CASE(bind_to_a_taken_port_reports_eaddrinuse) {
  passes(R"({ client = "bind", port = 40556 },
    { client = "bind", socket = "second", port = 40556, expect = "EADDRINUSE" },)");
}

BOOST_AUTO_TEST_CASE(setsockopt_linger_zero_makes_close_send_rst) {
  auto r = passes(std::string(connected) + R"(
    { client = "setsockopt", option = "SO_LINGER", value = 0 },
    { client = "close" },
    { server = "read", expect = "ECONNRESET" },)");
  BOOST_TEST(r.record.trace.back().has(rstlab::wire::flag::rst));
}

BOOST_AUTO_TEST_CASE(abort_resets_the_peer) {
  passes(std::string(connected) + R"({ client = "abort" },
    { server = "read", expect = "ECONNRESET" },
    { server = "read", expect = "eof" },)");
}

BOOST_AUTO_TEST_CASE(every_socket_action_on_a_closed_socket_reports_ebadf) {
  passes(R"({ client = "socket" }, { client = "close" },
    { client = "write", bytes = 1, expect = "EBADF" },
    { client = "send", bytes = 1, expect = "EBADF" },
    { client = "drain", expect = "EBADF" },
    { client = "close", expect = "EBADF" },
    { client = "shutdown", how = "wr", expect = "EBADF" },
    { client = "getsockopt", option = "SO_ERROR", expect = "EBADF" },
    { client = "setsockopt", option = "TCP_NODELAY", value = 1, expect = "EBADF" },
    { client = "poll", expect = "EBADF" },
    { client = "await", event = "readable", expect = "EBADF" },
    { client = "forget", expect = "EBADF" },
    { client = "getpeername", expect = "EBADF" },
    { client = "getsockname", expect = "EBADF" },
    { client = "ioctl", request = "SIOCINQ", expect = "EBADF" },
    { client = "read", peek = true, expect = "EBADF" },)");
}

// The one timer scenario here (about a second): keepalive is what finally tells a reading
// client that the server host forgot the connection (seed 003 §3.5.3).
BOOST_AUTO_TEST_CASE(keepalive_probe_uncovers_a_forgotten_connection) {
  auto r = passes(std::string(connected) + R"(
    { client = "setsockopt", option = "SO_KEEPALIVE", value = 1 },
    { client = "setsockopt", option = "TCP_KEEPIDLE", value = 1 },
    { server = "forget" },
    { client = "read", timeout_ms = 5000, expect = "ECONNRESET" },)");
  BOOST_TEST(obs(r, 6).elapsed >= std::chrono::milliseconds(900));
  BOOST_TEST(r.record.trace.back().has(rstlab::wire::flag::rst));
}

// getsockopt reads each option back in the unit setsockopt takes it, so a fixture can prove an
// option took effect: buffers come back doubled (sock_setsockopt()), timeouts in 4 ms ticks
// rounded up (HZ 250 here; 1500 ms is a whole number of ticks), TCP_LINGER2 0 reads as
// tcp_fin_timeout and 200 as its 120 s ceiling (do_tcp_getsockopt()), TCP_DEFER_ACCEPT as
// whole SYN-ACK retransmission rounds (1+2+4 s: 5 reads as 7). Measured in C first.
BOOST_AUTO_TEST_CASE(getsockopt_reads_every_option_back_in_the_kernels_units) {
  passes(R"({ client = "socket" },
    { client = "getsockopt", option = "SO_LINGER", expect = -1 },
    { client = "setsockopt", option = "SO_LINGER", value = 5 },
    { client = "getsockopt", option = "SO_LINGER", expect = 5 },
    { client = "setsockopt", option = "SO_RCVTIMEO", value = 1500 },
    { client = "getsockopt", option = "SO_RCVTIMEO", expect = 1500 },
    { client = "setsockopt", option = "SO_SNDTIMEO", value = 1500 },
    { client = "getsockopt", option = "SO_SNDTIMEO", expect = 1500 },
    { client = "getsockopt", option = "SO_KEEPALIVE", expect = 0 },
    { client = "setsockopt", option = "SO_KEEPALIVE", value = 1 },
    { client = "getsockopt", option = "SO_KEEPALIVE", expect = 1 },
    { client = "setsockopt", option = "SO_REUSEADDR", value = 1 },
    { client = "getsockopt", option = "SO_REUSEADDR", expect = 1 },
    { client = "setsockopt", option = "SO_RCVBUF", value = 4096 },
    { client = "getsockopt", option = "SO_RCVBUF", expect = 8192 },
    { client = "setsockopt", option = "SO_SNDBUF", value = 4096 },
    { client = "getsockopt", option = "SO_SNDBUF", expect = 8192 },
    { client = "getsockopt", option = "TCP_KEEPIDLE", expect = 7200 },
    { client = "setsockopt", option = "TCP_KEEPIDLE", value = 5 },
    { client = "getsockopt", option = "TCP_KEEPIDLE", expect = 5 },
    { client = "setsockopt", option = "TCP_KEEPINTVL", value = 2 },
    { client = "getsockopt", option = "TCP_KEEPINTVL", expect = 2 },
    { client = "setsockopt", option = "TCP_KEEPCNT", value = 3 },
    { client = "getsockopt", option = "TCP_KEEPCNT", expect = 3 },
    { client = "setsockopt", option = "TCP_USER_TIMEOUT", value = 2000 },
    { client = "getsockopt", option = "TCP_USER_TIMEOUT", expect = 2000 },
    { client = "setsockopt", option = "TCP_NODELAY", value = 1 },
    { client = "getsockopt", option = "TCP_NODELAY", expect = 1 },
    { client = "getsockopt", option = "TCP_LINGER2", expect = 60 },
    { client = "setsockopt", option = "TCP_LINGER2", value = -1 },
    { client = "getsockopt", option = "TCP_LINGER2", expect = -1 },
    { client = "setsockopt", option = "TCP_LINGER2", value = 200 },
    { client = "getsockopt", option = "TCP_LINGER2", expect = 120 },
    { client = "setsockopt", option = "TCP_DEFER_ACCEPT", value = 5 },
    { client = "getsockopt", option = "TCP_DEFER_ACCEPT", expect = 7 },)");
}

// The ACK of a FIN is held back (the FIN puts the receiver in delayed-ACK mode, tcp_fin()):
// 40 ms later, measured in C between two namespaces (40.1 to 42.0 ms, the sender in FIN_WAIT1
// until then). TCP_QUICKACK 1 sends it at once (0.03 to 0.13 ms) when the receiver read its
// data after the FIN came (read before, the ACK still waits 40 ms): by the next step, the wire
// settled, the sender is in FIN_WAIT2.
BOOST_AUTO_TEST_CASE(tcp_quickack_sends_the_held_back_ack_of_a_fin_at_once) {
  passes(std::string(connected) + R"(
    { client = "write", bytes = 6, expect = 6 },
    { client = "shutdown", how = "wr" },
    { server = "read", bytes = 6, exact = true, expect = 6 },
    { server = "await", event = "eof" },
    { server = "setsockopt", option = "TCP_QUICKACK", value = 1 },
    { client = "tcp-state", expect = "FIN_WAIT2" },)");
}

BOOST_AUTO_TEST_CASE(setsockopt_values_the_kernel_refuses_report_einval) {
  passes(R"({ client = "socket" },
    { client = "setsockopt", option = "TCP_KEEPIDLE", value = 32768, expect = "EINVAL" },
    { client = "setsockopt", option = "TCP_KEEPINTVL", value = 0, expect = "EINVAL" },
    { client = "setsockopt", option = "TCP_KEEPCNT", value = 128, expect = "EINVAL" },
    { client = "setsockopt", option = "TCP_USER_TIMEOUT", value = -1, expect = "EINVAL" },)");
}

BOOST_AUTO_TEST_CASE(a_nonblocking_listener_with_nothing_queued_reports_eagain) {
  passes(R"({ server = "listen", nonblocking = true },
    { server = "accept", expect = "EAGAIN" },
    { client = "connect", expect = "ok" },
    { server = "accept", expect = "ok" },)");
}

// inet_getname(): no peer once the connection is gone; the local name stays.
BOOST_AUTO_TEST_CASE(getpeername_after_a_reset_reports_enotconn_and_getsockname_still_works) {
  passes(std::string(connected) + R"({ client = "getpeername" },
    { server = "abort" },
    { client = "await", event = "reset" },
    { client = "getpeername", expect = "ENOTCONN" },
    { client = "getsockname" },)");
}

BOOST_AUTO_TEST_CASE(ioctl_counts_what_is_queued_to_read_and_what_is_unacknowledged) {
  passes(std::string(connected) + R"({ client = "write", bytes = 700, expect = 700 },
    { server = "ioctl", request = "SIOCINQ", expect = 700 },
    { client = "ioctl", request = "SIOCOUTQ", expect = 0 },
    { server = "read", bytes = 200, expect = 200 },
    { server = "ioctl", request = "SIOCINQ", expect = 500 },
    { server = "ioctl", request = "SIOCINQ", socket = "listener", expect = "EINVAL" },)");
}

// MSG_PEEK leaves the data; on a reset socket with nothing queued it reports the error and,
// like any read, consumes it (measured in C: the next peek returns 0).
BOOST_AUTO_TEST_CASE(read_with_peek_leaves_the_data_and_reports_a_reset_once) {
  passes(std::string(connected) + R"({ client = "write", bytes = 100, expect = 100 },
    { server = "read", peek = true, expect = 100 },
    { server = "read", peek = true, expect = 100 },
    { client = "abort" },
    { server = "await", event = "reset" },
    { server = "read", peek = true, expect = 100 },
    { server = "read", expect = 100 },
    { server = "read", peek = true, expect = "ECONNRESET" },
    { server = "read", peek = true, expect = "eof" },)");
}

// A poll that waits is woken by the RST itself, with ERR and HUP (and IN, when asked).
BOOST_AUTO_TEST_CASE(poll_that_waits_reports_at_once_what_is_already_there_or_times_out) {
  passes(std::string(connected) + R"({ client = "poll", events = "IN", wait_ms = 20, expect = "0" },
    { server = "write", bytes = 1, expect = 1 },
    { client = "poll", events = "IN", wait_ms = -1, expect = "IN" },
    { client = "poll", events = "IN", wait_ms = -1, timeout_ms = 20, socket = "conn", expect = "IN" },
    { server = "poll", events = "IN", wait_ms = -1, timeout_ms = 20, expect = "timeout" },)");
}
