#include "cases/program_support.hpp"

#include <sys/epoll.h>

#include <stdexcept>

#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

bool add(int ep, int fd, std::uint32_t events) {
  if (fd < 0) return true;
  epoll_event ev{};
  ev.events = events;
  ev.data.fd = fd;
  return ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0;
}

}  // namespace

program_watch::program_watch(context& ctx) : ep_(::epoll_create1(EPOLL_CLOEXEC)) {
  auto& p = program_of(ctx);
  if (ep_ && (!add(ep_.get(), p.out().changes(), EPOLLIN | EPOLLET) ||
              !add(ep_.get(), p.pidfd(), EPOLLIN) ||
              !add(ep_.get(), ctx.wire_ticks, EPOLLIN | EPOLLET)))
    ep_.reset();
}

bool program_watch::wait(std::optional<std::chrono::milliseconds> at_most) {
  epoll_event got[4];
  int timeout = at_most ? static_cast<int>(at_most->count()) : -1;
  return ::epoll_wait(ep_.get(), got, 4, timeout) >= 0;
}

endpoint::program& program_of(context& ctx) {
  if (!ctx.program) throw std::logic_error("a program step ran on an endpoint with no program");
  return *ctx.program;
}

std::optional<core::observation> end_of(context& ctx) {
  auto end = program_of(ctx).ended();
  if (!end) return std::nullopt;
  core::observation obs;
  obs.actual = *end;
  obs.ret = end->value;
  return obs;
}

core::observation interrupted() {
  return status_result(-1, EINTR);
}

core::observation timed_out() {
  core::observation obs;
  obs.actual = {core::outcome::kind::timeout, 0};
  obs.ret = -1;
  return obs;
}

}  // namespace rstlab::cases
