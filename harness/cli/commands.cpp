#include "harness/cli/commands.hpp"

#include <fnmatch.h>

#include <filesystem>
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <variant>

#include "cases/action.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/fixture/programs.hpp"
#include "harness/fixture/suite.hpp"
#include "harness/fixture/variants.hpp"
#include "harness/report/console.hpp"
#include "harness/report/files.hpp"
#include "harness/report/explain.hpp"
#include "harness/report/live.hpp"
#include "harness/runner/capture.hpp"
#include "harness/runner/runner.hpp"
#include "harness/runner/shard.hpp"

namespace rstlab::cli {
namespace {

// A folder an installed binary finds at `installed` from its own (share/rstlab/fixtures,
// libexec/rstlab/examples), else the one of the tree it was built from.
std::string installed_or_built(const char* installed, const char* built) {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto there = (exe.parent_path() / installed).lexically_normal();
    if (std::filesystem::is_directory(there, ec)) return there.string();
  }
  return built;
}

// The bundled fixtures, and the example programs they run.
std::string bundled_fixtures() {
  return installed_or_built(RSTLAB_INSTALLED_FIXTURES, RSTLAB_FIXTURE_DIR);
}

std::string bundled_programs() {
  return installed_or_built(RSTLAB_INSTALLED_PROGRAMS, RSTLAB_PROGRAM_DIR);
}

std::vector<std::string> paths_or_bundled(const settings& s) {
  if (!s.paths.empty()) return s.paths;
  return {bundled_fixtures()};
}

// Every fixture, loaded; nullopt (after printing every problem of every file, two fixtures
// with one name among them) when any fails to load.
std::optional<std::vector<fixture::scenario>> load_all(const std::vector<std::string>& paths,
                                                       std::ostream& err) {
  auto run = fixture::load_run(paths, cases::specs());
  if (!run.ok()) {
    err << run.text() << "\n";
    return std::nullopt;
  }
  if (run.scenarios.empty()) {
    err << "rstlab: no fixtures found (give fixture files or folders)\n";
    return std::nullopt;
  }
  return std::move(run.scenarios);
}

// --filter: a glob on the fixture's name, its path as found, or its path relative to the
// working directory (`refused/*` from inside fixtures/); --tag: any of the fixture's tags.
bool selected(const fixture::scenario& sc, const settings& s) {
  auto matches = [&](const std::string& text) { return fnmatch(s.filter.c_str(), text.c_str(), 0) == 0; };
  auto here = [&] {
    return std::filesystem::path(sc.file).lexically_relative(std::filesystem::current_path()).string();
  };
  bool named = s.filter.empty() || matches(sc.name) || matches(sc.file) || matches(here());
  bool tagged = s.tags.empty() || std::any_of(s.tags.begin(), s.tags.end(), [&](const auto& t) {
                  return std::find(sc.tags.begin(), sc.tags.end(), t) != sc.tags.end();
                });
  return named && tagged;
}

std::string selection(const settings& s) {
  std::string text;
  if (!s.filter.empty()) text = "--filter '" + s.filter + "'";
  for (const auto& t : s.tags) text += (text.empty() ? "--tag " : ", --tag ") + t;
  return text;
}

std::optional<std::vector<fixture::scenario>> load_selected(const settings& s, std::ostream& err) {
  auto all = load_all(paths_or_bundled(s), err);
  if (!all) return std::nullopt;
  std::vector<fixture::scenario> out;
  for (auto& sc : *all)
    if (selected(sc, s)) out.push_back(std::move(sc));
  if (out.empty()) err << "rstlab: no fixture matches " << selection(s) << "\n";
  return out.empty() ? std::nullopt : std::optional(std::move(out));
}

// The cases to run: the variants of the selected fixtures over what --family and --topology
// ask, planned without keeping the fixtures (fixture/suite.hpp); nullopt (after saying why)
// when a fixture does not load or no case is left.
std::optional<fixture::suite> planned_cases(const settings& s, std::ostream& err) {
  std::size_t loaded = 0, kept = 0;
  auto keep = [&](const fixture::scenario& sc) {
    ++loaded;
    if (!selected(sc, s)) return false;
    ++kept;
    return true;
  };
  auto run = fixture::planned_run::plan(paths_or_bundled(s), cases::specs(), keep,
                                        *fixture::parse_families(s.family),
                                        *fixture::parse_topologies(s.topology));
  if (!run.ok()) {
    err << run.text() << "\n";
    return std::nullopt;
  }
  if (loaded == 0) err << "rstlab: no fixtures found (give fixture files or folders)\n";
  else if (kept == 0) err << "rstlab: no fixture matches " << selection(s) << "\n";
  else if (run.cases.size() == 0)
    err << "rstlab: no fixture selected runs over --family " << s.family << " in --topology "
        << s.topology << "\n";
  if (run.cases.size() == 0) return std::nullopt;
  return std::move(run.cases);
}

int exit_status(const report::summary& sum) {
  if (sum.errors > 0) return exit_error;
  if (sum.failed > 0) return exit_failed;
  return sum.skipped > 0 ? exit_skipped : exit_passed;
}

int exit_status(expect::verdict v) {
  switch (v) {
    case expect::verdict::pass: return exit_passed;
    case expect::verdict::flaky: return exit_passed;
    case expect::verdict::fail: return exit_failed;
    case expect::verdict::error: return exit_error;
    case expect::verdict::skip: return exit_skipped;
  }
  return exit_error;
}

runner::options runner_settings(const settings& s, bool capture_settings = false) {
  runner::options o;
  o.engine.timeout_scale = s.timeout_scale;
  o.engine.capture_settings = capture_settings;
  o.engine.all_counters = capture_settings;  // explain shows every counter that moved
  o.engine.sandbox.tun_node = s.tun_node;
  o.engine.seed = s.seed;
  o.repeat = s.repeat;
  o.jobs = s.jobs;
  o.rerun_failures = s.rerun_failures;
  o.pcap_dir = s.pcap;
  o.require_sandbox = s.require_sandbox;
  return o;
}

// The capture folder is made and tried before any case runs: a run that cannot keep what it
// was asked to keep does not start.
bool capture_dir_ready(const settings& s, std::ostream& err) {
  if (s.pcap.empty()) return true;
  auto why = runner::capture_dir_problem(s.pcap);
  if (!why.empty()) err << "rstlab: --pcap: " << why << "\n";
  return why.empty();
}

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string>(value) : std::nullopt;
}

