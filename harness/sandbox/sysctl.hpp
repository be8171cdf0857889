// Kernel settings under /proc/sys, read and written by the calling thread: the files under
// /proc/sys/net belong to the namespace the thread is in when it opens them.
#pragma once

#include <map>
#include <string>

namespace rstlab::sandbox {

// The /proc/sys file of a per-namespace setting a fixture may name ("tcp_rfc1337",
// "somaxconn").
std::string sysctl_file(const std::string& name);

// Writes `value`; false with errno set when the file cannot be opened or written.
bool write_setting(const std::string& path, const std::string& value);

// Every /proc/sys/net/ipv4/tcp_* setting and net.core.somaxconn, by name, as the kernel
// prints them (tabs between the numbers of a triple).
std::map<std::string, std::string> read_tcp_settings();

}  // namespace rstlab::sandbox
