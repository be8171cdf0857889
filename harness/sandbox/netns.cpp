#include "harness/sandbox/netns.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace rstlab::sandbox {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

int open_current_netns() {
  int fd = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail("open /proc/thread-self/ns/net");
  return fd;
}

// The namespace this thread started in, where every switch returns to.
int home_netns() {
  static thread_local unique_fd home{open_current_netns()};
  return home.get();
}

bool write_file(const char* path, const std::string& text) {
  unique_fd fd{::open(path, O_WRONLY | O_CLOEXEC)};
  if (!fd) return false;
  return ::write(fd.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

void set_address(int sock, const std::string& ifname, unsigned long request, in_addr addr) {
  ifreq req{};
  std::strncpy(req.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr = addr;
  std::memcpy(&req.ifr_addr, &sin, sizeof sin);
  if (::ioctl(sock, request, &req) < 0) fail("configure " + ifname);
}

std::string enter_user_namespace() {
  if (::geteuid() == 0) return {};
  auto uid = std::to_string(::geteuid()), gid = std::to_string(::getegid());
  // A network namespace of our own as well: setns() back into the initial one would need
  // privileges in the initial user namespace, which an unprivileged user does not have.
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
    return std::string("cannot enter a user namespace: ") + std::strerror(errno);
  if (!write_file("/proc/self/setgroups", "deny") ||
      !write_file("/proc/self/uid_map", "0 " + uid + " 1") ||
      !write_file("/proc/self/gid_map", "0 " + gid + " 1"))
    return std::string("cannot map this user into its namespace: ") + std::strerror(errno);
  return {};
}

}  // namespace

std::string prepare_privileges() {
  static const std::string outcome = enter_user_namespace();
  return outcome;
}

unique_fd new_netns() {
  int home = home_netns();
  if (::unshare(CLONE_NEWNET) < 0) fail("unshare(CLONE_NEWNET)");
  unique_fd ns{open_current_netns()};
  if (::setns(home, CLONE_NEWNET) < 0) fail("setns back to the harness namespace");
  return ns;
}

netns_guard::netns_guard(int ns) {
  home_netns();  // remember home before leaving it
  if (::setns(ns, CLONE_NEWNET) < 0) fail("setns into a sandbox host");
}

netns_guard::~netns_guard() {
  // Staying in a sandbox namespace would silently put later sockets in the wrong place.
  if (::setns(home_netns(), CLONE_NEWNET) < 0) std::terminate();
}

void configure_interface(const std::string& ifname, in_addr addr, int prefix) {
  unique_fd sock{::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
  if (!sock) fail("socket for interface setup");
  in_addr mask{htonl(prefix == 0 ? 0u : ~0u << (32 - prefix))};
  set_address(sock.get(), ifname, SIOCSIFADDR, addr);
  set_address(sock.get(), ifname, SIOCSIFNETMASK, mask);
  bring_up(ifname);
}

void bring_up(const std::string& ifname) {
  unique_fd sock{::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
  if (!sock) fail("socket for interface setup");
  ifreq req{};
  std::strncpy(req.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
  if (::ioctl(sock.get(), SIOCGIFFLAGS, &req) < 0) fail("read flags of " + ifname);
  req.ifr_flags = static_cast<short>(req.ifr_flags | IFF_UP | IFF_RUNNING);
  if (::ioctl(sock.get(), SIOCSIFFLAGS, &req) < 0) fail("bring up " + ifname);
}

bool write_sysctl(const std::string& path, const std::string& value) {
  if (write_file(path.c_str(), value)) return true;
  if (errno == ENOENT) return false;
  fail("write " + path);
}

unique_fd open_net_file(const std::string& name) {
  std::string path = "/proc/thread-self/net/" + name;
  unique_fd fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (!fd) fail("open " + path);
  return fd;
}

// The kernel generates a /proc/net file anew for every read, so one read into a buffer
// larger than the file is the whole file; a buffer that came back full is read on.
std::string read_whole(int fd) {
  std::string text(16384, '\0');
  std::size_t have = 0;
  for (;;) {
    ssize_t n = ::pread(fd, text.data() + have, text.size() - have, static_cast<off_t>(have));
    if (n <= 0) break;
    have += std::size_t(n);
    if (have < text.size()) break;
    text.resize(text.size() * 2);
  }
  text.resize(have);
  return text;
}

}  // namespace rstlab::sandbox
