#!/usr/bin/env bash
# Old build against new build, interleaved: ferry-export of the runbook profile's objects from the same harness
# stores, with the baseline's ferry-export.jar and this checkout's, in the order old new old new ... (PAIRS pairs),
# each run after `sync; sleep 5` (export-vs-mirror.sh with FERRY_BENCH_PAIRS; the mirror pipeline is not timed).
# Interleaving spreads a noisy machine's load over both sides alike. Prints every run and, per side, the median, min
# and max (archive-format/bench/ab-summary.awk). Run by hand; never in the tests.
#
# usage: exporter/bench/ab-export.sh OLD_ROOT [OBJECT_BYTES=1073741824] [PAIRS=3]
#   OLD_ROOT: a checkout of the baseline, already built with mvn -o -B -q -pl exporter -am package -DskipTests
#   FERRY_BENCH_NEW_ARGS='--live': options for the new side only, e.g. to skip work the baseline did not do (the
#   freeze guard, which reads the Source again at the end of a pass, came after 66c8b5c)
set -euo pipefail
OLD=$(cd "${1:?usage: ab-export.sh OLD_ROOT [OBJECT_BYTES] [PAIRS]}" && pwd)
BYTES=${2:-1073741824}
PAIRS=${3:-3}
NEW=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$OLD/exporter/target/ferry-export.jar" ] || { echo "missing $OLD/exporter/target/ferry-export.jar: build it first (package, not install)" >&2; exit 2; }
OUT=$(mktemp "${TMPDIR:-/tmp}/ferry-ab-export.XXXXXX")
trap 'rm -f "$OUT"' EXIT
echo "new side's extra options: ${FERRY_BENCH_NEW_ARGS:-none}"
echo "old: $OLD ($(git -C "$OLD" rev-parse --short HEAD))   new: $NEW ($(git -C "$NEW" rev-parse --short HEAD))"
FERRY_BENCH_BASELINE_JAR="$OLD/exporter/target/ferry-export.jar" FERRY_BENCH_PAIRS="$PAIRS" \
  "$NEW/exporter/bench/export-vs-mirror.sh" "$BYTES" | tee "$OUT"
echo "== $BYTES bytes of objects, $PAIRS pairs (old new, interleaved), wall seconds"
awk -f "$NEW/archive-format/bench/ab-summary.awk" "$OUT"
