#include "tests/soak/nsid.hpp"

#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

namespace rstlab::soak {
namespace {

bool send_all(int fd, const void* msg, std::size_t size) {
  return ::send(fd, msg, size, 0) == static_cast<ssize_t>(size);
}

// The NETNSA_NSID of one RTM_NEWNSID message of a dump; -1 if it has none.
std::int32_t nsid_of(const nlmsghdr* h) {
  auto* a = reinterpret_cast<const rtattr*>(static_cast<const char*>(NLMSG_DATA(h)) +
                                            NLMSG_ALIGN(sizeof(rtgenmsg)));
  int len = static_cast<int>(h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(sizeof(rtgenmsg))));
  for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
    if (a->rta_type == NETNSA_NSID) return *static_cast<const std::int32_t*>(RTA_DATA(a));
  return -1;
}

}  // namespace

nsid_tags::nsid_tags() : nl_(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)) {}
nsid_tags::~nsid_tags() {
  ::close(nl_);
}

bool nsid_tags::tag(int ns_fd) {
  struct {
    nlmsghdr header;
    rtgenmsg body;
    char pad[3];
    nlattr fd_attr;
    std::uint32_t fd;
    nlattr id_attr;
    std::int32_t id;
  } req{};
  req.header = {sizeof req, RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, 0, 0};
  req.fd_attr = {sizeof req.fd_attr + sizeof req.fd, NETNSA_FD};
  req.fd = static_cast<std::uint32_t>(ns_fd);
  req.id_attr = {sizeof req.id_attr + sizeof req.id, NETNSA_NSID};
  req.id = next_;
  if (!send_all(nl_, &req, sizeof req)) return false;
  alignas(nlmsghdr) char buf[512];
  auto n = ::recv(nl_, buf, sizeof buf, 0);
  auto* h = reinterpret_cast<nlmsghdr*>(buf);
  bool ok = n >= static_cast<ssize_t>(sizeof(nlmsghdr) + sizeof(nlmsgerr)) &&
            h->nlmsg_type == NLMSG_ERROR && static_cast<nlmsgerr*>(NLMSG_DATA(h))->error == 0;
  next_ += ok;
  return ok;
}

long nsid_tags::listed() {
  struct {
    nlmsghdr header;
    rtgenmsg body;
  } req{};
  req.header = {sizeof req, RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP, 0, 0};
  if (!send_all(nl_, &req, sizeof req)) return -1;
  long count = 0;
  alignas(nlmsghdr) char buf[16384];
  for (;;) {
    auto n = ::recv(nl_, buf, sizeof buf, 0);
    if (n <= 0) return -1;
    for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, std::size_t(n));
         h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) return count;
      if (h->nlmsg_type == NLMSG_ERROR) return -1;
      auto id = nsid_of(h);
      count += h->nlmsg_type == RTM_NEWNSID && id >= first && id < next_;
    }
  }
}

}  // namespace rstlab::soak
