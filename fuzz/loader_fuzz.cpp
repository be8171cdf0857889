// libFuzzer target: any bytes through fixture::load_text against a representative actions
// table. Besides the sanitizers' reports, it traps when the loader breaks its own promises: a
// load_error whose lines do not name the file or go past the cap, or a loaded scenario with an
// empty expectation or a wait whose index does not point back at a background step.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/actions.hpp"
#include "harness/fixture/loader.hpp"

namespace {

namespace fx = rstlab::fixture;

void check_error(const fx::load_error& e) {
  std::string_view text = e.what();
  std::size_t lines = 0;
  for (std::size_t at = 0;; at = text.find('\n', at) + 1) {
    ++lines;
    if (!text.substr(at).starts_with("fuzz.toml")) __builtin_trap();
    if (text.find('\n', at) == std::string_view::npos) break;
  }
  if (lines > fx::limits::problems_shown + 1 || e.diagnostics().empty()) __builtin_trap();
}

void check_scenario(const fx::scenario& sc) {
  if (sc.steps.empty()) __builtin_trap();
  for (std::size_t i = 0; i < sc.steps.size(); ++i) {
    const auto& s = sc.steps[i];
    if (s.expect.empty()) __builtin_trap();
    if (s.waits_for && (*s.waits_for >= i || !sc.steps[*s.waits_for].background)) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_scenario(fx::load_text(text, "fuzz.toml", rstlab::fuzz::actions()));
  } catch (const fx::load_error& e) {
    check_error(e);
  }
  return 0;
}
