#include "harness/wire/tap.hpp"

#include "harness/sandbox/reaper.hpp"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cerrno>
#include <system_error>

namespace rstlab::wire {
namespace {

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

sockaddr_ll on_lo(int ifindex, std::uint16_t protocol) {
  sockaddr_ll a{};
  a.sll_family = AF_PACKET;
  a.sll_protocol = htons(protocol);
  a.sll_ifindex = ifindex;
  a.sll_halen = ETH_ALEN;  // lo's all-zero hardware address
  return a;
}

}  // namespace

// SOCK_DGRAM: the kernel strips lo's link header on the way in and builds it on the way out,
// so the tap reads and writes bare IP packets. Protocol 0 at creation and ETH_P_ALL at bind:
// a socket created listening would be unhooked again by bind, waiting out an RCU grace period
// (≈ 10 ms).
loopback_tap::loopback_tap()
    : fd_(::socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)),
      ifindex_(static_cast<int>(::if_nametoindex("lo"))) {
  if (!fd_) fail("packet socket on lo");
  if (ifindex_ == 0) fail("find lo");
  auto a = on_lo(ifindex_, ETH_P_ALL);
  if (::bind(fd_.get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) < 0)
    fail("bind the packet socket to lo");
}

loopback_tap::~loopback_tap() {
  if (fd_) sandbox::close_later(std::move(fd_));
}

std::size_t loopback_tap::read(std::span<std::uint8_t> buf) {
  for (;;) {
    sockaddr_ll from{};
    socklen_t len = sizeof from;
    ssize_t n = ::recvfrom(fd_.get(), buf.data(), buf.size(), 0,
                           reinterpret_cast<sockaddr*>(&from), &len);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return 0;
      fail("read from lo");
    }
    if (from.sll_pkttype == PACKET_OUTGOING) return static_cast<std::size_t>(n);
  }
}

void loopback_tap::write(std::span<const std::uint8_t> packet) {
  if (packet.empty()) return;
  auto a = on_lo(ifindex_, packet[0] >> 4 == 6 ? ETH_P_IPV6 : ETH_P_IP);
  if (::sendto(fd_.get(), packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr*>(&a),
               sizeof a) < 0)
    fail("write to lo");
}

}  // namespace rstlab::wire
