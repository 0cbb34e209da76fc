#!/usr/bin/env bash
# Benchmark (issue 4): ferry-export of the runbook profile's objects vs. the two-step pipeline an operator would
# otherwise run (mirror the objects to disk with the MinIO client, then tar | gpg --sign --encrypt -z0), measured in
# the same run against the same harness stores. Run by hand from the repository root; figures go in the issue note.
#   exporter/bench/export-vs-mirror.sh [OBJECT_BYTES]        (default 2147483648 = 2 GiB)
# Every timed step is a child process under /usr/bin/time after `sync; sleep 5`; the output prints wall time, CPU-seconds
# (user+sys) of each side and of the harness JVM serving S3 meanwhile, and Ferry's peak heap (from its GC log).
# Optional environment:
#   FERRY_HARNESS_KEYCLOAK_START_SECONDS=600   give the harness Keycloaks longer to start on a busy machine
#   FERRY_BENCH_BASELINE_JAR=/path/ferry-export.jar   also time an earlier exporter first (before/after, same stores)
#   FERRY_BENCH_JVM_OPTS='-XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile'   profile the ferry runs
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES="${1:-2147483648}"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# One reactor invocation, so the exporter/importer jars resolve; the tests module runs last and writes CP_FILE last.
mvn -B -q -o -pl tests -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
java -Xmx2g \
  -Dferry.harness.keycloakStartSeconds="${FERRY_HARNESS_KEYCLOAK_START_SECONDS:-150}" \
  -Dferry.exporter.jar="$PWD/exporter/target/ferry-export.jar" \
  -Dferry.keycloak.dist="$PWD/tests/target/keycloak-dist/keycloak-quarkus-dist-26.4.0.zip" \
  -cp "tests/target/test-classes:tests/target/classes:$(cat "$CP_FILE")" \
  dev.ferry.tests.e2e.export.ExportBenchmark "$BYTES"
