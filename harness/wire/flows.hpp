// The connections the wire has carried, as the wire sees them: for each side, the sequence
// number it will send next and what it last acknowledged. From these the wire forges a segment
// as if the other side had sent it: an RST exactly at the receiver's next expected sequence
// number (it resets the connection), one in the window but not exact (challenge ACK), one far
// outside it (dropped), a SYN into an established connection. Pure.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "harness/wire/codec.hpp"

namespace rstlab::wire {

struct flow {
  core::ip_address client_addr, server_addr;
  std::uint16_t client_port = 0, server_port = 0;
  struct side {
    // seq of its last segment the receiver got, plus its length (SYN, FIN count 1)
    std::uint32_t next_seq = 0;
    std::uint32_t acked = 0;     // the last ack it sent
    std::uint16_t window = 0;    // the last window it advertised, as on the wire
    bool seen = false;           // the receiver got a segment of it
  };
  std::array<side, 2> from;  // by sending host
};

class flow_table {
 public:
  // Learns from each segment of the trace as the wire logs it: a host's sending, and a late
  // delivery (the wire's own forgeries teach it nothing).
  void see(const segment& s);
  // The connection last seen to start (its SYN), or the one with this client port.
  const flow* latest() const;
  const flow* by_client_port(std::uint16_t port) const;

 private:
  static void advance(flow::side& side, const segment& s);
  std::vector<flow> flows_;  // in the order their first segment came
};

enum class seq_choice { exact, in_window, out_of_window };

// The segment `to` receives as if its peer had sent it, with `flags` and a sequence number
// chosen against what `to` expects next. nullopt when the peer has sent nothing yet.
std::optional<tcp_fields> forged(const flow& f, core::host to, std::uint8_t flags, seq_choice at);

}  // namespace rstlab::wire
