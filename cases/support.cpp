#include "cases/support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

core::observation observed(core::outcome actual, long ret, int err) {
  core::observation obs;
  obs.actual = actual;
  obs.ret = ret;
  obs.err = err;
  return obs;
}

}  // namespace

core::observation status_result(long ret, int err) {
  if (ret < 0) return observed({k::error, err}, ret, err);
  return observed({k::ok, 0}, ret, 0);
}

core::observation read_result(long ret, int err) {
  if (ret < 0) return observed({k::error, err}, ret, err);
  if (ret == 0) return observed({k::eof, 0}, 0, 0);
  return observed({k::count, ret}, ret, 0);
}

core::observation write_result(long ret, int err) {
  if (ret < 0) return observed({k::error, err}, ret, err);
  return observed({k::count, ret}, ret, 0);
}

core::observation value_result(long value) { return observed({k::value, value}, value, 0); }

core::observation no_such_socket() { return status_result(-1, EBADF); }

int find_socket(const context& ctx, const fixture::step& s) { return ctx.sockets.find(s.socket); }

int open_socket(context& ctx, const std::string& name, bool nonblocking) {
  if (ctx.sockets.contains(name)) {
    errno = EEXIST;
    return -1;
  }
  int flags = SOCK_STREAM | SOCK_CLOEXEC | (nonblocking ? SOCK_NONBLOCK : 0);
  int fd = ::socket(ctx.self.fam == core::ip_address::family::v4 ? AF_INET : AF_INET6, flags, 0);
  if (fd < 0) check_resources(errno, "socket");
  if (fd < 0) return -1;
  ctx.sockets.add(name, sandbox::unique_fd{fd});
  return fd;
}

int open_if_missing(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  return fd >= 0 ? fd : open_socket(ctx, s.socket, false);
}

void check_resources(int err, const char* call) {
  if (err == EMFILE || err == ENFILE || err == ENOMEM || err == ENOBUFS)
    throw std::system_error(err, std::generic_category(), std::string(call) + " in the harness");
}

long set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  return flags < 0 ? -1 : ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

socket_address address(const core::ip_address& host, std::uint16_t port) {
  socket_address a;
  if (host.fam == core::family::v4) {
    auto& sin = reinterpret_cast<sockaddr_in&>(a.storage);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(host.v4_host_order());
    sin.sin_port = htons(port);
    a.length = sizeof sin;
  } else {
    auto& sin6 = reinterpret_cast<sockaddr_in6&>(a.storage);
    sin6.sin6_family = AF_INET6;
    std::memcpy(&sin6.sin6_addr, host.bytes.data(), sizeof sin6.sin6_addr);
    sin6.sin6_port = htons(port);
    a.length = sizeof sin6;
  }
  return a;
}

std::uint16_t step_port(const context& ctx, const fixture::step& s) {
  return static_cast<std::uint16_t>(s.integer("port", ctx.service_port));
}

int revents_now(int fd, short events) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, 0) < 0 ? POLLNVAL : p.revents;
}

std::span<const char> zeros(std::size_t n) {
  static const char* page = [] {
    void* p = ::mmap(nullptr, std::size_t(max_transfer), PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw std::runtime_error("cannot map the zero buffer");
    return static_cast<const char*>(p);
  }();
  return {page, std::min(n, std::size_t(max_transfer))};
}

// Never cleared: a call fills what it reports, and zeroing a fresh thread's buffer cost more
// than the read it serves.
std::span<char> scratch(std::size_t n) {
  static thread_local std::unique_ptr<char[]> buf;
  static thread_local std::size_t size = 0;
  n = std::min(n, std::size_t(max_transfer));
  if (size < n) {
    buf = std::make_unique_for_overwrite<char[]>(n);
    size = n;
  }
  return {buf.get(), n};
}

}  // namespace rstlab::cases
