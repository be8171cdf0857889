// await: wait until something is true of the socket, consuming nothing: readable, writable,
// eof (the peer's FIN: POLLRDHUP without a pending error), reset (a pending error, which is
// how an RST shows up: POLLERR), hup (POLLHUP), queued (at least `bytes` bytes in the receive
// queue, SIOCINQ), state (the TCP state is `state`) or zero-window (the peer advertises a zero
// window and nothing is in flight: the send buffer drains only when the peer reads, so it
// is as full as it will get). It sleeps on the socket itself (an edge-triggered epoll: every
// wake-up of the socket, data, state change or error, makes it look again) and on the wire's
// ticks, since an ACK that only moves a window wakes no one. Its outcome is ok, or timeout
// when the step's deadline passed first.
#include <linux/sockios.h>
// linux/tcp.h, not netinet/tcp.h: glibc's tcp_info stops before tcpi_snd_wnd.
#include <linux/tcp.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"
#include "harness/core/names.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;
using rule = fixture::param_rule;

constexpr std::string_view events[] = {"readable", "writable", "eof",   "reset",
                                       "hup",      "queued",   "state", "zero-window"};
constexpr std::string_view states[] = {"ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1",
                                       "FIN_WAIT2",   "TIME_WAIT",  "CLOSE",    "CLOSE_WAIT",
                                       "LAST_ACK",    "LISTEN",     "CLOSING"};
constexpr fixture::param_spec params[] = {
    {"event", fixture::param_type::string, "what to wait for", events, true},
    {"bytes", fixture::param_type::integer, "for queued: how many bytes (default 1)", {}, false, 1,
     fixture::int_max},
    {"state", fixture::param_type::string, "for state: which TCP state", states},
};
constexpr rule rules[] = {
    {rule::kind::only_with, "bytes", "event", "queued"},
    {rule::kind::needs, "state", "event", "state"},
    {rule::kind::only_with, "state", "event", "state"},
};

int queued(int fd) {
  int n = 0;
  return ::ioctl(fd, SIOCINQ, &n) < 0 ? -1 : n;
}

tcp_info info_of(int fd) {
  tcp_info info{};
  socklen_t len = sizeof info;
  if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0) info.tcpi_state = 0xff;
  return info;
}

bool window_closed(const tcp_info& info) {
  static const int established = *core::tcp_state_from_name("ESTABLISHED");
  return info.tcpi_state == established && info.tcpi_snd_wnd == 0 && info.tcpi_unacked == 0;
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
  auto info = info_of(fd);
  if (event == "zero-window") return window_closed(info);
  return info.tcpi_state == core::tcp_state_from_name(s.text("state", "")).value_or(-2);
}

// The socket and the wire's ticks, each edge-triggered: every wake-up of either is one event.
bool watch(int ep, int fd, int ticks) {
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLET;
  if (::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) return false;
  epoll_event tick{};
  tick.events = EPOLLIN | EPOLLET;
  return ticks < 0 || ::epoll_ctl(ep, EPOLL_CTL_ADD, ticks, &tick) == 0;
}

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  if (holds(fd, s)) return status_result(0, 0);  // most often it already does
  sandbox::unique_fd ep{::epoll_create1(EPOLL_CLOEXEC)};
  if (!ep) return status_result(-1, errno);
  // Registered before the first look: a change between a look and the sleep is not lost.
  if (!watch(ep.get(), fd, ctx.wire_ticks)) return status_result(-1, errno);
  while (!holds(fd, s)) {
    epoll_event got{};
    if (::epoll_wait(ep.get(), &got, 1, -1) < 0 && errno == EINTR) return status_result(-1, EINTR);
  }
  return status_result(0, 0);
}

}  // namespace

constexpr action await_action{
    {.name = "await", .summary = "wait until the socket is readable, writable, eof, reset, "
                                 "hup, has `bytes` queued, or is in `state`",
     .params = params, .rules = rules, .produces = {k::ok, k::error, k::timeout}},
    &run};

}  // namespace rstlab::cases
