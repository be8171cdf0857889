#include "harness/report/json_wire.hpp"

#include "harness/report/json_object.hpp"

namespace rstlab::report {
namespace {

using json_text::object;

// The rule behind a fate other than forwarded: its index in the fixture and its id.
std::string rule_of(const expect::case_result& r, const wire::segment& s) {
  if (!s.rule) return "null";
  const auto& rules = r.sc->wire_rules;
  auto id = *s.rule < rules.size() ? rules[*s.rule].id : "";
  return object().number("index", static_cast<std::int64_t>(*s.rule)).text_or_null("id", id).str();
}

std::string icmp_of(const wire::segment& s) {
  if (!s.icmp_code) return "null";
  return object()
      .number("code", *s.icmp_code)
      .text("name", wire::unreachable_name(s.src.fam, *s.icmp_code))
      .str();
}

std::string segment(const expect::case_result& r, const wire::segment& s) {
  return object()
      .number("at_us", s.at.count())
      .text("sender", core::host_name(wire::sender(s.dir)))
      .text("direction", s.dir == wire::direction::to_server ? "to_server" : "to_client")
      .text("src", s.src.text())
      .number("sport", s.sport)
      .text("dst", s.dst.text())
      .number("dport", s.dport)
      .text("flags", wire::flags_text(s.flags))
      .number("seq", s.seq)
      .number("ack", s.ack)
      .number("window", s.window)
      .number("length", s.payload)
      .text("fate", core::fate_names[static_cast<std::size_t>(s.what)])
      .raw("rule", rule_of(r, s))
      .raw("icmp", icmp_of(s))
      .str();
}

template <class Entries>
std::string per_host(Entries entries) {
  object hosts;
  for (auto h : core::hosts)
    hosts.raw(core::host_name(h), entries(h));
  return hosts.str();
}

}  // namespace

std::string json_trace(const expect::case_result& r) {
  std::vector<std::string> out;
  for (const auto& s : r.record.trace)
    out.push_back(segment(r, s));
  return json_text::array(out);
}

std::string json_counters(const expect::case_result& r) {
  return per_host([&](core::host h) {
    object moved;
    const auto& asserted = r.sc->counters[core::index(h)];
    for (const auto& [name, delta] : r.record.counters[core::index(h)])
      if (delta != 0 || asserted.contains(name)) moved.number(name, delta);
    return moved.str();
  });
}

std::string json_settings(const expect::case_result& r) {
  return per_host([&](core::host h) {
    object settings;
    for (const auto& [name, value] : r.record.settings[core::index(h)])
      settings.text(name, value);
    return settings.str();
  });
}

}  // namespace rstlab::report
