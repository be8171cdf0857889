// An IP address of either family, as plain bytes: what a host is reachable at. The sandbox
// gives hosts IPv4 addresses today; the type already holds IPv6 so nothing above it changes
// when a case asks for 2001:db8::/32.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace rstlab::core {

struct ip_address {
  enum class family { v4, v6 };
  family fam = family::v4;
  std::array<std::uint8_t, 16> bytes{};  // network order; an IPv4 address uses the first four

  static ip_address v4(std::uint32_t host_order);
  std::uint32_t v4_host_order() const;  // meaningful for v4 only
  std::string text() const;             // "198.18.0.1", "2001:db8::1"

  friend bool operator==(const ip_address&, const ip_address&) = default;
};

}  // namespace rstlab::core
