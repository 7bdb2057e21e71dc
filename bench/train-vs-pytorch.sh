#!/usr/bin/env bash
# Runs `anneal train` (the built-in plan: MLP 64-64-10 on the digits, AdamW, batch 32, warm-up +
# cosine with a beta1 ramp, 3,000 updates) and the same loop in eager PyTorch (bench/train_digits.py)
# side by side, one thread each, and prints a Markdown table of both and their ratios.
#   bench/train-vs-pytorch.sh [ROUNDS [JAR]]    # default 3 rounds, cli/target/anneal.jar
# Needs the jar (mvn -B -pl cli -am package -DskipTests), Debian's python3-torch (run by
# /usr/bin/python3) and GNU time (/usr/bin/time). Anneal runs with the JVM options of the ./anneal
# launcher, or ANNEAL_JAVA_OPTIONS where set, as the launcher does (ANNEAL_JAVA_OPTIONS= : none).
#
# Every round runs PyTorch then Anneal, each for the whole 3,000 updates and for the first 300, so
# that a change of load on a shared machine touches both; the table gives the median over rounds and,
# per ratio, its range (each ratio is taken within a round). Measures:
#   - per update, CPU: (CPU of the 3,000-update process - CPU of the 300-update one) / 2,700, user +
#     system: the cost of one more update, start-up, data loading and output left out. It is the
#     figure a busy machine disturbs least: waiting for a core adds wall time, not CPU time.
#   - per update, loop wall: the training loop's wall time over its updates, as each reports it
#     (Anneal's summary line, the script's perf_counter).
#   - whole process: wall, user + system CPU and peak resident memory of the 3,000-update run, from
#     /usr/bin/time (Anneal's includes drawing train.png, which the script does not do).
set -euo pipefail
ROUNDS=${1:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${2:-$ROOT/cli/target/anneal.jar}
DIGITS=$ROOT/cli/src/main/resources/dev/anneal/cli/data/digits.csv.gz
UPDATES=3000
# The launcher's default options, read from it so that the two never differ.
# The options ./anneal gives train (its `train | find-lr) default_options="…"` line).
DEFAULT_OPTIONS=$(sed -n 's/^ *train | find-lr) default_options="\(.*\)" ;;$/\1/p' "$ROOT/anneal")
# and, as the launcher does, the class-data archive package writes beside the jar when it is newer.
ARCHIVE=${JAR%.jar}.jsa
if [[ -f $ARCHIVE && $ARCHIVE -nt $JAR ]]; then
  DEFAULT_OPTIONS="-XX:SharedArchiveFile=$ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off $DEFAULT_OPTIONS"
fi
JAVA_OPTIONS=${ANNEAL_JAVA_OPTIONS-$DEFAULT_OPTIONS}
SHORT=300
for needed in "$JAR" /usr/bin/time /usr/bin/python3; do
  [[ -e $needed ]] || { echo "$needed is missing (see the comment at the top of $0)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "PyTorch is missing: apt-get install python3-torch" >&2; exit 1; }

# One thread everywhere: OpenMP and MKL for both, torch.set_num_threads(1) in the script, and
# DJL's PyTorch engine (anneal sets ai.djl.pytorch.num_threads to 1 unless told otherwise).
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# run NAME UPDATES: runs one side for UPDATES updates under GNU time; leaves "wall cpu rss-kB" in
# $WORK/time and its standard output in $WORK/out.
run() {
  local name=$1 updates=$2
  local command=(/usr/bin/python3 "$ROOT/bench/train_digits.py" "$DIGITS" "$WORK/out-dir" "$updates")
  if [[ $name == anneal ]]; then
    # shellcheck disable=SC2206 # the options are words
    command=(java $JAVA_OPTIONS -jar "$JAR" train --out "$WORK/out-dir")
    [[ $updates == "$UPDATES" ]] || command+=(--steps "$updates")
  fi
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.raw" "${command[@]}" > "$WORK/out" 2> "$WORK/err" || {
    echo "$name failed:" >&2
    cat "$WORK/err" >&2
    exit 1
  }
  awk '{printf "%s %s %s\n", $1, $2 + $3, $4}' "$WORK/time.raw" > "$WORK/time"
}

# measure NAME: appends "per-update-cpu-ms loop-wall-ms wall-s cpu-s rss-MiB" to $WORK/NAME.
measure() {
  local name=$1 short_cpu loop
  run "$name" "$SHORT"
  short_cpu=$(awk '{print $2}' "$WORK/time")
  run "$name" "$UPDATES"
  if [[ $name == anneal ]]; then
    loop=$(sed -n 's/.* \([0-9.]*\) ms per update$/\1/p' "$WORK/out")
  else
    loop=$(awk '/^per-update-ms/ {print $2}' "$WORK/out")
  fi
  awk -v s="$short_cpu" -v l="$loop" -v n=$((UPDATES - SHORT)) \
    '{printf "%.3f %s %.2f %.2f %.0f\n", ($2 - s) / n * 1000, l, $1, $2, $3 / 1024}' "$WORK/time" >> "$WORK/$name"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= ROUNDS; round++)); do
  echo "round $round of $ROUNDS" >&2
  measure pytorch
  measure anneal
done

echo "## Machine"
echo
echo "- $(nproc) of $(nproc --all) processors, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "- $(java -version 2>&1 | head -1); PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (Python $(/usr/bin/python3 -c 'import platform; print(platform.python_version())'))"
echo "- Anneal's JVM options: ${JAVA_OPTIONS:-none}"
echo "- load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## anneal train against eager PyTorch: median of $ROUNDS rounds"
echo
paste -d' ' "$WORK/anneal" "$WORK/pytorch" | awk -v columns=5 '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    for (c = 1; c <= columns; c++) {
      an[c, NR] = $c; pt[c, NR] = $(c + columns); r = $c / $(c + columns); ra[c, NR] = r
      if (NR == 1 || r < lo[c]) lo[c] = r
      if (NR == 1 || r > hi[c]) hi[c] = r
    }
  }
  END {
    split("per update, CPU (ms)|per update, loop wall (ms)|whole process, wall (s)|whole process, CPU user + system (s)|peak resident memory (MiB)", label, "|")
    split("1.0|1.0|1.1||1.2", target, "|")
    print "| measure | Anneal | PyTorch | Anneal / PyTorch (range) | target |"
    print "| --- | ---: | ---: | ---: | ---: |"
    for (c = 1; c <= columns; c++) {
      for (i = 1; i <= NR; i++) { x[i] = an[c, i]; y[i] = pt[c, i]; z[i] = ra[c, i] }
      printf "| %s | %g | %g | %.2f× (%.2f–%.2f) | %s |\n", label[c], median(x, NR), median(y, NR), median(z, NR), lo[c], hi[c], target[c] == "" ? "" : "≤ " target[c] "×"
    }
  }'
