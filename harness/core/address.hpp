// An IP address of either family, as plain bytes: what a host is reachable at, and the two
// families a case runs over. The sandbox's own addresses are fixed here: 198.18.0.1/2 and
// 2001:db8::1/2, both inside ranges reserved for testing and documentation.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "harness/core/host.hpp"

namespace rstlab::core {

enum class family : unsigned char { v4, v6 };
inline const char* family_tag(family f) { return f == family::v4 ? "v4" : "v6"; }

struct ip_address {
  using family = core::family;
  family fam = family::v4;
  std::array<std::uint8_t, 16> bytes{};  // network order; an IPv4 address uses the first four

  static ip_address v4(std::uint32_t host_order);
  static ip_address v6(std::span<const std::uint8_t, 16> network_order);
  std::uint32_t v4_host_order() const;  // meaningful for v4 only
  // The address's bytes as on the wire: 4 or 16 of them.
  std::span<const std::uint8_t> wire() const {
    return std::span(bytes).first(fam == family::v4 ? 4 : 16);
  }
  std::string text() const;             // "198.18.0.1", "2001:db8::1"

  friend bool operator==(const ip_address&, const ip_address&) = default;
};

// Where host `h` of a sandbox is reachable in family `f`.
ip_address sandbox_address(family f, host h);
// 127.0.0.1 or ::1: where both hosts are in the loopback topology.
ip_address loopback_address(family f);

}  // namespace rstlab::core
