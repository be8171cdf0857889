// Network namespaces as the engine thread uses them. Sockets, TUN devices and /proc/sys/net
// files bind to the namespace that is current when they are created, and setns() moves only
// the calling thread: so everything here switches in, creates, and switches back.
#pragma once

#include <netinet/in.h>

#include <string>
#include <utility>

#include "harness/core/address.hpp"
#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::sandbox {

// Makes the calling thread able to create network namespaces: as root nothing is needed; as
// another user it enters a new user namespace (the process must still be single-threaded).
// Returns an empty string on success, else why it is not possible.
std::string prepare_privileges();

// For tests that follow namespaces to their end: `watcher` sees each new namespace's
// descriptor as it is made (nullptr: nobody watches). It may run on any thread.
void watch_new_netns(void (*watcher)(int ns));

// Moves the calling thread into a namespace for the lifetime of the guard, then back where it
// was. Throws std::system_error, and the thread stays where it was.
class netns_guard {
 public:
  explicit netns_guard(int ns);  // into `ns`
  // Into a new namespace, made here; its descriptor goes to `made`.
  struct fresh {};
  netns_guard(fresh, unique_fd& made);
  ~netns_guard();
  netns_guard(const netns_guard&) = delete;
  netns_guard& operator=(const netns_guard&) = delete;
};

// Inside the current namespace, through `sock` (interface_socket()): give `ifname` an
// address (IPv4 or IPv6) with a prefix, and bring it up.
unique_fd interface_socket();
void configure_interface(int sock, const std::string& ifname, const core::ip_address& addr,
                         int prefix);
void bring_up(int sock, const std::string& ifname);

// /proc/thread-self/net of the namespace the thread is in now: each file opened through it
// stays bound to that namespace wherever it is read from later. One path walk for all of a
// host's files (through /proc/thread-self, a link, each time): about 10 us less for three.
class net_dir {
 public:
  net_dir();
  unique_fd open(const char* name) const;  // throws std::system_error

 private:
  unique_fd dir_;
};

// The whole text of a /proc file, read again from its start; or appended to `out`.
std::string read_whole(int fd);
void append_whole(int fd, std::string& out);

}  // namespace rstlab::sandbox
