#include "cases/support.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "harness/sandbox/netns.hpp"

namespace rstlab::cases {

attempt attempt::finished(core::outcome actual, long ret, int err) {
  attempt a;
  a.result = core::observation{actual, ret, err};
  return a;
}

attempt attempt::blocked(std::optional<clock::time_point> wake_at) {
  attempt a;
  a.wake_at = wake_at;
  return a;
}

socket_slot* endpoint_state::find(const std::string& name) {
  auto it = sockets.find(name);
  return it == sockets.end() ? nullptr : &it->second;
}

void endpoint_state::close_all() {
  for (auto& [name, slot] : sockets) ::close(slot.fd);
  sockets.clear();
}

attempt status_result(long ret, int err) {
  using k = core::outcome::kind;
  if (ret < 0) return attempt::finished({k::error, err}, ret, err);
  return attempt::finished({k::ok, 0}, ret, 0);
}

attempt byte_result(long ret, int err) {
  using k = core::outcome::kind;
  if (ret < 0) return attempt::finished({k::error, err}, ret, err);
  if (ret == 0) return attempt::finished({k::eof, 0}, 0, 0);
  return attempt::finished({k::count, ret}, ret, 0);
}

attempt no_such_socket() { return status_result(-1, EBADF); }

socket_slot* open_if_missing(endpoint_state& ep, const fixture::step& s) {
  if (auto* slot = ep.find(s.socket)) return slot;
  int fd = sandbox::open_tcp_socket(ep.netns_fd);
  if (fd < 0) return nullptr;
  return &(ep.sockets[s.socket] = {fd, true});
}

socket_slot* target(endpoint_state& ep, const fixture::step& s) { return ep.find(s.socket); }

sockaddr_in address(in_addr host, std::uint16_t port) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr = host;
  sin.sin_port = htons(port);
  return sin;
}

std::uint16_t step_port(const endpoint_state& ep, const fixture::step& s) {
  return static_cast<std::uint16_t>(s.integer("port", ep.service_port));
}

std::optional<clock::time_point> gives_up_at(int fd, int option, clock::time_point since) {
  timeval tv{};
  socklen_t len = sizeof tv;
  if (::getsockopt(fd, SOL_SOCKET, option, &tv, &len) < 0) return std::nullopt;
  if (tv.tv_sec == 0 && tv.tv_usec == 0) return std::nullopt;
  return since + std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
}

bool timed_out(step_state& st, int fd, int option) {
  if (!st.timeout_armed) {
    st.gives_up_at = gives_up_at(fd, option, st.started);
    st.timeout_armed = true;
  }
  return st.gives_up_at && clock::now() >= *st.gives_up_at;
}

int revents_now(int fd, short events) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, 0) < 0 ? POLLNVAL : p.revents;
}

}  // namespace rstlab::cases

namespace rstlab::cases {
namespace {

long send_chunk(int fd, std::size_t len, bool use_write, int flags) {
  static const char zeros[1 << 16] = {};  // in .bss: no start-up cost for the first case
  len = std::min(len, sizeof zeros);
  return use_write ? ::write(fd, zeros, len) : ::send(fd, zeros, len, flags);
}

}  // namespace

attempt send_bytes(endpoint_state& ep, const fixture::step& s, step_state& st, bool use_write,
                   int flags) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  long want = static_cast<long>(s.integer("bytes", 1));
  // One real call moves as much as fits; the emulation copies in chunks until the buffer is
  // full. After some bytes are queued a real call can only return the count, never EPIPE with
  // its SIGPIPE: later chunks must not raise one either.
  for (;;) {
    bool later = st.moved > 0;
    long r = send_chunk(slot->fd, std::size_t(want - st.moved), use_write && !later,
                        later ? flags | MSG_NOSIGNAL : flags);
    int err = errno;
    if (r > 0) st.moved += r;
    if (st.moved == want) return byte_result(want, 0);
    if (r < 0 && err != EAGAIN) return later ? byte_result(st.moved, 0) : byte_result(r, err);
    if (r <= 0) break;
  }
  bool gives_up = !slot->blocking || (flags & MSG_DONTWAIT) || timed_out(st, slot->fd, SO_SNDTIMEO);
  if (gives_up) return st.moved > 0 ? byte_result(st.moved, 0) : byte_result(-1, EAGAIN);
  return attempt::blocked(st.gives_up_at);
}

}  // namespace rstlab::cases
