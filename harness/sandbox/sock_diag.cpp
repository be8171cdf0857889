#include "harness/sandbox/sock_diag.hpp"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <vector>

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::sandbox {
namespace {

struct diag_request {
  nlmsghdr header;
  inet_diag_req_v2 body;
};

diag_request make_request(std::uint8_t family, std::uint16_t type, std::uint16_t flags,
                          const inet_diag_sockid& id, std::uint32_t states = ~0u) {
  diag_request r{};
  r.header.nlmsg_len = sizeof r;
  r.header.nlmsg_type = type;
  r.header.nlmsg_flags = static_cast<std::uint16_t>(NLM_F_REQUEST | flags);
  r.body.sdiag_family = family;
  r.body.sdiag_protocol = IPPROTO_TCP;
  r.body.idiag_states = states;
  r.body.id = id;
  return r;
}

bool send_request(int nl, const diag_request& r) {
  return ::send(nl, &r, sizeof r, 0) == static_cast<ssize_t>(sizeof r);
}

using socket_id = tcp_entry;

// Every TCP socket of one family, from one dump; false on a netlink error.
bool list_sockets(int nl, std::uint8_t family, std::vector<socket_id>& out,
                  std::uint32_t states = ~0u) {
  if (!send_request(nl, make_request(family, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, {}, states)))
    return false;
  alignas(nlmsghdr) char buf[16384];
  for (;;) {
    ssize_t n = ::recv(nl, buf, sizeof buf, 0);
    if (n <= 0) return false;
    for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, std::size_t(n)); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) return true;
      if (h->nlmsg_type == NLMSG_ERROR) return false;
      const auto* msg = static_cast<const inet_diag_msg*>(NLMSG_DATA(h));
      out.push_back({family, msg->idiag_state, ntohs(msg->id.idiag_sport),
                     ntohs(msg->id.idiag_dport), msg->id});
    }
  }
}

// The kernel's answer to one SOCK_DESTROY: 0, or the negative errno it reports.
int destroy_one(int nl, const socket_id& s) {
  if (!send_request(nl, make_request(s.family, SOCK_DESTROY, NLM_F_ACK, s.id))) return -errno;
  alignas(nlmsghdr) char buf[512];
  ssize_t n = ::recv(nl, buf, sizeof buf, 0);
  if (n < static_cast<ssize_t>(sizeof(nlmsghdr) + sizeof(nlmsgerr))) return -EIO;
  return static_cast<const nlmsgerr*>(NLMSG_DATA(reinterpret_cast<nlmsghdr*>(buf)))->error;
}

}  // namespace

std::optional<std::vector<tcp_entry>> tcp_sockets(std::uint32_t states) {
  unique_fd nl{::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)};
  if (!nl) return std::nullopt;
  std::vector<tcp_entry> out;
  if (!list_sockets(nl.get(), AF_INET, out, states) ||
      !list_sockets(nl.get(), AF_INET6, out, states))
    return std::nullopt;
  return out;
}

int destroy_tcp_socket(const tcp_entry& e) {
  unique_fd nl{::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)};
  if (!nl) return -errno;
  return destroy_one(nl.get(), e);
}

int destroy_tcp_sockets() {
  unique_fd nl{::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)};
  if (!nl) return -1;
  std::vector<socket_id> ids;
  if (!list_sockets(nl.get(), AF_INET, ids) || !list_sockets(nl.get(), AF_INET6, ids)) return -1;
  int destroyed = 0;
  for (const auto& id : ids) {
    int r = destroy_one(nl.get(), id);
    if (r == 0) ++destroyed;
    if (r == -EOPNOTSUPP) {
      errno = EOPNOTSUPP;
      return -1;
    }
  }
  return destroyed;
}

}  // namespace rstlab::sandbox
