// The socket options setsockopt can set and getsockopt can read back, each in the unit a
// fixture writes it in: SO_LINGER in seconds (setting it turns lingering on), SO_RCVTIMEO and
// SO_SNDTIMEO in milliseconds, everything else the int the kernel takes. An IP_ option belongs
// to IPv4 sockets and an IPV6_ one to IPv6 sockets: a fixture using one pins its family.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "harness/fixture/action_spec.hpp"
#include "harness/fixture/model.hpp"

namespace rstlab::cases {

struct option_def {
  enum class unit { integer, linger_seconds, milliseconds };
  std::string_view name;
  int level;
  int option;
  unit as = unit::integer;
};

// In the order of the table in options.cpp (checked there).
inline constexpr std::string_view socket_option_names[] = {
    "SO_LINGER",    "SO_RCVTIMEO",   "SO_SNDTIMEO", "SO_KEEPALIVE",     "SO_REUSEADDR",
    "SO_RCVBUF",    "SO_SNDBUF",     "TCP_KEEPIDLE", "TCP_KEEPINTVL",   "TCP_KEEPCNT",
    "TCP_USER_TIMEOUT", "TCP_NODELAY", "TCP_LINGER2", "TCP_DEFER_ACCEPT", "TCP_QUICKACK",
    "IP_RECVERR", "IPV6_RECVERR"};

std::span<const option_def> socket_options();
// The family the step's `option` belongs to: IPv4 for IP_*, IPv6 for IPV6_*, else either.
std::optional<fixture::family_need> option_family(const fixture::step& s);
const option_def* find_option(std::string_view name);

// setsockopt(2) with `value` in the option's unit; -1 with errno on failure.
long set_option(int fd, const option_def& def, long value);
// getsockopt(2), converted to the option's unit (SO_LINGER: its seconds when on, -1 when off);
// nullopt with errno set on failure.
std::optional<long> get_option(int fd, const option_def& def);

}  // namespace rstlab::cases
