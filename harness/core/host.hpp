// The two hosts of a sandbox and the two ways a packet can cross the wire between them. Every
// layer speaks of these: fixtures name endpoints by host, the wire records directions.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace rstlab::core {

// Each host runs at most one endpoint of a case.
enum class host { client = 0, server = 1 };
inline constexpr std::array<host, 2> hosts{host::client, host::server};
inline const char* host_name(host h) { return h == host::client ? "client" : "server"; }
inline host other(host h) { return h == host::client ? host::server : host::client; }
inline constexpr std::size_t index(host h) { return static_cast<std::size_t>(h); }

// Which way a packet crossed: into the server host (sent by the client host) or back.
enum class direction { to_server, to_client };
inline host sender(direction d) { return d == direction::to_server ? host::client : host::server; }
inline host receiver(direction d) { return other(sender(d)); }

// What became of a segment the wire read: forwarded at once, dropped, held until released,
// delayed, kept back until the next segment its rule matches has gone ahead (reordered), or
// forwarded with a wrong TCP checksum (corrupted). A held, delayed or reordered one is logged
// again when it is delivered (released, delivered). A segment the wire made itself is injected
// (a forged RST, an ICMP error) or duplicated (the copy of one it forwarded just before).
enum class fate : unsigned char {
  forwarded, dropped, held, delayed, released, delivered, injected, duplicated, reordered, corrupted
};
// The words fixtures and messages use for them, in the enum's order.
inline constexpr std::array<std::string_view, 10> fate_names{
    "forwarded", "dropped", "held",       "delayed",   "released",
    "delivered", "injected", "duplicated", "reordered", "corrupted"};
static_assert(fate_names.size() == static_cast<std::size_t>(fate::corrupted) + 1);

}  // namespace rstlab::core
