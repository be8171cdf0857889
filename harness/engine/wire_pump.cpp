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
                     const std::vector<fixture::wire_rule>& rules, std::uint16_t service_port,
                     std::chrono::steady_clock::time_point began, bool keep_packets,
                     std::uint64_t draw_key)
    : io_(io),
      sb_(sb),
      faults_(rules, draw_key),
      start_(began),
      keep_packets_(keep_packets),
      buf_(std::make_unique_for_overwrite<std::uint8_t[]>(packet_buf_size)),
      held_(rules.size()),
      ticks_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!ticks_) throw std::system_error(errno, std::generic_category(), "eventfd for the wire");
  if (sb.loopback()) {
    from_.emplace_back(io, sb.tap().fd());
    sides_.emplace(service_port);
    return;
  }
  from_.emplace_back(io, sb.tun(host::client).fd());
  from_.emplace_back(io, sb.tun(host::server).fd());
}

wire_pump::~wire_pump() {
  for (auto& d : from_) d.release();  // the sandbox owns the fds
}

boost::asio::awaitable<void> wire_pump::run(direction d) {
  if (static_cast<std::size_t>(d) >= from_.size()) co_return;  // lo: one source for both ways
  auto& from = from_[static_cast<std::size_t>(d)];
  for (;;) {
    auto [ec] = co_await from.async_wait(boost::asio::posix::descriptor_base::wait_read,
                                         boost::asio::as_tuple(boost::asio::use_awaitable));
    if (ec) co_return;
    // The other host processed each packet before its write returned: its answer is often
    // queued already, and is taken now rather than on a wake-up of its own.
    tick(forward_queued(d) +
         forward_queued(d == direction::to_server ? direction::to_client : direction::to_server));
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
  tick(moved);
}

std::size_t wire_pump::forward_queued(direction d) {
  std::size_t count = 0;
  for (;;) {
    auto n = read_packet(d);
    if (n == 0) return count;
    forward_one(d, packet_buf().first(n));
    ++count;
  }
}

// One tick for a batch of packets forwarded: whoever waits on the wire looks again.
void wire_pump::tick(std::size_t moved) {
  std::uint64_t one = 1;
  if (moved > 0) (void)!::write(ticks_.get(), &one, sizeof one);
}

std::size_t wire_pump::read_packet(direction d) {
  if (!sides_) return sb_.tun(source_of(d)).read(packet_buf());
  return d == direction::to_server ? sb_.tap().read(packet_buf()) : 0;
}

void wire_pump::write_packet(core::host to, std::span<const std::uint8_t> bytes) {
  if (sides_) return sb_.tap().write(bytes);
  sb_.tun(to).write(bytes);
}

// On lo the kernel delivered it already: the wire records who sent it, and nothing more.
void wire_pump::watch_one(std::span<const std::uint8_t> bytes) {
  auto seg = wire::decode(bytes);
  if (!seg) return;
  auto from = sides_->of(*seg);
  last_sent_[static_cast<std::size_t>(from)].assign(bytes.begin(), bytes.end());
  log(*seg, from, bytes, fate::forwarded, std::nullopt);
}

// Logged before delivery, or the reply would be logged first.
void wire_pump::forward_one(direction d, std::span<std::uint8_t> bytes) {
  if (sides_) return watch_one(bytes);
  if (wire::destination(bytes) != sb_.address(target_of(d))) return;
  auto seg = wire::decode(bytes);
  if (seg) seg->dir = d;
  last_sent_[static_cast<std::size_t>(d)].assign(bytes.begin(), bytes.end());
  auto dec = seg ? faults_.decide(*seg) : faults_.decide_other(d);
  if (seg) log(*seg, d, bytes, dec.what == fate::duplicated ? fate::forwarded : dec.what, dec.rule);
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
  write_packet(target_of(d), bytes);
}

void wire_pump::log(direction d, std::span<const std::uint8_t> bytes, fate what,
                    std::optional<std::size_t> rule) {
  if (auto seg = wire::decode(bytes)) log(*seg, d, bytes, what, rule);
}

void wire_pump::log(wire::segment seg, direction d, std::span<const std::uint8_t> bytes,
                    fate what, std::optional<std::size_t> rule) {
  seg.at = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start_);
  seg.dir = d;
  seg.what = what;
  seg.rule = rule;
  flows_.see(seg);
  record(seg, bytes);
}

void wire_pump::record(const wire::segment& s, std::span<const std::uint8_t> bytes) {
  trace_.push_back(s);
  attempts_.see(s);
  if (keep_packets_) packets_.emplace_back(bytes.begin(), bytes.end());
}

// Delivered at once, whatever the rules say: the wire made it, it does not judge it.
void wire_pump::inject(core::host to, std::span<const std::uint8_t> bytes,
                       std::optional<std::uint8_t> icmp_code) {
  auto d = to == host::client ? direction::to_client : direction::to_server;
  if (!icmp_code) {
    log(d, bytes, fate::injected, std::nullopt);
  } else {
    wire::segment icmp;
    icmp.at = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start_);
    icmp.dir = d;
    icmp.what = fate::injected;
    icmp.icmp_code = icmp_code;
    icmp.src = sb_.address(core::other(to));
    icmp.dst = sb_.address(to);
    record(icmp, bytes);
  }
  write_packet(to, bytes);
}

bool wire_pump::forge(core::host to, std::uint8_t flags, wire::seq_choice at,
                      std::optional<std::uint16_t> client_port) {
  const auto* f = client_port ? flows_.by_client_port(*client_port) : flows_.latest();
  auto fields = f ? wire::forged(*f, to, flags, at) : std::nullopt;
  if (!fields) return false;
  inject(to, wire::craft_tcp(*fields));
  return true;
}

bool wire_pump::unreachable(core::host to, wire::unreachable why) {
  // It answers what `to` last sent, as the peer's host (or a router before it) would.
  auto d = to == host::client ? direction::to_server : direction::to_client;
  const auto& original = last_sent_[static_cast<std::size_t>(d)];
  if (original.empty()) return false;
  auto self = sb_.address(to);
  auto code = wire::unreachable_code(self.fam, why);
  if (!code) throw std::runtime_error("icmp: ICMPv6 has no protocol unreachable");
  inject(to, wire::craft_unreachable(sb_.address(core::other(to)), self, *code, original), code);
  return true;
}

// Faults: releasing what a hold rule kept, delivering what a delay rule postponed, switching
// rules on and off.

void wire_pump::deliver(const packet& p, wire::fate what, std::optional<std::size_t> rule) {
  log(p.dir, p.bytes, what, rule);
  write_packet(core::receiver(p.dir), p.bytes);
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