// Keeps this shard's cases (runner/shard.hpp), saying so; false (after saying why) when the
// shard asked for makes no sense. Bazel learns from its status file that sharding is honoured.
bool keep_shard(const settings& s, fixture::suite& cases, std::ostream& err) {
  auto found = runner::find_shard(s.shard, environment);
  if (auto* why = std::get_if<std::string>(&found)) {
    err << "rstlab: " << *why << "\n";
    return false;
  }
  auto sh = std::get<std::optional<runner::shard>>(found);
  if (!sh) return true;
  auto all = cases.size();
  cases.keep([&](std::size_t i) { return sh->holds(i); });
  err << "rstlab: shard " << sh->index << "/" << sh->total << " (" << sh->source << "): "
      << cases.size() << " of " << all << " cases\n";
  if (auto status = environment("TEST_SHARD_STATUS_FILE")) std::ofstream{*status};
  return true;
}

// Under `bazel test` the environment says where reports go: the JUnit report to
// XML_OUTPUT_FILE and the captures under TEST_UNDECLARED_OUTPUTS_DIR/pcaps, unless the flags
// say otherwise.
settings with_test_environment(settings s) {
  if (auto xml = environment("XML_OUTPUT_FILE"); xml && s.junit.empty()) s.junit = *xml;
  if (auto dir = environment("TEST_UNDECLARED_OUTPUTS_DIR"); dir && s.pcap.empty())
    s.pcap = *dir + "/pcaps";
  return s;
}

