#!/usr/bin/env bash
# Benchmark (issue 12): reading a realm's 500 users (the runbook profile) with the per-user reader Ferry had before
# (4 requests per user, one at a time) against RealmReader (realm-wide lookups, credentials a few at a time),
# interleaved A B A B for PAIRS rounds (median, min, max), then the Admin API requests each makes (through a counting
# proxy) and the heap each holds while the users stream. Run by hand; the figures go in RESULTS.md next to this file.
#   tests/bench/keycloak-read/keycloak-read.sh [PAIRS]        (default 3)
# FERRY_BENCH_KEYCLOAK_URL=http://127.0.0.1:PORT (admin user admin/admin) uses a running Keycloak 26.4 instead of
# starting the harness's stores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
PAIRS="${1:-3}"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# shellcheck source=tests/bench/lib.sh
. tests/bench/lib.sh
ferry_bench_build "$CP_FILE"
ferry_bench_java tests/target "$CP_FILE" dev.ferry.tests.e2e.keycloak.KeycloakReadBenchmark -Xmx1g -- "$PAIRS"
