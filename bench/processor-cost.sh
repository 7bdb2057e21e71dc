#!/usr/bin/env bash
# Measures what the Anneal processor adds to a compilation: N annotated schedules (fixed, on
# interfaces, three phases each, and parameterized, on records) compiled by javac with the
# processor and with -proc:none. Run after `mvn -pl processor -am package -DskipTests`:
#   bench/processor-cost.sh [N] [REPEATS]
set -euo pipefail
N=${1:-200}
REPEATS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
M2=${M2:-$HOME/.m2/repository}
CP="$ROOT/dsl/target/classes:$ROOT/formats/target/classes:$M2/com/palantir/javapoet/javapoet/0.22.0/javapoet-0.22.0.jar"
for jar in "$M2"/com/fasterxml/jackson/core/jackson-*/2.18.2/*.jar "$M2"/org/apache/commons/commons-text/1.12.0/*.jar "$M2"/org/apache/commons/commons-lang3/3.14.0/*.jar; do
  CP="$CP:$jar"
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src/bench"
for i in $(seq 1 "$N"); do
  if (( i % 2 )); then
    cat > "$WORK/src/bench/Fixed$i.java" <<JAVA
package bench;

import static dev.anneal.annotation.Curve.*;
import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "$((1000 + i))", from = "1e-6", to = "3e-4"),
    @PhaseSpec(shape = CONSTANT, steps = "10_000"),
    @PhaseSpec(shape = COSINE, steps = "88_000", to = "3e-5")})
interface Fixed$i {}
JAVA
  else
    cat > "$WORK/src/bench/Run$i.java" <<JAVA
package bench;

import static dev.anneal.annotation.Curve.*;
import dev.anneal.annotation.PhaseSpec;
import dev.anneal.annotation.TrainingSchedule;

@TrainingSchedule(phases = {
    @PhaseSpec(shape = LINEAR, steps = "warmup", from = "peak / 100", to = "peak"),
    @PhaseSpec(shape = COSINE, steps = "total - warmup", to = "peak * minRatio")})
record Run$i(double peak, long warmup, long total, double minRatio) {}
JAVA
  fi
done
run() {
  rm -rf "$WORK/out" "$WORK/gen" && mkdir -p "$WORK/out" "$WORK/gen"
  local start end
  start=$(date +%s%N)
  javac --release 17 -Xlint:all -Xlint:-processing -cp "$CP" "$@" -d "$WORK/out" -s "$WORK/gen" "$WORK"/src/bench/*.java
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
for mode in without with; do
  times=()
  for r in $(seq 1 "$REPEATS"); do
    if [[ $mode == without ]]; then times+=("$(run -proc:none)"); else times+=("$(run -processorpath "$ROOT/processor/target/classes:$CP")"); fi
  done
  echo "$N annotated types, $mode the processor: ${times[*]} ms"
done
echo "generated sources: $(ls "$WORK/gen/bench" | wc -l) files, $(cat "$WORK"/gen/bench/*.java | wc -l) lines"