// A run in which the harness failed, or found no sandbox, did not test the code: where the
// environment names TEST_INFRASTRUCTURE_FAILURE_FILE, the file says so (Bazel then reports
// an infrastructure failure instead of a failing test).
void tell_infrastructure(const report::summary& sum) {
  auto path = environment("TEST_INFRASTRUCTURE_FAILURE_FILE");
  if (!path || (sum.errors == 0 && sum.skipped == 0)) return;
  std::ofstream{*path} << "rstlab: " << sum.errors << " case(s) ended in a harness error and "
                       << sum.skipped << " were skipped (no sandbox here)\n";
}

}  // namespace

int run(const settings& given, std::ostream& out, std::ostream& err) {
  auto s = with_test_environment(given);
  auto cases = planned_cases(s, err);
  if (!cases || !keep_shard(s, *cases, err) || !capture_dir_ready(s, err)) return exit_usage;
  report::console con{out, s.verbose,
                      report::colour_wanted(s.stdout_is_terminal, std::getenv("NO_COLOR"),
                                            std::getenv("TERM"))};
  // On a terminal the console's lines go through the live progress line, which they erase.
  std::optional<report::live_console> live;
  if (report::progress_wanted(s.stdout_is_terminal, std::getenv("TERM")))
    live.emplace(out, con, s.terminal_width);
  std::optional<report::report_files> files;
  std::vector<report::listener*> listeners{live ? static_cast<report::listener*>(&*live) : &con};
  auto o = runner_settings(s);
  o.watcher = live ? &*live : nullptr;
  try {
    files.emplace(report::file_paths{s.junit, s.tap, s.json, s.html},
                  report::suite_layout(paths_or_bundled(s), std::filesystem::current_path()));
    if (!files->empty()) listeners.push_back(&*files);
    auto sum = runner::run_all(*cases, o, listeners);
    tell_infrastructure(sum);
    return exit_status(sum);
  } catch (const std::exception& e) {
    err << "rstlab: " << e.what() << "\n";
    return exit_usage;
  }
}

int check(const settings& s, std::ostream& out, std::ostream& err) {
  if (s.paths.empty()) {
    err << "rstlab: check needs fixture files or folders\n";
    return exit_usage;
  }
  auto scenarios = load_all(s.paths, err);
  if (!scenarios) return exit_usage;
  for (const auto& sc : *scenarios) out << "ok    " << sc.file << "\n";
  return exit_passed;
}

int list(const settings& s, std::ostream& out, std::ostream& err) {
  auto scenarios = load_selected(s, err);
  if (!scenarios) return exit_usage;
  for (const auto& sc : *scenarios) {
    out << sc.name << "\n    " << sc.file << "\n    " << sc.summary << "\n";
    if (!sc.tags.empty()) {
      out << "    tags:";
      for (const auto& t : sc.tags) out << " " << t;
      out << "\n";
    }
  }
  return exit_passed;
}

int explain(const settings& s, std::ostream& out, std::ostream& err) {
  if (s.paths.size() != 1) {
    err << "rstlab: explain takes exactly one fixture file\n";
    return exit_usage;
  }
  auto scenarios = load_all(s.paths, err);
  if (!scenarios) return exit_usage;
  if (scenarios->size() != 1) {
    err << "rstlab: explain takes exactly one fixture file, found " << scenarios->size() << "\n";
    return exit_usage;
  }
  if (!capture_dir_ready(s, err)) return exit_usage;
  auto o = runner_settings(s, true);
  auto variants = fixture::variants(*scenarios, *fixture::parse_families(s.family),
                                   *fixture::parse_topologies(s.topology));
  if (variants.empty()) {
    err << "rstlab: " << scenarios->front().file << " does not run over --family " << s.family
        << " in --topology " << s.topology << "\n";
    return exit_usage;
  }
  const auto& sc = variants.front();  // one variant: the pinned family, else the first asked
  auto r = runner::run_alone(sc, o);
  report::print_explanation(r, out);
  return exit_status(r.outcome);
}

void use_program_path(const settings& s) {
  auto dirs = s.program_path;
  if (const char* env = std::getenv("RSTLAB_PROGRAM_PATH"))
    for (auto& d : fixture::split_path_list(env)) dirs.push_back(std::move(d));
  dirs.push_back(bundled_programs());
  fixture::set_program_dirs(std::move(dirs));
}

}  // namespace rstlab::cli
