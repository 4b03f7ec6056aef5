#!/usr/bin/env bash
# Soak: builds the driver and the benchmarks, then runs SoakRun: 64 client threads of point selects, UPDATEs and
# two-UPDATE transactions through the driver over 8 embedded MariaDB servers for 10 minutes, one server frozen
# (SIGSTOP) for 30 s a third of the way in and another killed and restarted at two thirds; prints latency
# percentiles, errors, heap, threads and checked-out connections per 10 s into benchmarks/results/soak/latest.md.
#
#   benchmarks/soak.sh [--threads 64] [--minutes 10]
#
# MAVEN_FLAGS is passed to Maven (e.g. MAVEN_FLAGS=-o to build offline); JAVA_OPTS to the JVM that runs the command.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

mvn -B -q ${MAVEN_FLAGS:-} -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

cd benchmarks
exec java ${JAVA_OPTS:-} -cp "$root/benchmarks/target/classes:$(cat target/classpath.txt)" \
  -Dshardbench.dataDir="$root/benchmarks/target/bench-data" org.shardjdbc.benchmarks.SoakRun "$@"
