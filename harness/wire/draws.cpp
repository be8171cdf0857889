#include "harness/wire/draws.hpp"

namespace rstlab::wire {
namespace {

// SplitMix64's finaliser (Steele, Lea, Flood 2014): every input bit reaches every output bit,
// so neighbouring inputs (match 1, 2, 3; seed 1, 2) give unrelated outputs.
std::uint64_t mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15u;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

// FNV-1a, 64 bits: the case's name as a number.
std::uint64_t name_hash(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
  return h;
}

}  // namespace

std::uint64_t draw_key(std::uint64_t seed, std::string_view case_name) {
  return mix(seed ^ mix(name_hash(case_name)));
}

double draw(std::uint64_t key, std::size_t rule, std::uint32_t match) {
  auto bits = mix(key ^ mix(std::uint64_t{rule} << 32 | match));
  return static_cast<double>(bits >> 11) * 0x1p-53;  // the top 53 bits: exact in a double
}

}  // namespace rstlab::wire
