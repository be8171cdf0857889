#include "harness/sandbox/netns.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
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

// An rtnetlink request to add an address, with room for its attributes.
struct address_request {
  nlmsghdr header;
  ifaddrmsg body;
  alignas(NLMSG_ALIGNTO) char attrs[2 * RTA_SPACE(16)];
};

void put_attr(address_request& r, std::uint16_t type, const void* data, std::size_t len) {
  auto* a = reinterpret_cast<rtattr*>(reinterpret_cast<char*>(&r) + NLMSG_ALIGN(r.header.nlmsg_len));
  a->rta_type = type;
  a->rta_len = static_cast<std::uint16_t>(RTA_LENGTH(len));
  std::memcpy(RTA_DATA(a), data, len);
  r.header.nlmsg_len = static_cast<std::uint32_t>(NLMSG_ALIGN(r.header.nlmsg_len) + RTA_ALIGN(a->rta_len));
}

address_request new_address6(unsigned index, const core::ip_address& addr, int prefix) {
  address_request r{};
  r.header.nlmsg_len = NLMSG_LENGTH(sizeof(ifaddrmsg));
  r.header.nlmsg_type = RTM_NEWADDR;
  r.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  r.body.ifa_family = AF_INET6;
  r.body.ifa_prefixlen = static_cast<std::uint8_t>(prefix);
  r.body.ifa_flags = IFA_F_NODAD | IFA_F_PERMANENT;
  r.body.ifa_index = index;
  put_attr(r, IFA_LOCAL, addr.bytes.data(), 16);
  put_attr(r, IFA_ADDRESS, addr.bytes.data(), 16);
  return r;
}

// True for the announcement that `addr`'s local route is in place.
bool is_local_route(const nlmsghdr* h, const core::ip_address& addr) {
  if (h->nlmsg_type != RTM_NEWROUTE) return false;
  const auto* rt = static_cast<const rtmsg*>(NLMSG_DATA(h));
  if (rt->rtm_type != RTN_LOCAL || rt->rtm_family != AF_INET6) return false;
  int len = static_cast<int>(RTM_PAYLOAD(h));
  for (auto* a = RTM_RTA(rt); RTA_OK(a, len); a = RTA_NEXT(a, len))
    if (a->rta_type == RTA_DST && RTA_PAYLOAD(a) == 16 &&
        std::memcmp(RTA_DATA(a), addr.bytes.data(), 16) == 0)
      return true;
  return false;
}

// Reads the request's acknowledgement and the route announcements until the local route
// appeared; throws on a refusal or after `deadline_ms`.
void await_local_route(int nl, const core::ip_address& addr, const std::string& ifname,
                       int deadline_ms) {
  bool acked = false, routed = false;
  alignas(nlmsghdr) char buf[8192];
  while (!acked || !routed) {
    pollfd p{nl, POLLIN, 0};
    if (::poll(&p, 1, deadline_ms) <= 0) fail("wait for the IPv6 address of " + ifname);
    ssize_t n = ::recv(nl, buf, sizeof buf, 0);
    if (n < 0) fail("configure " + ifname);
    for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, std::size_t(n)); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_ERROR) {
        int err = static_cast<const nlmsgerr*>(NLMSG_DATA(h))->error;
        if (err != 0) {
          errno = -err;
          fail("configure " + ifname);
        }
        acked = true;
      }
      routed = routed || is_local_route(h, addr);
    }
  }
}

