#!/usr/bin/env bash
# Benchmark (issue 13): chapter 2, ferry-import upgrade of the runbook profile (500 users, 10 teams, 1,500 agents,
# 3,000 documents, 64 MiB of objects). Seeds kea once on an embedded Target (as chapter 1 leaves it), then runs the
# upgrade in PAIRS interleaved pairs (default 3): A = objects.concurrency 1, B = CONCURRENCY (default: the upgrade's
# default), A B A B …, each into a fresh swift side, and prints per run and per side as median/min/max the database
# + tuples time, the objects time (server-side copies, each checked by size and SHA-256), the peak heap and the most
# connections to kea's database open at once.
# Run by hand from anywhere; figures go in importer/bench/RESULTS.md and the issue note. Nothing here is asserted.
#   importer/bench/upgrade.sh [PAIRS] [SEED] [CONCURRENCY]
# FERRY_BENCH_HEAP sets the benchmark JVM's -Xmx (default 512m): the upgrade runs in that JVM, beside the harness.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS="${1:-3}"
SEED="${2:-1}"
CONCURRENCY="${3:-4}"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# 'package', never 'install': nothing is written to ~/.m2. The tests module runs last and writes CP_FILE last.
mvn -B -q -o -pl tests -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
java -Xmx"${FERRY_BENCH_HEAP:-512m}" \
  -Dferry.keycloak.dist="$PWD/tests/target/keycloak-dist/keycloak-quarkus-dist-26.4.0.zip" \
  -cp "tests/target/classes:$(cat "$CP_FILE")" \
  dev.ferry.tests.upgrade.UpgradeBenchmark "$PAIRS" "$SEED" "$CONCURRENCY"
