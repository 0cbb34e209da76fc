#!/usr/bin/env bash
# Benchmark (issue 4): ferry-export of the runbook profile's objects vs. the two-step pipeline an operator would
# otherwise run (mirror the objects to disk with the MinIO client, then tar | gpg --sign --encrypt -z0), measured in
# the same run against the same harness stores. Run by hand from the repository root; figures go in the issue note.
#   exporter/bench/export-vs-mirror.sh [OBJECT_BYTES]        (default 2147483648 = 2 GiB)
set -euo pipefail
cd "$(dirname "$0")/../.."
BYTES="${1:-2147483648}"
mvn -B -q -o -pl tests -am package -DskipTests
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -o -pl tests dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
java -Xmx2g \
  -Dferry.exporter.jar="$PWD/exporter/target/ferry-export.jar" \
  -Dferry.keycloak.dist="$PWD/tests/target/keycloak-dist/keycloak-quarkus-dist-26.4.0.zip" \
  -cp "tests/target/test-classes:tests/target/classes:$(cat "$CP_FILE")" \
  dev.ferry.tests.e2e.export.ExportBenchmark "$BYTES"
