#!/usr/bin/env bash
# Seal N GiB of incompressible files with Ferry and, in the same run, pipe the same files through
# `tar -c | gpg --sign --encrypt --compress-algo none --cipher-algo AES256`; then a single entry of BIG GiB;
# then Ferry's full verification (with the decryption key) against `gpg --decrypt` of the same bundle.
# Prints throughputs, ratios and Ferry's peak heap (run under -Xmx256m). Run by hand; never part of the test suite.
#
# usage: archive-format/bench/seal-vs-gpg.sh [N_GIB=2] [BIG_GIB=5] [WORKDIR]
set -euo pipefail
N_GIB=${1:-2}
BIG_GIB=${2:-5}
WORK=${3:-$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench.XXXXXX")}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HEAP=${FERRY_BENCH_HEAP:-256m}
THREADS=${FERRY_BENCH_THREADS:-$(nproc)}
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

echo "== building the runnable jars (offline)"
# Ferry runs here as operators run it: from ferry-export.jar and ferry-import.jar, whose bundled libraries carry no
# jar signatures. (On the plain Maven classpath the JVM would also verify BouncyCastle's signed jars: ~0.5 CPU-s.)
(cd "$ROOT" && mvn -B -q -o -pl exporter,importer -am package -DskipTests)
TESTS="$ROOT/archive-format/target/test-classes"
bench_with() { local jar=$1; shift; java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc-$1.log" -cp "$TESTS:$jar" dev.ferry.archive.bench.SealBench "$@"; }
bench() { bench_with "$ROOT/exporter/target/ferry-export.jar" "$@"; }     # keys, seal: the Source side
verify_bench() { bench_with "$ROOT/importer/target/ferry-import.jar" "$@"; } # verify: the Target side
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }
rate() { echo "scale=1; $1 / $2 / 1000000" | bc -l; }

echo "== generating ${N_GIB} GiB in 64 MiB files and one ${BIG_GIB} GiB file of random data in $WORK"
mkdir -p "$WORK/files" "$WORK/big" "$WORK/keys" "$WORK/gnupg"
chmod 700 "$WORK/gnupg"
for i in $(seq 1 $((N_GIB * 16))); do head -c 64M /dev/urandom > "$WORK/files/f$(printf %04d "$i").bin"; done
head -c "${BIG_GIB}G" /dev/urandom > "$WORK/big/big.bin"
FILES_BYTES=$(du -sb "$WORK/files" | cut -f1)
BIG_BYTES=$(stat -c %s "$WORK/big/big.bin")

echo "== keys: Ferry-generated Ed25519 signing key and Cv25519 encryption key, imported into a private GNUPGHOME"
bench keys "$WORK/keys" >/dev/null
export GNUPGHOME="$WORK/gnupg"
gpg -q --batch --import "$WORK/keys/bench-signing.sec.asc" "$WORK/keys/bench-encryption.pub.asc" "$WORK/keys/bench-encryption.sec.asc" 2>/dev/null
FPR_S=$(gpg --with-colons --list-keys "Ferry bench signer" | awk -F: '/^fpr/{print $10; exit}')
FPR_R=$(gpg --with-colons --list-keys "Ferry bench recipient" | awk -F: '/^fpr/{print $10; exit}')

tar_gpg() { # $1 = directory, $2 = output; CPU seconds (user+sys of tar and gpg) go to $WORK/cpu-$3
  local t0 t1; t0=$(now)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu-$3" bash -c "tar -C '$1' -c . | gpg -q --batch --trust-model always --sign --encrypt \
    --compress-algo none --cipher-algo AES256 --digest-algo SHA256 -u $FPR_S -r $FPR_R -o '$2'"
  sync "$2"
  t1=$(now); secs "$t0" "$t1"
}
# Deleting gigabytes (the disk is mounted with 'discard') or leaving dirty pages makes the next run pay for them:
# every timed run starts from a synced, settled disk.
settle() { sync; sleep 5; }
cpu() { awk '{printf "%.1f", $1 + $2}' "$WORK/cpu-$1"; }
ferry_seal() { # $1 = directory, $2 = bundle, $3 = tag
  local t0 t1; t0=$(now)
  bench seal "$WORK/keys" "$2" 4G "$THREADS" "$1" > "$WORK/seal-$3.out"
  t1=$(now); secs "$t0" "$t1"
}

echo "== ${N_GIB} GiB of files"
sync
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
settle
T_GPG=$(tar_gpg "$WORK/files" "$WORK/files.tar.gpg" files)
settle
T_FERRY=$(ferry_seal "$WORK/files" "$WORK/files.ferry" files)
rm -f "$WORK/files.tar.gpg"
printf "tar|gpg  : %6.1f s  %6.1f MB/s   cpuSeconds=%s\n" "$T_GPG" "$(rate "$FILES_BYTES" "$T_GPG")" "$(cpu files)"
printf "ferry    : %6.1f s  %6.1f MB/s   (%s)\n" "$T_FERRY" "$(rate "$FILES_BYTES" "$T_FERRY")" "$(grep RESULT "$WORK/seal-files.out")"
printf "seal ratio ferry/tar|gpg: %.2fx (target >= 2.0x)\n" "$(echo "$T_GPG / $T_FERRY" | bc -l)"

echo "== verify with the decryption key vs gpg --decrypt, same bundle (${N_GIB} GiB)"
cat "$WORK"/files.ferry/*.gpg > /dev/null   # both readers then find the parts in the page cache
settle
t0=$(now)
/usr/bin/time -f "%U %S" -o "$WORK/cpu-decrypt" bash -c "for p in '$WORK'/files.ferry/*.gpg; do gpg -q --batch --decrypt \$p > /dev/null; done"
T_DEC=$(secs "$t0" "$(now)")
settle
t0=$(now)
verify_bench verify "$WORK/keys" "$WORK/files.ferry" > "$WORK/verify.out"
T_VER=$(secs "$t0" "$(now)")
CIPHER=$(du -cb "$WORK"/files.ferry/*.gpg | tail -1 | cut -f1)
printf "gpg --decrypt : %6.1f s  %6.1f MB/s   cpuSeconds=%s\n" "$T_DEC" "$(rate "$CIPHER" "$T_DEC")" "$(cpu decrypt)"
printf "ferry verify  : %6.1f s  %6.1f MB/s   (%s)\n" "$T_VER" "$(rate "$CIPHER" "$T_VER")" "$(grep RESULT "$WORK/verify.out")"
printf "verify ratio ferry/gpg --decrypt: %.2fx (target >= 1.0x)\n" "$(echo "$T_DEC / $T_VER" | bc -l)"
# The crypto that verification cannot skip (3 SHA-256 passes, the MDC's SHA-1, AES), timed in memory after warm-up and
# spread perfectly over the cores: the best any JVM verifier of this format could do here, before I/O, zstd and JIT.
FLOOR=$(verify_bench floor "$CIPHER" "$(nproc)" | grep RESULT)
T_FLOOR=$(echo "$FLOOR" | grep -o ' seconds=[0-9.]*' | cut -d= -f2)
printf "verify floor  : %6.1f s  (%s)\n" "$T_FLOOR" "$FLOOR"
printf "best possible verify ratio at that floor: %.2fx\n" "$(echo "$T_DEC / $T_FLOOR" | bc -l)"
rm -rf "$WORK/files.ferry" "$WORK/files"

echo "== one ${BIG_GIB} GiB entry"
settle
T_GPG_BIG=$(tar_gpg "$WORK/big" "$WORK/big.tar.gpg" big)
settle
T_FERRY_BIG=$(ferry_seal "$WORK/big" "$WORK/big.ferry" big)
rm -f "$WORK/big.tar.gpg"
printf "tar|gpg  : %6.1f s  %6.1f MB/s   cpuSeconds=%s\n" "$T_GPG_BIG" "$(rate "$BIG_BYTES" "$T_GPG_BIG")" "$(cpu big)"
printf "ferry    : %6.1f s  %6.1f MB/s   (%s)\n" "$T_FERRY_BIG" "$(rate "$BIG_BYTES" "$T_FERRY_BIG")" "$(grep RESULT "$WORK/seal-big.out")"
printf "single-entry ratio: %.2fx\n" "$(echo "$T_GPG_BIG / $T_FERRY_BIG" | bc -l)"
echo "peak heap (MemoryPoolMXBean, -Xmx$HEAP): files $(grep -o 'peakHeapMB=[0-9.]*' "$WORK/seal-files.out"), big entry $(grep -o 'peakHeapMB=[0-9.]*' "$WORK/seal-big.out")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "GC logs were in $WORK/gc-*.log (removed with the work directory)"
