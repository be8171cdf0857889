// A TUN device: the host's end of the wire. The kernel hands us every IP packet the host
// routes to it, and takes every packet we write as if it had arrived on a cable.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::wire {

class tun_device {
 public:
  // Creates interface `ifname` in the calling thread's network namespace, opened through the
  // device node `node` (normally /dev/net/tun). Throws std::system_error.
  tun_device(const std::string& node, const std::string& ifname);
  tun_device(tun_device&&) noexcept = default;
  tun_device& operator=(tun_device&&) noexcept = default;
  // Hands the interface to the kernel's batched namespace cleanup instead of unregistering it
  // synchronously (≈ 50 ms per device): see release_to_kernel().
  ~tun_device();

  int fd() const { return fd_.get(); }
  const std::string& name() const { return name_; }

  // One packet, or 0 bytes when none is queued (the fd is non-blocking).
  std::size_t read(std::span<std::uint8_t> buf);
  // Injects one packet into the host's stack; the kernel processes it before returning.
  void write(std::span<const std::uint8_t> packet);

 private:
  sandbox::unique_fd fd_;
  std::string name_;
};

}  // namespace rstlab::wire
