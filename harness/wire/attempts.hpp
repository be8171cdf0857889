// The connection attempts each host made, as the wire saw them: every SYN without ACK that a
// host sent, its retransmissions left out (same port, same initial sequence number). The
// wire's thread adds to it; a worker waiting for a program to connect, or to reconnect after
// a reset, reads it. Thread-safe; no OS calls.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "harness/core/host.hpp"
#include "harness/wire/codec.hpp"

namespace rstlab::wire {

struct attempt {
  std::chrono::microseconds at{0};  // since the case began
  std::uint16_t port = 0;           // the source port
  std::uint32_t isn = 0;
};

class attempt_log {
 public:
  // Notes `s` if it opens a connection (a SYN without ACK) the log has not seen yet.
  void see(const segment& s);
  // The n-th (from 0) attempt of `from`, once made.
  std::optional<attempt> nth(core::host from, std::size_t n) const;
  std::size_t count(core::host from) const;

 private:
  mutable std::mutex m_;
  std::vector<attempt> by_host_[2];
};

}  // namespace rstlab::wire
