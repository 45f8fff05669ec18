#!/usr/bin/env bash
# Times one DCGAN train step of the Java port (Benchmark) and of the Python tutorial
# (python/tutorial.py --time-steps) on this machine: same batch, same threads, one after the other,
# under each oneDNN setting, and prints ms/step and the ratio Java / Python.
#
#   python/step_benchmark.sh                 # 20 timed steps each, batch 256, 2 threads
#   STEPS=50 THREADS=4 python/step_benchmark.sh
#   SETTINGS="default 1 0" python/step_benchmark.sh   # also TF_ENABLE_ONEDNN_OPTS=0
#
# Settings: "default" leaves TF_ENABLE_ONEDNN_OPTS unset (TensorFlow's default for this CPU; the
# Java Benchmark may then relaunch itself with it set to 1 on AVX2-only CPUs, see dcgan.cli.OneDnn),
# any other value is exported as TF_ENABLE_ONEDNN_OPTS for both programs.
# Needs: the Python side (.venv/bin/python with tensorflow, or PYTHON=...), Maven for the class path
# (SKIP_BUILD=1 reuses target/classes and target/cp.txt as they are).
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS=${STEPS:-20}
WARMUP=${WARMUP:-5}
BATCH=${BATCH:-256}
THREADS=${THREADS:-2}
SETTINGS=${SETTINGS:-"default 1"}
PYTHON=${PYTHON:-${DCGAN_PYTHON:-.venv/bin/python}}
DATA=${DATA:-src/test/resources/mnist/mnist.npz}  # Python times a fixed batch of these real images; Java's Benchmark uses synthetic ones

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
CP="target/classes:$(cat target/cp.txt)"

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores visible; batch $BATCH, $THREADS threads, $STEPS timed steps after $WARMUP warm-up"
printf '%-10s %12s %12s %12s\n' "oneDNN" "Java ms" "Python ms" "Java/Python"

value() {  # the step_ms=... of a program's output
  sed -n 's/^step_ms=\([0-9.]*\).*/\1/p' | tail -1
}

for setting in $SETTINGS; do
  log=$(mktemp -d)
  (
    if [[ "$setting" != default ]]; then export TF_ENABLE_ONEDNN_OPTS=$setting; else unset TF_ENABLE_ONEDNN_OPTS; fi
    java -cp "$CP" Benchmark --steps "$STEPS" --warmup "$WARMUP" --batch-size "$BATCH" --threads "$THREADS" --matmul-size 1024 \
      >"$log/java.txt" 2>&1
    TF_CPP_MIN_LOG_LEVEL=2 "$PYTHON" python/tutorial.py --data "$DATA" --time-steps "$STEPS" --warmup-steps "$WARMUP" \
      --batch-size "$BATCH" --threads "$THREADS" >"$log/python.txt" 2>&1
  ) || { echo "a benchmark failed; its output:"; tail -n 30 "$log"/*.txt; exit 1; }
  java_ms=$(value <"$log/java.txt")
  python_ms=$(value <"$log/python.txt")
  ratio=$(awk -v j="$java_ms" -v p="$python_ms" 'BEGIN { printf "%.2f", j / p }')
  printf '%-10s %12s %12s %12s\n' "$setting" "$java_ms" "$python_ms" "$ratio"
  if [[ -n "${VERBOSE:-}" ]]; then
    grep -h "train step\|^Benchmark\|^TensorFlow" "$log/java.txt" "$log/python.txt" | sed 's/^/    /'
  fi
  rm -rf "$log"
done
