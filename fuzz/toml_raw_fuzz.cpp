// The parser alone, without the loader's pre-scan: what toml++ 3.3.0 does with raw bytes. Kept
// to show that the inputs the pre-scan refuses do reach undefined behaviour inside the parser
// (ci/fuzz runs it on such inputs and expects UBSan to stop it), not to be fuzzed for long.
#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto root = toml::parse(text);
  } catch (const toml::parse_error&) {
  }
  return 0;
}
