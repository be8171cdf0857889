#include "harness/engine/programs.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace rstlab::engine {

fixture::placeholder_values placeholders_of(const fixture::scenario& sc,
                                            const sandbox::sandbox& sb) {
  auto parent = std::filesystem::path(sc.file).parent_path();
  std::error_code ec;
  auto dir = std::filesystem::absolute(parent.empty() ? "." : parent, ec);
  return {{"server_addr", sb.address(fixture::host::server).text()},
          {"client_addr", sb.address(fixture::host::client).text()},
          {"server_port", std::to_string(sc.port)},
          {"family", sc.family == core::family::v4 ? "4" : "6"},
          {"fixture_dir", dir.lexically_normal().string()}};
}

bool with_programs(const fixture::scenario& sc) {
  return std::any_of(sc.programs.begin(), sc.programs.end(),
                     [](const auto& p) { return bool(p); });
}

namespace {

std::vector<std::string> environment(const fixture::program& p,
                                     const fixture::placeholder_values& values) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    auto name = entry.substr(0, entry.find('='));
    bool replaced = std::any_of(p.env.begin(), p.env.end(),
                                [&](const auto& kv) { return kv.first == name; });
    if (!replaced) env.emplace_back(entry);
  }
  for (const auto& [name, value] : p.env) env.push_back(name + "=" + fixture::fill(value, values));
  return env;
}

}  // namespace

endpoint::launch launch_of(const fixture::program& p, const fixture::placeholder_values& values) {
  endpoint::launch l;
  l.executable = p.executable;
  l.argv.push_back(p.argv.front());
  for (std::size_t i = 1; i < p.argv.size(); ++i) l.argv.push_back(fixture::fill(p.argv[i], values));
  l.env = environment(p, values);
  l.cwd = p.cwd;
  return l;
}

bool starts_by_step(const fixture::scenario& sc, fixture::host h) {
  return std::any_of(sc.steps.begin(), sc.steps.end(), [&](const fixture::step& s) {
    return !s.on_wire && s.endpoint == h && s.action == "start";
  });
}

std::string start_failure(const fixture::scenario& sc, fixture::host h, int err) {
  const auto& p = *sc.programs[core::index(h)];
  return fixture::located(sc.file, p.pos) + ": the " + fixture::host_name(h) + " program " +
         p.executable + " could not start: " + std::strerror(err);
}

}  // namespace rstlab::engine
