#!/usr/bin/env bash
# Benchmark (issue 12): the freeze pass against the full pass, in one run, on the runbook profile with OBJECT_BYTES of
# objects (the 2 GiB bench deployment of importer/bench/load-vs-gpg.sh). The full pass: ferry-export run --live,
# ferry-import verify (with the key) and load. Then about 2% of the objects rewritten and 1% deleted on the Source.
# The freeze pass: ferry-export run --since, verify, load and validate. Then the freeze bundle's verify against
# gpg --decrypt of the same parts, interleaved (A B A B ..., PAIRS rounds; median, min, max).
# Run by hand from anywhere; the figures go in tests/bench/RESULTS.md and the issue note.
#   tests/bench/freeze-vs-full.sh [OBJECT_BYTES] [PAIRS]        (defaults: 2147483648 = 2 GiB, 3)
# FERRY_BENCH_BASELINE_IMPORT_JAR=/path/ferry-import.jar (e.g. built from an older commit) adds that jar's verify to
# the interleaved rounds, on the freeze bundle and on the full bundle. FERRY_BENCH_KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES="${1:-2147483648}"
PAIRS="${2:-3}"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# shellcheck source=tests/bench/lib.sh
. tests/bench/lib.sh
ferry_bench_build "$CP_FILE"
ferry_bench_java tests/target "$CP_FILE" dev.ferry.tests.e2e.load.FreezeBenchmark \
  -Dferry.exporter.jar="$PWD/exporter/target/ferry-export.jar" \
  -Dferry.importer.jar="$PWD/importer/target/ferry-import.jar" \
  -Dferry.bench.baselineImportJar="${FERRY_BENCH_BASELINE_IMPORT_JAR:-}" \
  -- "$BYTES" "$PAIRS"
