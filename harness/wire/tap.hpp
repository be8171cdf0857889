// The loopback device's tap: in the loopback topology both endpoints live in one namespace and
// talk over lo, which the wire does not own. A packet socket on lo sees every packet as it is
// sent (each appears twice on lo, going out and coming in; the tap keeps the outgoing copy),
// and can put a packet the wire made onto lo as if it had been sent there.
#pragma once

#include <cstdint>
#include <span>

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::wire {

class loopback_tap {
 public:
  // Opens the tap on lo of the calling thread's namespace. Throws std::system_error.
  loopback_tap();
  loopback_tap(loopback_tap&&) noexcept = default;
  loopback_tap& operator=(loopback_tap&&) noexcept = default;
  // Its close waits out an RCU grace period: done on the reaper's thread (sandbox/reaper.hpp).
  ~loopback_tap();

  int fd() const { return fd_.get(); }
  // One IP packet as sent on lo, or 0 bytes when none is queued (the fd is non-blocking).
  std::size_t read(std::span<std::uint8_t> buf);
  // Puts an IPv4 or IPv6 packet on lo; the kernel receives it as if a host there had sent it.
  void write(std::span<const std::uint8_t> packet);

 private:
  sandbox::unique_fd fd_;
  int ifindex_ = 0;
};

}  // namespace rstlab::wire
