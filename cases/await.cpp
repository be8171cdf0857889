// await: wait until something is true of the socket, consuming nothing: readable, writable,
// eof (the peer's FIN: POLLRDHUP without a pending error), reset (a pending error, which is
// how an RST shows up: POLLERR), hup (POLLHUP), queued (at least `bytes` bytes in the receive
// queue, SIOCINQ) or state (the TCP state is `state`). Its outcome is ok, or timeout when the
// step's deadline passed first.
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"
#include "harness/core/names.hpp"

namespace rstlab::cases {
namespace {

constexpr std::string_view events[] = {"readable", "writable", "eof", "reset",
                                       "hup",      "queued",   "state"};
constexpr std::string_view states[] = {"ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1",
                                       "FIN_WAIT2",   "TIME_WAIT",  "CLOSE",    "CLOSE_WAIT",
                                       "LAST_ACK",    "LISTEN",     "CLOSING"};
constexpr fixture::param_spec params[] = {
    {"event", fixture::param_type::string, "what to wait for", events, true},
    {"bytes", fixture::param_type::integer, "for queued: how many bytes"},
    {"state", fixture::param_type::string, "for state: which TCP state", states},
};

int queued(int fd) {
  int n = 0;
  return ::ioctl(fd, SIOCINQ, &n) < 0 ? -1 : n;
}

int tcp_state(int fd) {
  tcp_info info{};
  socklen_t len = sizeof info;
  return ::getsockopt(fd, SOL_TCP, TCP_INFO, &info, &len) < 0 ? -1 : info.tcpi_state;
}

bool holds(int fd, const fixture::step& s) {
  auto event = s.text("event", "");
  int rev = revents_now(fd, POLLIN | POLLOUT | POLLRDHUP);
  if (event == "readable") return rev & POLLIN;
  if (event == "writable") return rev & POLLOUT;
  if (event == "eof") return (rev & POLLRDHUP) && !(rev & POLLERR);
  if (event == "reset") return rev & POLLERR;
  if (event == "hup") return rev & POLLHUP;
  if (event == "queued") return queued(fd) >= s.integer("bytes", 1);
  return tcp_state(fd) == core::tcp_state_from_name(s.text("state", "")).value_or(-2);
}

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  return holds(slot->fd, s) ? status_result(0, 0) : attempt::blocked();
}

}  // namespace

constexpr action await_action{
    {.name = "await", .summary = "wait until the socket is readable, writable, eof, reset, "
                                 "hup, has `bytes` queued, or is in `state`",
     .params = params},
    &run};

}  // namespace rstlab::cases
