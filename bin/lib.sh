# Shared by the launchers in bin/: Java check and build-on-first-use.

ferry_require_java() {
  local tool=$1 v
  if ! command -v java >/dev/null 2>&1; then
    echo "$tool: no 'java' on PATH. Install a JDK 17, 21 or 25 (apt-get install openjdk-17-jdk-headless) and retry." >&2
    exit 2
  fi
  # The JDK's release file gives the version without starting a JVM (a second start costs each command ~0.2 s);
  # a JDK without one is asked.
  local release
  release="$(dirname "$(readlink -f "$(command -v java)")")/../release"
  v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" 2>/dev/null || true)
  [ -n "$v" ] || v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ -n "$v" ] && [ "${v%%.*}" -lt 17 ] 2>/dev/null; then
    echo "$tool: Java $v is too old; Ferry needs Java 17 or newer. Point JAVA_HOME/PATH at a JDK 17, 21 or 25." >&2
    exit 2
  fi
}

ferry_build_if_missing() {
  local tool=$1 jar=$2 module=$3
  [ -f "$jar" ] && return 0
  if ! command -v mvn >/dev/null 2>&1; then
    echo "$tool: $jar is missing and Maven is not installed to build it (apt-get install maven)." >&2
    exit 2
  fi
  echo "$tool: first run, building $jar ..." >&2
  (cd "$root" && mvn -q -B -DskipTests -pl "$module" -am package) >&2 || {
    echo "$tool: the build failed; run 'mvn -B -DskipTests -pl $module -am package' in $root to see why." >&2
    exit 2
  }
}
