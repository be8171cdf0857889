#include "harness/engine/engine.hpp"

#include <csignal>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <stdexcept>

#include "harness/engine/timeline.hpp"
#include "harness/engine/wire_pump.hpp"

namespace rstlab::engine {
namespace {

using fixture::host;

std::array<core::counter_map, 2> read_counters(const sandbox::sandbox& sb) {
  return {sb.counters(host::client), sb.counters(host::server)};
}

std::array<cases::endpoint_state, 2> make_endpoints(const fixture::scenario& sc,
                                                    const sandbox::sandbox& sb) {
  std::array<cases::endpoint_state, 2> eps;
  for (auto h : fixture::hosts) {
    auto& ep = eps[static_cast<std::size_t>(h)];
    ep.host = h;
    ep.netns_fd = sb.netns(h);
    ep.self = sb.address(h);
    ep.peer = sb.address(h == host::client ? host::server : host::client);
    ep.service_port = sc.port;
  }
  return eps;
}

// Runs everything on `io` until the timeline is over; rethrows a harness failure.
void drive(boost::asio::io_context& io, timeline& tl, wire_pump& wire) {
  std::exception_ptr failure;
  int running = 2;
  auto finished = [&](std::exception_ptr e) {
    if (e && !failure) failure = e;
    if (--running == 0) wire.stop();
  };
  boost::asio::co_spawn(io, wire.run(wire::direction::to_server), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  boost::asio::co_spawn(io, wire.run(wire::direction::to_client), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  boost::asio::co_spawn(io, tl.run_endpoint(host::client), finished);
  boost::asio::co_spawn(io, tl.run_endpoint(host::server), finished);
  io.run();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

void block_sigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

expect::run_record run_case(const fixture::scenario& sc, const options& opts) {
  block_sigpipe();
  auto began = std::chrono::steady_clock::now();
  sandbox::sandbox sb{opts.sandbox};
  auto before = read_counters(sb);
  boost::asio::io_context io{1};
  waker wake;
  wire_pump wire{io, sb, wake};
  auto endpoints = make_endpoints(sc, sb);
  timeline tl{sc, opts.timeout_scale, endpoints, wake, wire};
  try {
    drive(io, tl, wire);
  } catch (...) {
    for (auto& ep : endpoints) ep.close_all();
    throw;
  }
  wire.settle();
  auto record = tl.take_record();
  auto after = read_counters(sb);
  for (std::size_t i = 0; i < 2; ++i) record.counters[i] = core::delta(before[i], after[i]);
  for (auto& ep : endpoints) ep.close_all();
  record.trace = wire.take_trace();
  record.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - began);
  return record;
}

}  // namespace rstlab::engine
