// What several actions share: turning a system call's result into an outcome, finding or
// making the socket a step names, addresses, and the buffers transfers use.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>
#include <span>

#include "cases/action.hpp"

namespace rstlab::cases {

// ret < 0 → the errno; otherwise `ok`.
core::observation status_result(long ret, int err);
// ret < 0 → the errno; 0 → eof; otherwise that many bytes (what a read reports).
core::observation read_result(long ret, int err);
// ret < 0 → the errno; otherwise that many bytes, 0 included (what a write reports).
core::observation write_result(long ret, int err);
// An integer the call reported (an option's value).
core::observation value_result(long value);
// The step names a socket its endpoint does not hold (any more): what a program gets for a
// descriptor it already closed.
core::observation no_such_socket();

// The descriptor of the socket the step names, or -1.
int find_socket(const context& ctx, const fixture::step& s);
// A new TCP socket in the calling thread's namespace (the worker's host), kept under `name`;
// -1 with errno set when the kernel refuses one or EEXIST when the name is taken. A process out
// of descriptors or memory is the harness failing, not the case: that throws.
int open_socket(context& ctx, const std::string& name, bool nonblocking);
// The step's socket, made if the name is new (bind and connect do this).
int open_if_missing(context& ctx, const fixture::step& s);
// Sets O_NONBLOCK on a socket that already exists; -1 with errno on failure.
long set_nonblocking(int fd);

// Throws std::system_error when `err` says the harness ran out of a resource (EMFILE, ENFILE,
// ENOMEM, ENOBUFS): no fixture is about that, and the case proves nothing then.
void check_resources(int err, const char* call);

// A socket address of the host's family, ready for bind and connect.
struct socket_address {
  sockaddr_storage storage{};
  socklen_t length = 0;
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};
socket_address address(const core::ip_address& host, std::uint16_t port);
// The port the step names with `port`, else the fixture's service port.
std::uint16_t step_port(const context& ctx, const fixture::step& s);

// poll(2) with a zero timeout: the socket's readiness now, consuming nothing.
int revents_now(int fd, short events);

// The most bytes one read or write step moves; the loader holds `bytes` to it.
inline constexpr std::int64_t max_transfer = 16 << 20;
// `n` zero bytes to write from, n <= max_transfer: a read-only mapping of the zero page, so it
// costs no memory however large.
std::span<const char> zeros(std::size_t n);
// A buffer of `n` bytes for the calling thread to read into (n <= max_transfer).
std::span<char> scratch(std::size_t n);

}  // namespace rstlab::cases
