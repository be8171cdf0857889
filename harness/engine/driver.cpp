#include "harness/engine/driver.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <sched.h>

#include <algorithm>
#include <array>
#include <exception>
#include <memory>
#include <optional>
#include <vector>

#include "cases/action.hpp"
#include "harness/core/names.hpp"
#include "harness/endpoint/endpoint.hpp"
#include "harness/endpoint/program.hpp"
#include "harness/sandbox/netns.hpp"
#include "harness/sandbox/sock_diag.hpp"
#include "harness/engine/programs.hpp"
#include "harness/engine/waker.hpp"
#include "harness/engine/wire_pump.hpp"
#include "harness/schedule/sequencer.hpp"
#include "harness/wire/draws.hpp"

namespace rstlab::engine {
namespace {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;
using kind = schedule::command::kind;
using fixture::host;
// A host's counters as the case started, and the files they were read from.
struct counter_reading {
  std::string text;
  sandbox::counter_files files;
};
using counter_texts = std::array<std::optional<counter_reading>, 2>;

struct call_result {
  core::observation obs;
  std::string error;  // what the action threw: a harness failure
};

std::string what_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// The C++ code that is host h; ending it destroys the host's sockets, which wakes a call of the
// code blocked on one. Null when no code was given (start_programs says so).
std::unique_ptr<endpoint::program> code_program(sandbox::sandbox& sb, const fixture::scenario& sc,
                                                host h, const endpoint::code_fn& fn) {
  endpoint::code_env env{sb.address(h).text(), sb.address(core::other(h)).text(), sc.port,
                         sc.family == core::family::v4 ? 4 : 6};
  auto unblock = [&sb, h] {
    sandbox::netns_guard inside(sb.netns(h));
    sandbox::destroy_tcp_sockets();
  };
  if (!fn) return nullptr;
  return std::make_unique<endpoint::program>(fn, env, unblock);
}

class case_driver {
 public:
  case_driver(asio::io_context& io, sandbox::sandbox& sb, const fixture::scenario& sc,
              const options& opts, schedule::sequencer& seq, wire_pump& wire,
              const step_observer& on_step);
  asio::awaitable<void> timeline();
  // Starts the programs that start with the case (in the server, then the client); empty, or
  // why one could not start.
  std::string start_programs(sandbox::sandbox& sb);
  // Every worker stopped (a call still running interrupted) and every socket aborted; every
  // program's process group killed, and what the programs did kept in `rec`.
  bool stop_endpoints(expect::run_record& rec);

 private:
  void carry_out(const schedule::command& c);
  asio::awaitable<void> watch(std::size_t i);
  void start(std::size_t i);
  void run_on_wire(std::size_t i, const cases::action& act);
  void completed(std::size_t i, const call_result& r);
  void report_finished();

