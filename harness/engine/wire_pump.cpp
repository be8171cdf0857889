#include "harness/engine/wire_pump.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace rstlab::engine {
namespace {

using fixture::host;
using wire::direction;
using wire::fate;

host source_of(direction d) { return core::sender(d); }
host target_of(direction d) { return core::receiver(d); }

// A hard stop for hosts that never fall quiet; far above any real exchange between steps.
constexpr std::size_t settle_limit = 100000;

}  // namespace

wire_pump::wire_pump(boost::asio::io_context& io, sandbox::sandbox& sb,
                     const std::vector<fixture::wire_rule>& rules,
                     std::chrono::steady_clock::time_point began, std::uint64_t draw_key)
    : io_(io),
      sb_(sb),
      faults_(rules, draw_key),
      from_{boost::asio::posix::stream_descriptor{io, sb.tun(host::client).fd()},
            boost::asio::posix::stream_descriptor{io, sb.tun(host::server).fd()}},
      start_(began),
      buf_(65536),
      held_(rules.size()),
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
  for (auto& t : delayed_) t.cancel();
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

// Logged before delivery, or the reply would be logged first.
void wire_pump::forward_one(direction d, std::span<std::uint8_t> bytes) {
  if (wire::ipv4_destination(bytes) != sb_.address(target_of(d)).v4_host_order()) return;
  auto seg = wire::decode(bytes);
  if (seg) seg->dir = d;
  last_sent_[static_cast<std::size_t>(d)].assign(bytes.begin(), bytes.end());
  auto dec = seg ? faults_.decide(*seg) : faults_.decide_other(d);
  log(d, bytes, dec.what == fate::duplicated ? fate::forwarded : dec.what, dec.rule);
  carry_out(dec, d, bytes);
}

// A copy or a kept segment goes right after the one it follows, before any reply is read: the
// receiving host has processed each write before it returns.
void wire_pump::carry_out(const wire::decision& dec, direction d, std::span<std::uint8_t> bytes) {
  switch (dec.what) {
    case fate::held:
    case fate::reordered: held_[*dec.rule].push_back({d, {bytes.begin(), bytes.end()}}); break;
    case fate::delayed: delay({d, {bytes.begin(), bytes.end()}}, dec.delay, *dec.rule); break;
    case fate::corrupted:
      wire::corrupt_tcp_checksum(bytes);
      write_to(d, bytes);
      break;
    case fate::duplicated:
      write_to(d, bytes);
      log(d, bytes, fate::duplicated, dec.rule);
      write_to(d, bytes);
      break;
    case fate::forwarded:
      write_to(d, bytes);
      if (dec.then_release) release(*dec.then_release);
      break;
    default: break;  // dropped
  }
}

void wire_pump::write_to(direction d, std::span<const std::uint8_t> bytes) {
  sb_.tun(target_of(d)).write(bytes);
}

void wire_pump::log(direction d, std::span<const std::uint8_t> bytes, fate what,
                    std::optional<std::size_t> rule) {
  auto seg = wire::decode(bytes);
  if (!seg) return;
  seg->at = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start_);
  seg->dir = d;
  seg->what = what;
  seg->rule = rule;
  flows_.see(*seg);
  trace_.push_back(*seg);
}

// Delivered at once, whatever the rules say: the wire made it, it does not judge it.
void wire_pump::inject(core::host to, std::span<const std::uint8_t> bytes) {
  auto d = to == host::client ? direction::to_client : direction::to_server;
  if (auto seg = wire::decode(bytes)) {
    log(d, bytes, fate::injected, std::nullopt);
  } else {
    wire::segment icmp;
    icmp.at = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start_);
    icmp.dir = d;
    icmp.what = fate::injected;
    icmp.icmp_code = bytes.size() > 21 ? bytes[21] : 0;
    trace_.push_back(icmp);
  }
  sb_.tun(to).write(bytes);
}

bool wire_pump::forge(core::host to, std::uint8_t flags, wire::seq_choice at,
                      std::optional<std::uint16_t> client_port) {
  const auto* f = client_port ? flows_.by_client_port(*client_port) : flows_.latest();
  auto fields = f ? wire::forged(*f, to, flags, at) : std::nullopt;
  if (!fields) return false;
  inject(to, wire::craft_tcp(*fields));
  return true;
}

bool wire_pump::unreachable(core::host to, std::uint8_t code) {
  // It answers what `to` last sent, as the peer's host (or a router before it) would.
  auto d = to == host::client ? direction::to_server : direction::to_client;
  const auto& original = last_sent_[static_cast<std::size_t>(d)];
  if (original.size() < 28) return false;
  auto from = sb_.address(core::other(to)).v4_host_order();
  inject(to, wire::craft_unreachable(from, sb_.address(to).v4_host_order(), code, original));
  return true;
}

// Faults: releasing what a hold rule kept, delivering what a delay rule postponed, switching
// rules on and off.

void wire_pump::deliver(const packet& p, wire::fate what, std::optional<std::size_t> rule) {
  log(p.dir, p.bytes, what, rule);
  sb_.tun(core::receiver(p.dir)).write(p.bytes);
}

void wire_pump::release(std::size_t rule) {
  faults_.let_go(rule);
  auto held = std::move(held_.at(rule));
  held_[rule].clear();
  for (const auto& p : held) deliver(p, wire::fate::released, rule);
}

void wire_pump::release(const std::string& rule) {
  if (auto i = faults_.rule_id(rule)) release(*i);
}

void wire_pump::step_finished(std::size_t step) {
  for (auto rule : faults_.released_by(step)) release(rule);
}

void wire_pump::set_active(const std::string& rule, bool on) {
  if (auto i = faults_.rule_id(rule)) faults_.set_active(*i, on);
}

// The timer runs apart from any step: a device that fails then is reported, not thrown.
void wire_pump::delay(packet p, std::chrono::milliseconds by, std::size_t rule) {
  auto& timer = delayed_.emplace_back(io_, by);
  auto it = std::prev(delayed_.end());
  timer.async_wait([this, it, p = std::move(p), rule](const boost::system::error_code& ec) {
    delayed_.erase(it);
    if (ec) return;
    try {
      deliver(p, wire::fate::delivered, rule);
    } catch (const std::exception& e) {
      if (on_failure_) on_failure_(e.what());
    }
  });
}

}  // namespace rstlab::engine
