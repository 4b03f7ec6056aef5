#!/usr/bin/env bash
# Fault isolation: builds the driver and the benchmarks, then runs FaultIsolationRun, which starts 8 embedded MariaDB
# servers, runs 64 client threads of point selects through the driver, freezes one server (SIGSTOP), lets it go, kills
# it and starts it again, and prints the throughput on the healthy servers and the sick one, phase by phase.
#
#   benchmarks/fault-isolation.sh [--threads 64] [--query-timeout 10] [--phases 10,20,15,20,15]
#
# MAVEN_FLAGS is passed to Maven (e.g. MAVEN_FLAGS=-o to build offline); JAVA_OPTS to the JVM that runs the command.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

mvn -B -q ${MAVEN_FLAGS:-} -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

cd benchmarks
exec java ${JAVA_OPTS:-} -cp "$root/benchmarks/target/classes:$(cat target/classpath.txt)" \
  -Dshardbench.dataDir="$root/benchmarks/target/bench-data" org.shardjdbc.benchmarks.FaultIsolationRun "$@"
