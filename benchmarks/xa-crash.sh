#!/usr/bin/env bash
# XA crash run: builds the driver and its tests, then runs XaCrashRun, which starts 2 embedded MariaDB servers and
# worker processes that move amounts between accounts on the two servers in XA transactions through the driver,
# kills one worker at a time with SIGKILL at random moments (many between prepare and commit) and starts it again,
# and at the end recovers and checks: total unchanged, both legs of every committed transfer, nothing prepared.
#
#   benchmarks/xa-crash.sh [kills=50] [transfers=1000] [workers=2] [delayMs=30]
#
# MAVEN_FLAGS is passed to Maven (e.g. MAVEN_FLAGS=-o to build offline); JAVA_OPTS to the JVM that runs the run.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

mvn -B -q ${MAVEN_FLAGS:-} -pl driver -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test

cd driver
exec java ${JAVA_OPTS:-} -Dbasedir="$root/driver" \
  -cp "$root/driver/target/test-classes:$root/driver/target/classes:$(cat target/test-classpath.txt)" \
  org.shardjdbc.driver.transaction.XaCrashRun "$@"
