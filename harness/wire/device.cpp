#include "harness/wire/device.hpp"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace rstlab::wire {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

tun_device::tun_device(const std::string& node, const std::string& ifname)
    : fd_(::open(node.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC)), name_(ifname) {
  if (!fd_) fail("open " + node);
  ifreq req{};
  req.ifr_flags = IFF_TUN | IFF_NO_PI;
  std::strncpy(req.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
  if (::ioctl(fd_.get(), TUNSETIFF, &req) < 0) fail("create TUN interface " + ifname);
}

tun_device::~tun_device() {
  // A persistent device outlives this fd and goes away with its namespace, in the kernel's
  // batched cleanup; closing a non-persistent one unregisters it here and now (≈ 50 ms).
  if (fd_) ::ioctl(fd_.get(), TUNSETPERSIST, 1);
}

std::size_t tun_device::read(std::span<std::uint8_t> buf) {
  ssize_t n = ::read(fd_.get(), buf.data(), buf.size());
  if (n >= 0) return static_cast<std::size_t>(n);
  if (errno == EAGAIN || errno == EINTR) return 0;
  fail("read from " + name_);
}

void tun_device::write(std::span<const std::uint8_t> packet) {
  if (::write(fd_.get(), packet.data(), packet.size()) < 0) fail("write to " + name_);
}

}  // namespace rstlab::wire
