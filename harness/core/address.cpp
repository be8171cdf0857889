#include "harness/core/address.hpp"

#include <arpa/inet.h>

namespace rstlab::core {

ip_address ip_address::v4(std::uint32_t host_order) {
  ip_address a;
  for (int i = 0; i < 4; ++i) a.bytes[std::size_t(i)] = std::uint8_t(host_order >> (24 - 8 * i));
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

}  // namespace rstlab::core
