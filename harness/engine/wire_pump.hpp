// The wire between the two hosts: reads every packet a host sends into its TUN device,
// records it, and writes it into the other host's TUN device, where the kernel processes it
// before the write returns. Only packets addressed to the other host are forwarded, so
// nothing leaves the sandbox. It runs on the engine's thread, which never blocks: the
// endpoints' calls run on worker threads, so the wire keeps moving while any of them waits.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <array>
#include <chrono>
#include <vector>

#include "harness/sandbox/sandbox.hpp"
#include "harness/wire/codec.hpp"

namespace rstlab::engine {

class wire_pump {
 public:
  // Trace times count from `began`, the case's start, as step times do.
  wire_pump(boost::asio::io_context& io, sandbox::sandbox& sb,
            std::chrono::steady_clock::time_point began);
  ~wire_pump();
  wire_pump(const wire_pump&) = delete;
  wire_pump& operator=(const wire_pump&) = delete;

  // Forwards packets one way as they come, until stop(). Throws when a device fails.
  boost::asio::awaitable<void> run(wire::direction d);
  void stop();

  // Forwards until neither host has anything queued: every immediate consequence of what
  // the hosts just did has been delivered. Throws if the hosts never fall quiet.
  void settle();

  std::vector<wire::segment> take_trace() { return std::move(trace_); }
  // Signalled (an eventfd, edge per write) after each batch of packets forwarded.
  int ticks() const { return ticks_.get(); }

 private:
  std::size_t forward_queued(wire::direction d);
  void forward_one(wire::direction d, std::span<std::uint8_t> packet);

  sandbox::sandbox& sb_;
  std::array<boost::asio::posix::stream_descriptor, 2> from_;  // indexed by direction
  std::chrono::steady_clock::time_point start_;
  std::vector<wire::segment> trace_;
  std::vector<std::uint8_t> buf_;
  sandbox::unique_fd ticks_;
};

}  // namespace rstlab::engine
