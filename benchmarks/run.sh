#!/usr/bin/env bash
# The benchmark command: builds the driver and the benchmarks, then runs BenchmarkRun, which starts 8 embedded
# MariaDB servers, measures this driver, raw JDBC and ShardingSphere-JDBC, and prints the report.
#
#   benchmarks/run.sh [--quick] [--orders N] [--delay-ms 0,0.5] [--threads 1,16] [--workloads A,B]
#                     [--contenders shard,raw,raw_union,shardingsphere] [--profile N] [--passes N]
#                     [--paired [--rounds N]] [--out DIR]
#                     [--no-cold-start] [--no-wide] [--no-memory] [--update-readme]
#
# MAVEN_FLAGS is passed to Maven (e.g. MAVEN_FLAGS=-o to build offline); JAVA_OPTS to the JVM that runs the command.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

# One reactor build of planner, driver and benchmarks, so that the driver measured is this checkout's, never a stale
# snapshot from ~/.m2. Each module writes its runtime class path to target/classpath.txt.
mvn -B -q ${MAVEN_FLAGS:-} -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

cd benchmarks
full="$root/benchmarks/target/classes:$(cat target/classpath.txt)"
# The cold starts of shard and raw run without ShardingSphere on the class path, as an application of theirs would.
driver_jar="$(ls "$root"/driver/target/shard-jdbc-driver-*.jar | grep -v -- '-tests.jar' | head -1)"
slf4j_simple="$(tr ':' '\n' < target/classpath.txt | grep '/slf4j-simple-' | head -1)"
echo "$root/benchmarks/target/classes:$driver_jar:$(cat "$root/driver/target/classpath.txt"):$slf4j_simple" \
  > target/lean-classpath.txt

exec java ${JAVA_OPTS:-} -cp "$full" -Dshardbench.dataDir="$root/benchmarks/target/bench-data" \
  org.shardjdbc.benchmarks.BenchmarkRun --lean-classpath target/lean-classpath.txt "$@"
