#!/usr/bin/env bash
# Old build against new build, interleaved: seal N GiB of incompressible 64 MiB files, then verify that bundle with the
# decryption key, each with ferry-export.jar / ferry-import.jar and the SealBench of one build, in the order
# old new old new ... (PAIRS pairs), each run after `sync; sleep 5`. Interleaving spreads a noisy machine's load over
# both sides alike. Prints every run and, per side, the median, min and max (archive-format/bench/ab-summary.awk).
# The gpg comparison is seal-vs-gpg.sh's job; this compares two Ferry builds only. Run by hand; never in the tests.
#
# usage: archive-format/bench/ab-seal.sh OLD_ROOT [N_GIB=1] [PAIRS=3] [WORKDIR]
#   OLD_ROOT: a checkout of the baseline, already built with
#             mvn -o -B -q -pl exporter,importer -am package -DskipTests   (never install)
#   The new build is this checkout; it is built here the same way.
set -euo pipefail
OLD=$(cd "${1:?usage: ab-seal.sh OLD_ROOT [N_GIB] [PAIRS] [WORKDIR]}" && pwd)
N_GIB=${2:-1}
PAIRS=${3:-3}
WORK=${4:-$(mktemp -d "${TMPDIR:-/tmp}/ferry-ab-seal.XXXXXX")}
NEW=$(cd "$(dirname "$0")/../.." && pwd)
HEAP=${FERRY_BENCH_HEAP:-256m}
THREADS=${FERRY_BENCH_THREADS:-$(nproc)}
trap 'rm -rf "$WORK"' EXIT

echo "== building the new jars (offline) in $NEW"
(cd "$NEW" && mvn -B -q -o -pl exporter,importer -am package -DskipTests)
for root in "$OLD" "$NEW"; do
  for f in exporter/target/ferry-export.jar importer/target/ferry-import.jar archive-format/target/test-classes/dev/ferry/archive/bench/SealBench.class; do
    [ -f "$root/$f" ] || { echo "missing $root/$f: build that checkout first (package, not install)" >&2; exit 2; }
  done
done
root_of() { if [ "$1" = old ]; then echo "$OLD"; else echo "$NEW"; fi; }
cp_of() { # side, module (exporter|importer): that build's SealBench and runnable jar, as seal-vs-gpg.sh runs them
  local root; root=$(root_of "$1")
  echo "$root/archive-format/target/test-classes:$root/$2/target/ferry-${2%er}.jar"
}
cpu_of() { awk '{printf "%.2f", $1 + $2}' "$1"; }
timed() { # measure, side, command...: prints "AB measure side wall cpu"
  local measure=$1 side=$2; shift 2
  sync; sleep 5
  local t0 t1; t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu" "$@" > "$WORK/$measure-$side.out" \
    || { echo "$measure ($side) failed:" >&2; cat "$WORK/$measure-$side.out" >&2; exit 1; }
  t1=$(date +%s.%N)
  echo "AB $measure $side $(echo "$t1 - $t0" | bc -l | xargs printf %.2f) $(cpu_of "$WORK/cpu")   ($(grep -o 'RESULT.*' "$WORK/$measure-$side.out" | cut -c1-120))"
}

echo "== ${N_GIB} GiB of random data in 64 MiB files, keys from the new build, in $WORK"
mkdir -p "$WORK/files" "$WORK/keys"
for i in $(seq 1 $((N_GIB * 16))); do head -c 64M /dev/urandom > "$WORK/files/f$(printf %04d "$i").bin"; done
java -cp "$(cp_of new exporter)" dev.ferry.archive.bench.SealBench keys "$WORK/keys" > /dev/null
echo "old: $OLD ($(git -C "$OLD" rev-parse --short HEAD))   new: $NEW ($(git -C "$NEW" rev-parse --short HEAD))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for pair in $(seq 1 "$PAIRS"); do
  for side in old new; do
    timed seal "$side" java -Xmx"$HEAP" -cp "$(cp_of "$side" exporter)" dev.ferry.archive.bench.SealBench \
      seal "$WORK/keys" "$WORK/b-$side.ferry" 4G "$THREADS" "$WORK/files" | tee -a "$WORK/ab.txt"
    timed verify "$side" java -Xmx"$HEAP" -cp "$(cp_of "$side" importer)" dev.ferry.archive.bench.SealBench \
      verify "$WORK/keys" "$WORK/b-$side.ferry" | tee -a "$WORK/ab.txt"
    rm -rf "$WORK/b-$side.ferry"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== ${N_GIB} GiB, $PAIRS pairs (old new, interleaved), wall seconds"
awk -f "$NEW/archive-format/bench/ab-summary.awk" "$WORK/ab.txt"
