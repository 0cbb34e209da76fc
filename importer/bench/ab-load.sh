#!/usr/bin/env bash
# Old build against new build, interleaved: ferry-import load of one bundle (the runbook profile, all four stores,
# exported once by the baseline's ferry-export) with the baseline's ferry-import.jar and this checkout's, in the
# order old new old new ... (PAIRS pairs), each into a fresh Target of its own after `sync; sleep 5`
# (load-vs-gpg.sh with FERRY_BENCH_PAIRS; the peer is not timed). Interleaving spreads a noisy machine's load over
# both sides alike. Prints every run and, per side, the median, min and max (archive-format/bench/ab-summary.awk).
# Run by hand; never in the tests.
#
# usage: importer/bench/ab-load.sh OLD_ROOT [OBJECT_BYTES=1073741824] [PAIRS=3]
#   OLD_ROOT: a checkout of the baseline, already built with mvn -o -B -q -pl exporter,importer -am package -DskipTests
set -euo pipefail
OLD=$(cd "${1:?usage: ab-load.sh OLD_ROOT [OBJECT_BYTES] [PAIRS]}" && pwd)
BYTES=${2:-1073741824}
PAIRS=${3:-3}
NEW=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$OLD/exporter/target/ferry-export.jar" ] || { echo "missing $OLD/exporter/target/ferry-export.jar: build it first (package, not install)" >&2; exit 2; }
[ -f "$OLD/importer/target/ferry-import.jar" ] || { echo "missing $OLD/importer/target/ferry-import.jar: build it first (package, not install)" >&2; exit 2; }
OUT=$(mktemp "${TMPDIR:-/tmp}/ferry-ab-load.XXXXXX")
trap 'rm -f "$OUT"' EXIT
echo "old: $OLD ($(git -C "$OLD" rev-parse --short HEAD))   new: $NEW ($(git -C "$NEW" rev-parse --short HEAD))"
# The bundle comes from the baseline's exporter: an older importer refuses files a newer exporter adds (66c8b5c
# refuses exporter-state.pgp), while the newer importer reads bundles of older exporters.
FERRY_BENCH_EXPORT_JAR="$OLD/exporter/target/ferry-export.jar" \
FERRY_BENCH_BASELINE_IMPORT_JAR="$OLD/importer/target/ferry-import.jar" FERRY_BENCH_PAIRS="$PAIRS" \
  "$NEW/importer/bench/load-vs-gpg.sh" "$BYTES" | tee "$OUT"
echo "== $BYTES bytes of objects, $PAIRS pairs (old new, interleaved), wall seconds"
awk -f "$NEW/archive-format/bench/ab-summary.awk" "$OUT"
