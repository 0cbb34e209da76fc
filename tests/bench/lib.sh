# Shared by the benchmark scripts under tests/bench: one build, then one way to run a benchmark main of the tests
# module against the harness's stores (the Keycloak distribution, the start timeout, FERRY_BENCH_KEEP, the machine's
# load average before and after, which every RESULTS.md quotes).

# Builds the jars and the tests module; writes the tests module's test classpath to the file $1.
ferry_bench_build() {
  mvn -B -q -o -pl tests -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$1" -Dmdep.includeScope=test
}

# ferry_bench_java CLASSES CP_FILE MAIN [JVM options ...] -- [MAIN's arguments ...]
# CLASSES holds the tests module's test-classes/ and classes/ (tests/target, or a copy of them).
ferry_bench_java() {
  local classes=$1 cp_file=$2 main=$3
  shift 3
  local jvm=() keep=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    jvm+=("$1")
    shift
  done
  if [ $# -gt 0 ]; then shift; fi
  if [ -n "${FERRY_BENCH_KEEP:-}" ]; then keep=(-Dferry.bench.keep=true); fi
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  # A busy machine can take more than the harness's default 150 s to start two Keycloaks.
  java -Xmx2g "${keep[@]}" -Dferry.harness.keycloakStartSeconds="${FERRY_BENCH_KEYCLOAK_START_SECONDS:-900}" \
    -Dferry.keycloak.dist="$PWD/tests/target/keycloak-dist/keycloak-quarkus-dist-26.4.0.zip" \
    "${jvm[@]}" -cp "$classes/test-classes:$classes/classes:$(cat "$cp_file")" "$main" "$@"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
