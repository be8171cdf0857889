// Kernel settings under /proc/sys, read and written by the calling thread: the files under
// /proc/sys/net belong to the namespace the thread is in when it opens them.
#pragma once

#include <map>
#include <string>

namespace rstlab::sandbox {

// Writes `value`; false with errno set when the file cannot be opened or written.
bool write_setting(const std::string& path, const std::string& value);

// Every /proc/sys/net/ipv4/tcp_* setting and net.core.somaxconn, by name, as the kernel
// prints them (tabs between the numbers of a triple).
std::map<std::string, std::string> read_tcp_settings();

}  // namespace rstlab::sandbox
