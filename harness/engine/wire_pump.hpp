// The wire between the two hosts: reads every packet a host sends into its TUN device,
// records it, and writes it into the other host's TUN device, where the kernel processes it
// before the write returns, unless a fault rule or a partition says otherwise: then it drops
// the packet, holds it until a step has run (or a release step), delivers it late, sends it
// twice, keeps it back until the rule's next match has gone ahead, or spoils its checksum. Only
// packets addressed to the other host are forwarded, so nothing leaves the sandbox. It runs on
// the engine's thread, which never blocks: the endpoints' calls run on worker threads, so the
// wire keeps moving while any of them waits. In the loopback topology it only watches: it reads
// lo's tap, records who sent each packet, and puts what it forges on lo.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cases/action.hpp"
#include "harness/sandbox/sandbox.hpp"
#include "harness/wire/attempts.hpp"
#include "harness/wire/codec.hpp"
#include "harness/wire/faults.hpp"
#include "harness/wire/flows.hpp"
#include "harness/wire/sides.hpp"

namespace rstlab::engine {

class wire_pump : public cases::wire_control {
 public:
  // Trace times count from `began`, the case's start, as step times do. `rules` must outlive
  // the pump. `service_port` tells the hosts apart on lo (see loopback_sides). With
  // `keep_packets`, each trace entry's bytes are kept too (take_packets). `draw_key` picks the
  // rules' random draws (wire::draw_key()).
  wire_pump(boost::asio::io_context& io, sandbox::sandbox& sb,
            const std::vector<fixture::wire_rule>& rules, std::uint16_t service_port,
            std::chrono::steady_clock::time_point began, bool keep_packets,
            std::uint64_t draw_key);
  ~wire_pump() override;
  wire_pump(const wire_pump&) = delete;
  wire_pump& operator=(const wire_pump&) = delete;

  // Forwards packets one way as they come, until stop(). Throws when a device fails.
  boost::asio::awaitable<void> run(wire::direction d);
  // Stops forwarding; what is still held or delayed is dropped with the case.
  void stop();

  // Forwards until neither host has anything queued: every immediate consequence of what
  // the hosts just did has been delivered. Throws if the hosts never fall quiet.
  void settle();

  // The wire's steps, and the end of each step (a hold may be waiting for it).
  void partition(std::optional<wire::direction> d) override { faults_.partition(d); }
  void heal(std::optional<wire::direction> d) override { faults_.heal(d); }
  void set_active(const std::string& rule, bool on) override;
  void release(const std::string& rule) override;
  bool forge(core::host to, std::uint8_t flags, wire::seq_choice at,
             std::optional<std::uint16_t> client_port) override;
  bool unreachable(core::host to, wire::unreachable why) override;
  void step_finished(std::size_t step);
  // Where a delayed delivery fails (the timer runs apart from any step).
  void on_failure(std::function<void(const std::string&)> f) { on_failure_ = std::move(f); }

  std::vector<wire::segment> take_trace() { return std::move(trace_); }
  // Entry i's bytes for each trace entry i (empty without keep_packets).
  std::vector<std::vector<std::uint8_t>> take_packets() { return std::move(packets_); }
  // Signalled (an eventfd, edge per write) after each batch of packets forwarded.
  int ticks() const { return ticks_.get(); }
  // Every connection attempt so far (workers read it while the wire adds to it).
  const wire::attempt_log& attempts() const { return attempts_; }

 private:
  struct packet {
    wire::direction dir;
    std::vector<std::uint8_t> bytes;
  };

  std::size_t forward_queued(wire::direction d);
  void tick(std::size_t moved);
  std::size_t read_packet(wire::direction d);
  void write_packet(core::host to, std::span<const std::uint8_t> bytes);
  void forward_one(wire::direction d, std::span<std::uint8_t> bytes);
  void watch_one(std::span<const std::uint8_t> bytes);
  void carry_out(const wire::decision& dec, wire::direction d, std::span<std::uint8_t> bytes);
  void write_to(wire::direction d, std::span<const std::uint8_t> bytes);
  void deliver(const packet& p, wire::fate what, std::optional<std::size_t> rule);
  void log(wire::direction d, std::span<const std::uint8_t> bytes, wire::fate what,
           std::optional<std::size_t> rule);
  void log(wire::segment seg, wire::direction d, std::span<const std::uint8_t> bytes,
           wire::fate what, std::optional<std::size_t> rule);  // `bytes` decoded already
  void record(const wire::segment& s, std::span<const std::uint8_t> bytes);
  void inject(core::host to, std::span<const std::uint8_t> bytes,
              std::optional<std::uint8_t> icmp_code = std::nullopt);
  void release(std::size_t rule);
  void delay(packet p, std::chrono::milliseconds by, std::size_t rule);

  boost::asio::io_context& io_;
  sandbox::sandbox& sb_;
  wire::fault_plan faults_;
  // By direction; the loopback topology has one source, its tap, for both.
  std::vector<boost::asio::posix::stream_descriptor> from_;
  std::optional<wire::loopback_sides> sides_;  // the loopback topology: who sent what
  std::chrono::steady_clock::time_point start_;
  std::vector<wire::segment> trace_;
  bool keep_packets_;
  std::vector<std::vector<std::uint8_t>> packets_;  // by trace entry, when kept
  // One packet as read, never cleared: a read fills what it returns.
  std::unique_ptr<std::uint8_t[]> buf_;
  std::span<std::uint8_t> packet_buf() { return {buf_.get(), packet_buf_size}; }
  static constexpr std::size_t packet_buf_size = 65536;
  std::vector<std::deque<packet>> held_;                // by rule
  std::list<boost::asio::steady_timer> delayed_;
  wire::flow_table flows_;
  std::array<std::vector<std::uint8_t>, 2> last_sent_;  // by direction: what an ICMP quotes
  std::function<void(const std::string&)> on_failure_;
  sandbox::unique_fd ticks_;
  wire::attempt_log attempts_;
};

}  // namespace rstlab::engine
