#!/usr/bin/env bash
# Benchmark (issue 12): the freeze load and validate of an older importer jar against this build's, on one Target,
# interleaved (see tests/src/test/java/dev/ferry/tests/e2e/load/FreezeRounds.java). Run by hand from anywhere:
#   FERRY_BENCH_BASELINE_IMPORT_JAR=/path/old/ferry-import.jar tests/bench/freeze-rounds.sh [OBJECT_BYTES] [ROUNDS]
# (defaults: 268435456 = 256 MiB, 6 rounds: three loads by each jar, six validates by each).
# FERRY_BENCH_STORES (default postgres,openfga,objects) chooses the stores the bundles carry; FERRY_BENCH_KEEP=1 keeps
# the work directory. The jars are copied first, so a build during the run does not change them.
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES="${1:-268435456}"
ROUNDS="${2:-6}"
BASELINE="${FERRY_BENCH_BASELINE_IMPORT_JAR:?name the older ferry-import.jar in FERRY_BENCH_BASELINE_IMPORT_JAR}"
JARS="$(mktemp -d)"
CP_FILE="$JARS/classpath"
trap 'rm -rf "$JARS"' EXIT
# shellcheck source=tests/bench/lib.sh
. tests/bench/lib.sh
ferry_bench_build "$CP_FILE"
cp exporter/target/ferry-export.jar importer/target/ferry-import.jar "$JARS/"
cp "$BASELINE" "$JARS/baseline-import.jar"
cp -r tests/target/test-classes "$JARS/test-classes"
cp -r tests/target/classes "$JARS/classes"
ferry_bench_java "$JARS" "$CP_FILE" dev.ferry.tests.e2e.load.FreezeRounds \
  -Dferry.exporter.jar="$JARS/ferry-export.jar" \
  -Dferry.importer.jar="$JARS/ferry-import.jar" \
  -Dferry.bench.baselineImportJar="$JARS/baseline-import.jar" \
  -Dferry.bench.stores="${FERRY_BENCH_STORES:-postgres,openfga,objects}" \
  -- "$BYTES" "$ROUNDS"
