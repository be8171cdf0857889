#include "harness/core/address.hpp"

#include <arpa/inet.h>

#include <algorithm>

namespace rstlab::core {

ip_address ip_address::v4(std::uint32_t host_order) {
  ip_address a;
  for (int i = 0; i < 4; ++i) a.bytes[std::size_t(i)] = std::uint8_t(host_order >> (24 - 8 * i));
  return a;
}

ip_address ip_address::v6(std::span<const std::uint8_t, 16> network_order) {
  ip_address a;
  a.fam = family::v6;
  std::copy(network_order.begin(), network_order.end(), a.bytes.begin());
  return a;
}

std::uint32_t ip_address::v4_host_order() const {
  return std::uint32_t(bytes[0]) << 24 | std::uint32_t(bytes[1]) << 16 |
         std::uint32_t(bytes[2]) << 8 | bytes[3];
}

std::string ip_address::text() const {
  char buf[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(fam == family::v4 ? AF_INET : AF_INET6, bytes.data(), buf, sizeof buf);
  return buf;
}

ip_address sandbox_address(family f, host h) {
  auto last = static_cast<std::uint8_t>(h == host::client ? 1 : 2);
  if (f == family::v4) return ip_address::v4(0xC6120000u | last);  // 198.18.0.x
  std::array<std::uint8_t, 16> b{0x20, 0x01, 0x0d, 0xb8};            // 2001:db8::x
  b[15] = last;
  return ip_address::v6(b);
}

ip_address loopback_address(family f) {
  if (f == family::v4) return ip_address::v4(0x7F000001u);
  std::array<std::uint8_t, 16> b{};
  b[15] = 1;
  return ip_address::v6(b);
}

}  // namespace rstlab::core
