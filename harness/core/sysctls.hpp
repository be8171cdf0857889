// The per-namespace kernel settings a fixture may change for one host (`[sysctl.server]`), and
// the /proc/sys file each one is written to. Only settings that live in the network namespace
// are listed: writing one of them inside a host's namespace cannot leak into the machine.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace rstlab::core {

struct sysctl_info {
  std::string_view name;  // as fixtures write it: "tcp_rmem"
  std::string_view path;  // "/proc/sys/net/ipv4/tcp_rmem"
  int values = 1;         // how many integers the file holds (tcp_rmem: min default max)
};

std::optional<sysctl_info> find_sysctl(std::string_view name);
std::span<const std::string_view> sysctl_names();

}  // namespace rstlab::core