// Through rtnetlink, not ioctl: only there can an address be added with IFA_F_NODAD, which
// makes it usable for bind() at once. Its local route, without which the host drops every
// packet sent to it, still comes from the kernel's address work, after the call returns: the
// announcement of that route is what we wait for.
void configure_interface6(int sock, const std::string& ifname, const core::ip_address& addr,
                          int prefix) {
  bring_up(sock, ifname);
  ifreq req{};
  std::strncpy(req.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
  if (::ioctl(sock, SIOCGIFINDEX, &req) < 0) fail("find " + ifname);
  auto index = static_cast<unsigned>(req.ifr_ifindex);
  unique_fd nl{::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)};
  if (!nl) fail("netlink socket for interface setup");
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  local.nl_groups = RTMGRP_IPV6_ROUTE;
  if (::bind(nl.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) < 0)
    fail("netlink socket for interface setup");
  auto r = new_address6(index, addr, prefix);
  if (::send(nl.get(), &r, r.header.nlmsg_len, 0) < 0) fail("configure " + ifname);
  await_local_route(nl.get(), addr, ifname, 2000);
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

namespace {
std::atomic<void (*)(int)> new_netns_watcher{nullptr};
}

void watch_new_netns(void (*watcher)(int ns)) { new_netns_watcher = watcher; }

netns_guard::netns_guard(int ns) {
  home_netns();  // remember home before leaving it
  if (::setns(ns, CLONE_NEWNET) < 0) fail("setns into a sandbox host");
}

netns_guard::netns_guard(fresh, unique_fd& made) {
  home_netns();
  if (::unshare(CLONE_NEWNET) < 0) fail("unshare(CLONE_NEWNET)");
  int ns = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (ns < 0) {
    int err = errno;
    if (::setns(home_netns(), CLONE_NEWNET) < 0) std::terminate();
    errno = err;
    fail("open /proc/thread-self/ns/net");
  }
  made.reset(ns);
  if (auto watcher = new_netns_watcher.load()) watcher(ns);
}

netns_guard::~netns_guard() {
  // Staying in a sandbox namespace would silently put later sockets in the wrong place.
  if (::setns(home_netns(), CLONE_NEWNET) < 0) std::terminate();
}

unique_fd interface_socket() {
  unique_fd sock{::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
  if (!sock) fail("socket for interface setup");
  return sock;
}

void configure_interface(int sock, const std::string& ifname, const core::ip_address& addr,
                         int prefix) {
  if (addr.fam == core::family::v6) return configure_interface6(sock, ifname, addr, prefix);
  in_addr mask{htonl(prefix == 0 ? 0u : ~0u << (32 - prefix))};
  set_address(sock, ifname, SIOCSIFADDR, in_addr{htonl(addr.v4_host_order())});
  set_address(sock, ifname, SIOCSIFNETMASK, mask);
  bring_up(sock, ifname);
}

void bring_up(int sock, const std::string& ifname) {
  ifreq req{};
  std::strncpy(req.ifr_name, ifname.c_str(), IFNAMSIZ - 1);
  if (::ioctl(sock, SIOCGIFFLAGS, &req) < 0) fail("read flags of " + ifname);
  req.ifr_flags = static_cast<short>(req.ifr_flags | IFF_UP | IFF_RUNNING);
  if (::ioctl(sock, SIOCSIFFLAGS, &req) < 0) fail("bring up " + ifname);
}

net_dir::net_dir() : dir_(::open("/proc/thread-self/net", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (!dir_) fail("open /proc/thread-self/net");
}

unique_fd net_dir::open(const char* name) const {
  unique_fd fd{::openat(dir_.get(), name, O_RDONLY | O_CLOEXEC)};
  if (!fd) fail(std::string("open /proc/thread-self/net/") + name);
  return fd;
}

// The kernel generates a /proc/net file anew for every read, so one read into a buffer
// larger than the file is the whole file; a buffer that came back full is read on. The buffer
// is the thread's own, kept from one read to the next and never cleared.
void append_whole(int fd, std::string& out) {
  static thread_local std::size_t size = 16384;
  static thread_local auto buf = std::make_unique_for_overwrite<char[]>(size);
  std::size_t have = 0;
  for (;;) {
    ssize_t n = ::pread(fd, buf.get() + have, size - have, static_cast<off_t>(have));
    if (n <= 0) break;
    have += std::size_t(n);
    if (have < size) break;
    auto bigger = std::make_unique_for_overwrite<char[]>(size * 2);
    std::memcpy(bigger.get(), buf.get(), have);
    buf = std::move(bigger);
    size *= 2;
  }
  out.append(buf.get(), have);
}

std::string read_whole(int fd) {
  std::string text;
  append_whole(fd, text);
  return text;
}

}  // namespace rstlab::sandbox
