#!/usr/bin/env bash
# Benchmark (issue 5): ferry-import load of the runbook profile vs. the by-hand pipeline an operator would otherwise
# run over the same bundle (gpg --decrypt | zstd -d | tar -x of every part, then an upload of the extracted objects
# with the MinIO client), measured in the same run against the same kind of stores. Run by hand from anywhere;
# figures go in importer/bench/RESULTS.md and the issue note.
#   importer/bench/load-vs-gpg.sh [OBJECT_BYTES]        (default 2147483648 = 2 GiB)
# Set FERRY_HARNESS_KEYCLOAK_START_SECONDS=600 to give the harness Keycloaks longer to start on a busy machine,
# FERRY_BENCH_KEEP=1 to keep the work directory (bundle, extracted files, logs, Ferry's GC log), and
# FERRY_BENCH_FERRY_OPTS to add JVM options to ferry-import only (e.g. -XX:StartFlightRecording=filename=/tmp/load.jfr;
# in the pairs mode "{name}" stands for the run, e.g. old-1),
# FERRY_BENCH_IMPORT_JAR to measure another ferry-import jar (e.g. one built from an older commit) on the same run,
# FERRY_BENCH_PAIRS=n with FERRY_BENCH_BASELINE_IMPORT_JAR to time that older jar and this one interleaved, n pairs,
# instead of the peer (importer/bench/ab-load.sh), FERRY_BENCH_EXPORT_JAR to export the bundle with another ferry-export jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES="${1:-2147483648}"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# One reactor invocation, so the exporter/importer jars resolve; the tests module runs last and writes CP_FILE last.
mvn -B -q -o -pl tests -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
KEEP=()
if [ -n "${FERRY_BENCH_KEEP:-}" ]; then KEEP=(-Dferry.bench.keep=true); fi
java -Xmx2g "${KEEP[@]}" -Dferry.bench.ferryJvmOptions="${FERRY_BENCH_FERRY_OPTS:-}" \
  -Dferry.harness.keycloakStartSeconds="${FERRY_HARNESS_KEYCLOAK_START_SECONDS:-150}" \
  -Dferry.bench.pairs="${FERRY_BENCH_PAIRS:-0}" -Dferry.bench.baselineImporterJar="${FERRY_BENCH_BASELINE_IMPORT_JAR:-}" \
  -Dferry.exporter.jar="${FERRY_BENCH_EXPORT_JAR:-$PWD/exporter/target/ferry-export.jar}" \
  -Dferry.importer.jar="${FERRY_BENCH_IMPORT_JAR:-$PWD/importer/target/ferry-import.jar}" \
  -Dferry.keycloak.dist="$PWD/tests/target/keycloak-dist/keycloak-quarkus-dist-26.4.0.zip" \
  -cp "tests/target/test-classes:tests/target/classes:$(cat "$CP_FILE")" \
  dev.ferry.tests.e2e.load.LoadBenchmark "$BYTES"
