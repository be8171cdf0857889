// The C++ API (include/rstlab/rstlab.hpp) over the runner: fixtures loaded with the real
// actions table, each variant run in a fresh sandbox, the code given to the engine, and the
// verdict told back as plain strings.
#include "rstlab/rstlab.hpp"

#include <ostream>
#include <streambuf>

#include "cases/action.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/fixture/programs.hpp"
#include "harness/fixture/variants.hpp"
#include "harness/report/text.hpp"
#include "harness/runner/runner.hpp"
#include "harness/sandbox/netns.hpp"

namespace rstlab {
namespace {

// An ostream's buffer that hands each write to one stream of a program's output.
class output_buffer : public std::streambuf {
 public:
  output_buffer(endpoint::output& out, endpoint::stream s) : out_(out), s_(s) {}

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      char ch = traits_type::to_char_type(c);
      out_.append(s_, {&ch, 1});
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.append(s_, {s, static_cast<std::size_t>(n)});
    return n;
  }

 private:
  endpoint::output& out_;
  endpoint::stream s_;
};

endpoint::code_fn adapt(rstlab::code fn) {
  return [fn = std::move(fn)](endpoint::code_env& env) {
    output_buffer out_buf(*env.out, endpoint::stream::out), err_buf(*env.out, endpoint::stream::err);
    std::ostream out(&out_buf), err(&err_buf);
    host h{env.address, env.peer_address, env.port, env.family, out, err};
    return fn(h);
  };
}

// A run of the API never reruns, so never ends FLAKY; were it to, it failed once: "fail".
const char* verdict_text(expect::verdict v) {
  switch (v) {
    case expect::verdict::pass:
      return "pass";
    case expect::verdict::fail:
    case expect::verdict::flaky:
      return "fail";
    case expect::verdict::error:
      return "error";
    case expect::verdict::skip:
      return "skip";
  }
  return "error";
}

int severity(const std::string& verdict) {
  if (verdict == "error") return 3;
  if (verdict == "fail") return 2;
  return verdict == "skip" ? 1 : 0;
}

// Adds one variant's result to the whole.
void fold(result& whole, const expect::case_result& r) {
  std::string verdict = verdict_text(r.outcome);
  if (whole.verdict.empty() || severity(verdict) > severity(whole.verdict)) whole.verdict = verdict;
  auto tag = "[" + fixture::variant_tag(r.sc->family, r.sc->loopback) + "] ";
  for (const auto& m : r.mismatches)
    whole.failures.push_back(fixture::located(r.sc->file, m.pos) + ": " + tag + m.message);
  if (!r.note.empty()) whole.note += (whole.note.empty() ? "" : "\n") + tag + r.note;
  if (r.outcome != expect::verdict::pass && r.outcome != expect::verdict::skip)
    whole.details += r.sc->name + "\n" + report::failure_block(r, "  ");
}

runner::options options_for(double timeout_scale) {
  runner::options o;
  o.engine.timeout_scale = timeout_scale;
  return o;
}

expect::case_result run_variant(const fixture::scenario& sc, const runner::options& o) {
  static runner::sandbox_gate gate{sandbox::prepare_privileges()};
  static std::mutex one_at_a_time;  // the gate learns from each run
  std::lock_guard lock(one_at_a_time);
  return runner::run_gated(sc, o, gate);
}

fixture::scenario load(const std::function<fixture::scenario()>& read) {
  try {
    return read();
  } catch (const fixture::load_error& e) {
    throw load_error(e.what());
  }
}

}  // namespace

result run_fixture(const std::string& path, const run_options& options) {
  if (!options.program_path.empty()) fixture::set_program_dirs(options.program_path);
  auto sc = load([&] { return fixture::load_file(path, cases::specs()); });
  result whole;
  auto o = options_for(options.timeout_scale);
  for (int f : options.families) {
    auto family = f == 6 ? core::family::v6 : core::family::v4;
    if (sc.pinned && *sc.pinned != family) continue;
    auto variant = fixture::variant_of(sc, family, sc.pinned_loopback.value_or(false));
    fold(whole, run_variant(variant, o));
  }
  if (whole.verdict.empty()) whole.verdict = "skip", whole.note = "no variant was asked for";
  return whole;
}

struct lab::impl {
  fixture::scenario sc;
  std::array<rstlab::code, 2> code;
};

lab::lab(const std::string& fixture_text, std::string name) : impl_(std::make_unique<impl>()) {
  impl_->sc = load([&] { return fixture::load_text(fixture_text, name, cases::specs()); });
}

lab::~lab() = default;
lab::lab(lab&&) noexcept = default;
lab& lab::operator=(lab&&) noexcept = default;

lab& lab::code(side s, rstlab::code fn) {
  impl_->code[s == side::client ? 0 : 1] = std::move(fn);
  return *this;
}

result lab::run(int family, double timeout_scale) {
  auto f = family == 6 ? core::family::v6 : core::family::v4;
  auto variant = fixture::variant_of(impl_->sc, f, impl_->sc.pinned_loopback.value_or(false));
  auto o = options_for(timeout_scale);
  for (std::size_t h = 0; h < 2; ++h)
    if (impl_->code[h]) o.engine.code[h] = adapt(impl_->code[h]);
  result whole;
  fold(whole, run_variant(variant, o));
  return whole;
}

}  // namespace rstlab
