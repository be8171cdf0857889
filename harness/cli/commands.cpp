#include "harness/cli/commands.hpp"

#include <fnmatch.h>

#include <optional>

#include "cases/action.hpp"
#include "harness/cli/runner.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/report/console.hpp"
#include "harness/report/junit.hpp"
#include "harness/report/text.hpp"
#include "harness/sandbox/netns.hpp"
#include "harness/wire/ladder.hpp"

namespace rstlab::cli {
namespace {

std::vector<std::string> paths_or_bundled(const settings& s) {
  if (!s.paths.empty()) return s.paths;
  return {RSTLAB_FIXTURE_DIR};
}

// Every fixture, loaded; nullopt (after printing each error) when any fails to load.
std::optional<std::vector<fixture::scenario>> load_all(const std::vector<std::string>& paths,
                                                       std::ostream& err) {
  std::vector<fixture::scenario> out;
  bool ok = true;
  try {
    for (const auto& file : fixture::collect(paths)) {
      try {
        out.push_back(fixture::load_file(file, cases::specs()));
      } catch (const fixture::load_error& e) {
        err << e.what() << "\n";
        ok = false;
      }
    }
  } catch (const fixture::load_error& e) {
    err << e.what() << "\n";
    return std::nullopt;
  }
  if (ok && out.empty()) err << "rstlab: no fixtures found (give fixture files or folders)\n";
  return ok && !out.empty() ? std::optional(std::move(out)) : std::nullopt;
}

bool selected(const fixture::scenario& sc, const std::string& filter) {
  return filter.empty() || fnmatch(filter.c_str(), sc.name.c_str(), 0) == 0 ||
         fnmatch(filter.c_str(), sc.file.c_str(), 0) == 0;
}

std::optional<std::vector<fixture::scenario>> load_selected(const settings& s, std::ostream& err) {
  auto all = load_all(paths_or_bundled(s), err);
  if (!all) return std::nullopt;
  std::vector<fixture::scenario> out;
  for (auto& sc : *all)
    if (selected(sc, s.filter)) out.push_back(std::move(sc));
  if (out.empty()) err << "rstlab: no fixture matches --filter '" << s.filter << "'\n";
  return out.empty() ? std::nullopt : std::optional(std::move(out));
}

int exit_status(const report::summary& sum) {
  if (sum.failed > 0) return exit_failed;
  return sum.skipped > 0 ? exit_skipped : exit_passed;
}

runner_options runner_settings(const settings& s) {
  return {engine::options{s.timeout_scale, sandbox::options{s.tun_node}}};
}

}  // namespace

int run(const settings& s, std::ostream& out, std::ostream& err) {
  auto scenarios = load_selected(s, err);
  if (!scenarios) return exit_usage;
  report::console con{out, s.verbose};
  std::optional<report::junit> xml;
  std::vector<report::listener*> listeners{&con};
  try {
    if (!s.junit.empty()) listeners.push_back(&xml.emplace(s.junit));
    return exit_status(run_all(*scenarios, runner_settings(s), listeners));
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
  for (const auto& sc : *scenarios) out << sc.name << "\n    " << sc.file << "\n    " << sc.summary << "\n";
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
  auto r = run_one(scenarios->front(), runner_settings(s));
  print_explanation(r, out);
  return r.outcome == expect::verdict::pass ? exit_passed
         : r.outcome == expect::verdict::skip ? exit_skipped
                                              : exit_failed;
}

}  // namespace rstlab::cli
