// An interface's own settings, set through rtnetlink (RTM_SETLINK), inside the current
// namespace. Not through /proc/sys: opening a file there looks its name up among the entries of
// every namespace alive, so its cost grows with the dead namespaces the kernel has not freed
// yet, and a long run makes them faster than the kernel frees them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

namespace rstlab::sandbox {

// No IPv6 address of the kernel's own making on `ifname` (addr_gen_mode "none"): no link-local
// address, and so no router solicitation (the kernel sends those only from one). Call before the
// interface comes up. Returns false when this kernel has no IPv6; throws std::system_error on
// any other refusal.
bool no_generated_ipv6(const std::string& ifname);

// net.ipv4.conf.<ifname>.<setting> = value for each pair; settings are IPV4_DEVCONF_* ids.
// Throws std::system_error when refused.
void set_ipv4_conf(const std::string& ifname,
                   std::initializer_list<std::pair<int, std::uint32_t>> settings);

}  // namespace rstlab::sandbox
