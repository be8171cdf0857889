#include "harness/report/explain.hpp"

#include "harness/report/text.hpp"
#include "harness/wire/ladder.hpp"

namespace rstlab::report {
namespace {

void print_counters(const expect::run_record& rec, std::ostream& out) {
  out << "\ncounters that moved:\n";
  for (auto h : fixture::hosts)
    for (const auto& [name, moved] : rec.counters[core::index(h)])
      if (moved != 0) out << "  " << fixture::host_name(h) << " " << name << " " << moved << "\n";
}

void print_settings(const fixture::scenario& sc, const expect::run_record& rec, std::ostream& out) {
  for (auto h : fixture::hosts) {
    const auto& settings = rec.settings[core::index(h)];
    if (settings.empty()) continue;
    out << "\nTCP settings of the " << fixture::host_name(h) << " host";
    out << (sc.sysctls[core::index(h)].empty() ? " (all as a new namespace starts):\n"
                                               : " (the fixture set some):\n");
    for (const auto& [name, value] : settings) out << "  " << name << " = " << value << "\n";
  }
}

}  // namespace

void print_explanation(const expect::case_result& r, std::ostream& out) {
  const auto& sc = *r.sc;
  out << sc.name << " (" << sc.file << ")\n  " << sc.summary << "\n";
  for (const auto& ref : sc.refs) out << "  ref: " << ref << "\n";
  out << "\nsteps (line, endpoint, action), each with when it started and how long it took:\n"
      << steps_table(r, true);
  if (auto programs = programs_block(r); !programs.empty()) out << "\n" << programs;
  out << "\nwire:\n" << wire_ladder(r);
  if (!r.capture.empty()) out << "packets: " << r.capture << "\n";
  print_counters(r.record, out);
  print_settings(sc, r.record, out);
  if (!r.mismatches.empty()) out << "\nmismatches:\n" << mismatch_lines(r);
  if (!r.note.empty()) out << "\n" << r.note << "\n";
  if (r.record.seed) out << "\n" << replay_line(r);
  out << "\n" << verdict_word(r.outcome) << "  " << sc.name << "  "
      << milliseconds(r.record.elapsed) << "\n";
}

}  // namespace rstlab::report