  asio::io_context& io_;
  const fixture::scenario& sc_;
  schedule::sequencer& seq_;
  wire_pump& wire_;
  const step_observer& on_step_;
  waker wake_;
  std::array<std::unique_ptr<endpoint::endpoint>, 2> endpoints_;
  fixture::placeholder_values placeholders_;
  std::array<std::unique_ptr<endpoint::program>, 2> programs_;  // by host, when it is one
  std::vector<cases::context> contexts_;      // by host
  std::vector<endpoint::worker*> workers_;    // by step: the worker running it, while it runs
};

case_driver::case_driver(asio::io_context& io, sandbox::sandbox& sb, const fixture::scenario& sc,
                         const options& opts, schedule::sequencer& seq, wire_pump& wire,
                         const step_observer& on_step)
    : io_(io), sc_(sc), seq_(seq), wire_(wire), on_step_(on_step),
      placeholders_(with_programs(sc) ? placeholders_of(sc, sb) : fixture::placeholder_values{}),
      workers_(sc.steps.size()) {
  for (auto h : fixture::hosts) {
    auto& ep = endpoints_[core::index(h)];
    ep = std::make_unique<endpoint::endpoint>(sb.netns(h));
    auto& prog = programs_[core::index(h)];
    if (const auto& spec = sc.programs[core::index(h)])
      prog = spec->code ? code_program(sb, sc, h, opts.code[core::index(h)])
                        : std::make_unique<endpoint::program>(launch_of(*spec, placeholders_));
    contexts_.push_back(cases::context{h, sb.address(h), sb.address(core::other(h)), sc.port,
                                       ep->sockets(), wire.ticks(), prog.get(), &wire.attempts(),
                                       seq.began(), &placeholders_});
  }
}

std::string case_driver::start_programs(sandbox::sandbox& sb) {
  for (auto h : {host::server, host::client}) {
    auto& prog = programs_[core::index(h)];
    if (sc_.programs[core::index(h)] && !prog)
      return fixture::located(sc_.file, sc_.programs[core::index(h)]->pos) + ": the " +
             fixture::host_name(h) + " is C++ code (code = true) and none was given: run this "
             "fixture with rstlab::lab from C++, giving the code to lab::code()";
    if (!prog || starts_by_step(sc_, h)) continue;
    sandbox::netns_guard inside(sb.netns(h));
    if (int err = prog->start())
      return start_failure(sc_, h, err);
  }
  return {};
}

asio::awaitable<void> case_driver::timeline() {
  for (;;) {
    auto c = seq_.next(clock::now());
    report_finished();
    if (c.what == kind::done) break;
    if (c.what == kind::wait) {
      co_await wake_.wait(c.until);
    } else if (c.what == kind::watch) {
      co_await watch(c.step);
    } else {
      carry_out(c);
    }
  }
  wire_.stop();
}

void case_driver::carry_out(const schedule::command& c) {
  try {
    if (c.what == kind::start) start(c.step);
    if (c.what == kind::interrupt && workers_[c.step]) workers_[c.step]->interrupt();
    if (c.what == kind::settle) {
      wire_.settle();
      seq_.settled();
    }
  } catch (...) {
    seq_.failed(what_of(std::current_exception()));
    if (c.what == kind::start) seq_.not_started(c.step);
  }
}

// A background call counts as started once its thread sleeps in the kernel; until then the
// timeline looks again after letting the wire run, and lets the call's thread have the CPU
// (on a busy machine it may share this one's core).
asio::awaitable<void> case_driver::watch(std::size_t i) {
  if (workers_[i] && workers_[i]->asleep()) {
    seq_.blocked(i);
    co_return;
  }
  ::sched_yield();
  auto again = asio::post(io_, asio::use_awaitable);
  co_await std::move(again);
}

// A wire step changes the wire at once, on this thread: it is over as soon as it started. It
// acts on a settled wire, having seen what the hosts sent so far (a background connect's SYN).
void case_driver::run_on_wire(std::size_t i, const cases::action& act) {
  wire_.settle();
  act.on_wire(wire_, sc_.steps[i]);
  seq_.completed(i, core::observation{}, clock::now());
  wire_.step_finished(i);
}

void case_driver::start(std::size_t i) {
  const auto& s = sc_.steps[i];
  const auto* act = cases::find(s.action);
  if (act && act->on_wire) return run_on_wire(i, *act);
  if (!act || !act->run) throw std::logic_error("no action can run step " + s.action);
  auto& w = endpoints_[core::index(s.endpoint)]->acquire();
  workers_[i] = &w;
  auto result = std::make_shared<call_result>();
  auto& ctx = contexts_[core::index(s.endpoint)];
  w.run(
      [act, &ctx, &s, result] {
        try {
          result->obs = cases::perform(*act, ctx, s);
        } catch (...) {
          result->error = what_of(std::current_exception());
        }
      },
      [this, i, result](std::string_view not_run) {
        if (!not_run.empty()) result->error = not_run;
        asio::post(io_, [this, i, result] { completed(i, *result); });
      });
}

void case_driver::completed(std::size_t i, const call_result& r) {
  endpoints_[core::index(sc_.steps[i].endpoint)]->release(*workers_[i]);
  workers_[i] = nullptr;
  if (r.error.empty()) {
    seq_.completed(i, r.obs, clock::now());
    wire_.step_finished(i);
  } else {  // no outcome to record: the step is shown as not run, the error names it
    seq_.failed("step " + std::to_string(i + 1) + " (" + sc_.steps[i].action + ") failed: " +
                r.error);
    seq_.not_started(i);
  }
  wake_.notify();
}

void case_driver::report_finished() {
  for (auto i : seq_.take_finished())
    if (on_step_) on_step_(i, seq_.step(i));
}

bool case_driver::stop_endpoints(expect::run_record& rec) {
  for (auto h : fixture::hosts)
    if (auto& prog = programs_[core::index(h)]) {
      if (!prog->stop() && rec.error.empty())
        rec.error = std::string("the ") + fixture::host_name(h) + "'s C++ code did not return " +
                    "within 2 s of the case's end, even with its sockets destroyed; its thread " +
                    "is left running";
      rec.programs[core::index(h)] = prog->record();
    }
  bool all = true;
  for (auto& ep : endpoints_) {
    if (ep) all = ep->stop(std::chrono::seconds(2)) && all;
    ep.reset();
  }
  return all;
}

// The files a host's asserted counters are in (snmp holds the Tcp: ones, netstat the TcpExt:
// ones); none when it asserts none.
sandbox::counter_files files_asserted(
    const std::map<std::string, fixture::count_range>& asserted) {
  sandbox::counter_files files{false, false};
  for (const auto& [name, range] : asserted)
    (core::is_snmp_counter(name) ? files.snmp : files.netstat) = true;
  return files;
}

// Each host's counters as the case starts, read only where they will be looked at: the files
// holding the counters the fixture asserts of that host, or both files of both hosts when the
// caller wants them all. Reading is a good part of a short case: netstat alone takes about
// 35 us a read, snmp 13 us (measured in C in a fresh namespace), and each is read twice.
counter_texts counters_at_start(const sandbox::sandbox& sb, const fixture::scenario& sc,
                                const options& opts) {
  counter_texts texts;
  for (auto h : fixture::hosts) {
    auto files = opts.all_counters ? sandbox::counter_files{}
                                   : files_asserted(sc.counters[core::index(h)]);
    if (files.snmp || files.netstat)
      texts[core::index(h)] = counter_reading{sb.counter_text(h, files), files};
  }
  return texts;
}

// The last packets, the counters and the settings: read before the endpoints go, since
// aborting their sockets sends RSTs the counters must not include. The counters kept are the
// ones that moved and the ones the fixture asserts (reports show no more).
void conclude(sandbox::sandbox& sb, const fixture::scenario& sc, const options& opts,
              wire_pump& wire, const counter_texts& before, expect::run_record& rec) {
  wire.settle();
  for (auto h : fixture::hosts)
    if (const auto& then = before[core::index(h)]) {
      const auto& asserted = sc.counters[core::index(h)];
      auto is_asserted = [&](std::string_view name) {
        return std::any_of(asserted.begin(), asserted.end(),
                           [&](const auto& a) { return a.first == name; });
      };
      rec.counters[core::index(h)] =
          core::delta(then->text, sb.counter_text(h, then->files), is_asserted);
    }
  if (opts.capture_settings)
    for (auto h : fixture::hosts) rec.settings[core::index(h)] = sb.tcp_settings(h);
}

// Aborting the endpoints' sockets queued RSTs on the wire; delivering them frees the peers'
// orphans (a FIN_WAIT1 socket whose FIN the peer had not acknowledged yet, say), which would
// otherwise retransmit into a dead wire for minutes and keep their namespace alive. These
// packets are teardown, not the case: the trace was taken before.
// One still left (waiting on a timer, its peer gone) is destroyed through socket-diag.
void release_orphans(sandbox::sandbox& sb, wire_pump& wire) {
  try {
    wire.settle();
    for (auto h : fixture::hosts)
      if (sb.tcp_in_use(h) > 0) sb.destroy_sockets(h);
  } catch (const std::exception&) {
    // Teardown cannot change the verdict; what is left the kernel frees in time.
  }
}

void spawn_wire(asio::io_context& io, wire_pump& wire, schedule::sequencer& seq) {
  for (auto d : {wire::direction::to_server, wire::direction::to_client})
    asio::co_spawn(io, wire.run(d), [&seq](std::exception_ptr e) {
      if (e) seq.failed("the wire failed: " + what_of(e));
    });
}

}  // namespace

expect::run_record drive(sandbox::sandbox& sb, const fixture::scenario& sc, const options& opts,
                         const step_observer& on_step, clock::time_point began) {
  expect::phase_marks marks;
  for (auto h : fixture::hosts) sb.apply(h, sc.sysctls[core::index(h)]);
  auto before = counters_at_start(sb, sc, opts);
  asio::io_context io{1};
  wire_pump wire{io, sb, sc.wire_rules, sc.port, began, opts.keep_packets,
                 wire::draw_key(opts.seed, sc.name)};
  schedule::sequencer seq{sc, opts.timeout_scale, began};
  wire.on_failure([&seq](const std::string& what) { seq.failed("the wire failed: " + what); });
  case_driver drv{io, sb, sc, opts, seq, wire, on_step};
  if (auto why = drv.start_programs(sb); !why.empty()) seq.failed(why);
  spawn_wire(io, wire, seq);
  asio::co_spawn(io, drv.timeline(), [&seq, &wire](std::exception_ptr e) {
    if (e) seq.failed("the timeline failed: " + what_of(e));
    wire.stop();
  });
  marks.ready = since(began);
  io.run();
  marks.ran = since(began);
  auto rec = seq.take_record();
  if (rec.error.empty()) {
    try {
      conclude(sb, sc, opts, wire, before, rec);
      marks.concluded = since(began);
    } catch (...) {
      rec.error = what_of(std::current_exception());
    }
  }
  rec.phases = marks;
  rec.trace = wire.take_trace();
  rec.packets = wire.take_packets();
  if (!drv.stop_endpoints(rec) && rec.error.empty())
    rec.error = "a blocked call could not be interrupted at the end of the case";
  release_orphans(sb, wire);
  return rec;
}

}  // namespace rstlab::engine
