#include "harness/sandbox/link_conf.hpp"

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::sandbox {
namespace {

[[noreturn]] void fail(int err, const std::string& what) {
  throw std::system_error(err, std::generic_category(), what);
}

// RTM_SETLINK for one interface, its attributes appended (and nested) in place.
class link_request {
 public:
  explicit link_request(const std::string& ifname) {
    unsigned index = ::if_nametoindex(ifname.c_str());
    if (index == 0) fail(errno, "find " + ifname);
    header().nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
    header().nlmsg_type = RTM_SETLINK;
    header().nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    auto* info = static_cast<ifinfomsg*>(NLMSG_DATA(&header()));
    info->ifi_family = AF_UNSPEC;
    info->ifi_index = static_cast<int>(index);
  }

  // Starts a nested attribute; `close` it once its members are in.
  rtattr* open(std::uint16_t type) { return put(type, nullptr, 0); }
  void close(rtattr* nest) {
    nest->rta_len = static_cast<std::uint16_t>(end() - reinterpret_cast<char*>(nest));
  }

  rtattr* put(std::uint16_t type, const void* data, std::size_t len) {
    if (NLMSG_ALIGN(header().nlmsg_len) + RTA_SPACE(len) > buf_.size())
      fail(EMSGSIZE, "build an interface request");
    auto* a = reinterpret_cast<rtattr*>(buf_.data() + NLMSG_ALIGN(header().nlmsg_len));
    a->rta_type = type;
    a->rta_len = static_cast<std::uint16_t>(RTA_LENGTH(len));
    if (len) std::memcpy(RTA_DATA(a), data, len);
    header().nlmsg_len = static_cast<std::uint32_t>(NLMSG_ALIGN(header().nlmsg_len) + RTA_ALIGN(a->rta_len));
    return a;
  }

  // Sends the request; 0 when the kernel acknowledged it, else the errno it answered.
  int send() {
    unique_fd nl{::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)};
    if (!nl) return errno;
    if (::send(nl.get(), buf_.data(), header().nlmsg_len, 0) < 0) return errno;
    alignas(nlmsghdr) char reply[1024];
    ssize_t n = ::recv(nl.get(), reply, sizeof reply, 0);
    if (n < 0) return errno;
    auto* h = reinterpret_cast<const nlmsghdr*>(reply);
    if (n < static_cast<ssize_t>(NLMSG_LENGTH(sizeof(nlmsgerr))) || h->nlmsg_type != NLMSG_ERROR)
      return EPROTO;
    return -static_cast<const nlmsgerr*>(NLMSG_DATA(h))->error;
  }

 private:
  nlmsghdr& header() { return *reinterpret_cast<nlmsghdr*>(buf_.data()); }
  char* end() { return buf_.data() + header().nlmsg_len; }

  alignas(nlmsghdr) std::array<char, 256> buf_{};
};

}  // namespace

bool no_generated_ipv6(const std::string& ifname) {
  link_request r{ifname};
  auto* spec = r.open(IFLA_AF_SPEC);
  auto* inet6 = r.open(AF_INET6);
  std::uint8_t mode = IN6_ADDR_GEN_MODE_NONE;
  r.put(IFLA_INET6_ADDR_GEN_MODE, &mode, sizeof mode);
  r.close(inet6);
  r.close(spec);
  int err = r.send();
  if (err == EAFNOSUPPORT) return false;
  if (err != 0) fail(err, "turn off IPv6 address generation on " + ifname);
  return true;
}

void set_ipv4_conf(const std::string& ifname,
                   std::initializer_list<std::pair<int, std::uint32_t>> settings) {
  link_request r{ifname};
  auto* spec = r.open(IFLA_AF_SPEC);
  auto* inet = r.open(AF_INET);
  auto* conf = r.open(IFLA_INET_CONF);
  for (auto [id, value] : settings) r.put(static_cast<std::uint16_t>(id), &value, sizeof value);
  r.close(conf);
  r.close(inet);
  r.close(spec);
  if (int err = r.send()) fail(err, "set the IPv4 settings of " + ifname);
}

}  // namespace rstlab::sandbox
