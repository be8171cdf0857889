#!/usr/bin/env bash
# Installs the build into a scratch prefix, then builds and tests a consumer project against
# it: find_package(rstlab), rstlab_add_fixtures() registering one ctest test per fixture (a
# skip reported as a skip), the installed binary's default suite being the installed fixtures,
# and the man page in place. usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
tmp=$(mktemp -d /tmp/rstlab-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
[[ -x $tmp/prefix/bin/rstlab ]] || fail "no bin/rstlab installed"
[[ -f $tmp/prefix/share/man/man1/rstlab.1 ]] || fail "no man page installed"
[[ -f $tmp/prefix/include/rstlab/rstlab.hpp ]] || fail "no C++ API header installed"
listed=$("$tmp/prefix/bin/rstlab" list | grep -c "$tmp/prefix/share/rstlab/fixtures/" || true)
bundled=$(find "$source/fixtures" -name '*.toml' | wc -l)
[[ $listed -eq $bundled ]] || fail "the installed rstlab lists $listed installed fixtures, not $bundled"
for program in naive-server robust-server retry-client once-client; do
  [[ -x $tmp/prefix/libexec/rstlab/examples/$program ]] || fail "no example program $program installed"
done
"$tmp/prefix/bin/rstlab" run --family 4 "$tmp/prefix/share/rstlab/fixtures/examples" >"$tmp/examples.log" \
  || { cat "$tmp/examples.log"; fail "the installed example fixtures do not pass with the installed programs"; }

# The user's project: two fixtures at the top of its folder, one in a subfolder.
project=$tmp/project
mkdir -p "$project/fixtures/mine"
cp "$source/tests/consumer/CMakeLists.txt" "$source/tests/consumer/api_check.cpp" "$project/"
cp "$source"/fixtures/refused/connect-no-listener.toml "$source"/fixtures/linger/*.toml "$project/fixtures/"
cp "$source/fixtures/fin-vs-rst/read-after-rst.toml" "$project/fixtures/mine/"
cmake -S "$project" -B "$tmp/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/configure.log" || { cat "$tmp/configure.log"; fail "configure"; }
cmake --build "$tmp/consumer" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "the consumer does not build against the installed C++ API"; }
ctest --test-dir "$tmp/consumer" -N -L mine >"$tmp/listed.log"
tests=$(find "$project/fixtures" -name '*.toml' | wc -l)
grep -q "Total Tests: $tests\$" "$tmp/listed.log" || { cat "$tmp/listed.log"; fail "expected $tests tests labelled mine"; }
grep -q "rstlab/mine/read-after-rst" "$tmp/listed.log" || fail "test names are not rstlab/<relative path>"
ctest --test-dir "$tmp/consumer" --output-on-failure >"$tmp/run.log" || { cat "$tmp/run.log"; fail "the consumer's tests failed"; }
grep -q "100% tests passed" "$tmp/run.log" || { cat "$tmp/run.log"; fail "not every test passed"; }
grep -q "api_check .*Passed" "$tmp/run.log" || { cat "$tmp/run.log"; fail "the C++ API program did not pass"; }

# Where no sandbox can be built, each test is a skip, not a pass.
cmake -S "$project" -B "$tmp/skipping" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  "-DEXTRA_ARGS=--tun-device;/nonexistent/tun" -DWITH_API=OFF >/dev/null
ctest --test-dir "$tmp/skipping" >"$tmp/skip.log" 2>&1 || true
grep -q "tests passed, 0 tests failed out of $tests" "$tmp/skip.log" && grep -q "Not Run\|Skipped" "$tmp/skip.log" \
  || { cat "$tmp/skip.log"; fail "without a sandbox the tests are not reported skipped"; }
echo "install_test: installed, found, $tests fixtures registered and passed, skips reported as skips, the C++ API built against and run"
