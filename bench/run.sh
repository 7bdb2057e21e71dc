#!/usr/bin/env bash
# Runs every Anneal benchmark and prints the tables of bench/README.md. Build first:
#   mvn -B -pl bench -am package -DskipTests
#   bench/run.sh quick     # under 5 minutes on 2 cores: one or two rounds, short iterations
#   bench/run.sh full      # about 35 minutes: five rounds (three for the tracker path), longer iterations
# The machine and its load are printed with the results: on a shared machine, compare the ratios
# (measured within one round) rather than absolute times.
set -euo pipefail
CONFIG=${1:-quick}
case "$CONFIG" in
  # quick leaves out the JMH training suite (a fork per variant): the interleaved run gives the ratios.
  quick) REPEATS=1; SUITES="steps tracker bulk units" ;;
  full) REPEATS=5; SUITES="steps tracker training bulk units" ;;
  *) echo "usage: bench/run.sh quick|full" >&2; exit 2 ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/bench/target/benchmarks.jar"
if [[ ! -f $JAR ]]; then
  echo "bench/target/benchmarks.jar is missing: run mvn -B -pl bench -am package -DskipTests first" >&2
  exit 1
fi
echo "## Machine"
echo
echo "- $(nproc) processors, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "- $(java -version 2>&1 | head -1)"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
# shellcheck disable=SC2086
java -cp "$JAR" dev.anneal.bench.Compare "$CONFIG" $SUITES
java -cp "$JAR" dev.anneal.bench.TrainingInterleaved "$CONFIG"
echo
echo "### processor (bench/processor-cost.sh 200 $REPEATS; load average at start $(cut -d' ' -f1-3 /proc/loadavg))"
echo
"$ROOT/bench/processor-cost.sh" 200 "$REPEATS"
echo
echo "Total: $(( $(date +%s) - start )) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
