#include "harness/engine/wire_pump.hpp"

#include <arpa/inet.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>

namespace rstlab::engine {
namespace {

using fixture::host;
using wire::direction;

host source_of(direction d) { return core::sender(d); }
host target_of(direction d) { return core::receiver(d); }

// A hard stop for hosts that never fall quiet; far above any real exchange between steps.
constexpr std::size_t settle_limit = 100000;

}  // namespace

wire_pump::wire_pump(boost::asio::io_context& io, sandbox::sandbox& sb,
                     std::chrono::steady_clock::time_point began)
    : sb_(sb),
      from_{boost::asio::posix::stream_descriptor{io, sb.tun(host::client).fd()},
            boost::asio::posix::stream_descriptor{io, sb.tun(host::server).fd()}},
      start_(began),
      buf_(65536),
      ticks_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!ticks_) throw std::system_error(errno, std::generic_category(), "eventfd for the wire");
}

wire_pump::~wire_pump() {
  for (auto& d : from_) d.release();  // the sandbox owns the fds
}

boost::asio::awaitable<void> wire_pump::run(direction d) {
  auto& from = from_[static_cast<std::size_t>(d)];
  for (;;) {
    auto [ec] = co_await from.async_wait(boost::asio::posix::descriptor_base::wait_read,
                                         boost::asio::as_tuple(boost::asio::use_awaitable));
    if (ec) co_return;
    forward_queued(d);
  }
}

void wire_pump::stop() {
  for (auto& d : from_) d.cancel();
}

void wire_pump::settle() {
  std::size_t moved = 0;
  for (std::size_t n = 1; n > 0; moved += n) {
    n = forward_queued(direction::to_server) + forward_queued(direction::to_client);
    if (moved > settle_limit) throw std::runtime_error("the hosts never stopped sending");
  }
}

std::size_t wire_pump::forward_queued(direction d) {
  std::size_t count = 0;
  for (;;) {
    auto n = sb_.tun(source_of(d)).read(buf_);
    if (n == 0) {
      std::uint64_t one = 1;
      if (count > 0) (void)!::write(ticks_.get(), &one, sizeof one);
      return count;
    }
    forward_one(d, std::span(buf_).first(n));
    ++count;
  }
}

void wire_pump::forward_one(direction d, std::span<std::uint8_t> packet) {
  if (wire::ipv4_destination(packet) != sb_.address(target_of(d)).v4_host_order()) return;
  if (auto seg = wire::decode(packet)) {
    seg->at = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start_);
    seg->dir = d;
    trace_.push_back(*seg);  // recorded before delivery, or the reply would be logged first
  }
  sb_.tun(target_of(d)).write(packet);
}

}  // namespace rstlab::engine
