# Summarises interleaved old/new benchmark runs (the three bench/ab-*.sh wrappers).
# Input: lines "AB <measure> <side> <wall-seconds> <cpu-seconds>" (other lines are ignored), side = old or new.
# Output: per measure and side the run count, median, min and max of wall time, the median CPU-seconds, and the
# ratio new/old of the wall medians (below 1.00 means the new build is faster).
function median(list, n,    i, j, t, a) {
    split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 == "AB" {
    key = $2 SUBSEP $3
    if (!(key in n)) { n[key] = 0; lo[key] = $4; hi[key] = $4 }
    n[key]++; walls[key] = walls[key] " " $4; cpus[key] = cpus[key] " " $5
    if ($4 + 0 < lo[key] + 0) lo[key] = $4
    if ($4 + 0 > hi[key] + 0) hi[key] = $4
    if (!($2 in seen)) { seen[$2] = 1; order[++measures] = $2 }
}
END {
    printf "%-28s %-4s %5s %9s %9s %9s %9s\n", "measure", "side", "runs", "median s", "min s", "max s", "CPU-s"
    for (m = 1; m <= measures; m++) {
        for (s = 1; s <= 2; s++) {
            side = s == 1 ? "old" : "new"; key = order[m] SUBSEP side
            if (!(key in n)) continue
            med[side] = median(walls[key], n[key])
            printf "%-28s %-4s %5d %9.1f %9.1f %9.1f %9.1f\n", order[m], side, n[key], med[side], lo[key], hi[key], median(cpus[key], n[key])
        }
        if ((order[m] SUBSEP "old") in n && (order[m] SUBSEP "new") in n)
            printf "%-28s ratio new/old of the medians: %.2f\n", order[m], med["new"] / med["old"]
    }
}
