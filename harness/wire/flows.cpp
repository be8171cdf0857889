#include "harness/wire/flows.hpp"

#include <algorithm>

namespace rstlab::wire {
namespace {

// Far beyond any receive window (at most 2^30 with the largest scale), short of wrapping.
constexpr std::uint32_t far_away = 1u << 30;

std::uint32_t length_of(const segment& s) {
  return s.payload + (s.has(flag::syn) ? 1 : 0) + (s.has(flag::fin) ? 1 : 0);
}

bool same(const flow& f, const segment& s) {
  bool up = s.dir == direction::to_server;
  return f.client_port == (up ? s.sport : s.dport) && f.server_port == (up ? s.dport : s.sport);
}

// The receiver got it: forwarded at once, or released or delivered late.
bool reached_receiver(const segment& s) {
  return s.what == fate::forwarded || s.what == fate::released || s.what == fate::delivered;
}

}  // namespace

// The sequence numbers a side has sent count once the receiver got them (a dropped or still
// held segment moves nothing the receiver expects); its acks and windows count as it sent them.
void flow_table::see(const segment& s) {
  if (s.what == fate::injected) return;
  bool up = s.dir == direction::to_server;
  bool opens = s.sent() && s.has(flag::syn) && !s.has(flag::ack);
  auto it = std::find_if(flows_.rbegin(), flows_.rend(), [&](const flow& f) { return same(f, s); });
  if (it == flows_.rend() || opens) {
    flow f;
    f.client_addr = up ? s.src : s.dst;
    f.server_addr = up ? s.dst : s.src;
    f.client_port = up ? s.sport : s.dport;
    f.server_port = up ? s.dport : s.sport;
    flows_.push_back(f);
    it = flows_.rbegin();
  }
  auto& side = it->from[core::index(sender(s.dir))];
  if (!s.sent()) {  // a late delivery: only what the receiver now has moves
    advance(side, s);
    return;
  }
  if (s.has(flag::ack)) side.acked = s.ack;
  side.window = s.window;
  if (reached_receiver(s)) advance(side, s);
}

void flow_table::advance(flow::side& side, const segment& s) {
  auto next = s.seq + length_of(s);
  if (!side.seen || static_cast<std::int32_t>(next - side.next_seq) > 0) side.next_seq = next;
  side.seen = true;
}

const flow* flow_table::latest() const { return flows_.empty() ? nullptr : &flows_.back(); }

const flow* flow_table::by_client_port(std::uint16_t port) const {
  auto it = std::find_if(flows_.rbegin(), flows_.rend(),
                         [&](const flow& f) { return f.client_port == port; });
  return it == flows_.rend() ? nullptr : &*it;
}

std::optional<tcp_fields> forged(const flow& f, core::host to, std::uint8_t flags, seq_choice at) {
  const auto& peer = f.from[core::index(core::other(to))];
  const auto& self = f.from[core::index(to)];
  if (!peer.seen) return std::nullopt;
  bool to_client = to == core::host::client;
  tcp_fields out;
  out.src = to_client ? f.server_addr : f.client_addr;
  out.dst = to_client ? f.client_addr : f.server_addr;
  out.sport = to_client ? f.server_port : f.client_port;
  out.dport = to_client ? f.client_port : f.server_port;
  out.seq = peer.next_seq + (at == seq_choice::in_window ? 1 : at == seq_choice::out_of_window ? far_away : 0);
  out.ack = (flags & flag::ack) ? self.next_seq : 0;
  out.flags = flags;
  out.window = (flags & flag::rst) ? 0 : peer.window;
  return out;
}

}  // namespace rstlab::wire
