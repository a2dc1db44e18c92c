#!/usr/bin/env bash
# Cold start of the image on this machine, in the container exactly as check.sh runs it (read-only root, user 65532,
# /tmp only, host network). Needs the image (tools/image/build.sh). Per variant of starting the JVM in that image:
#   help_ms, usage_ms   `--help`, and `run --no-such-option` (a usage error)         wall time of `podman run`
#   status_ms           `status` on an empty embedded repository                      wall time of `podman run`
#   status_runs_ms      `status --run-id` of a planned run in the PostgreSQL repository (its slices and counts)
#   worker_ms           `worker` for one slice of a planned run (document-pipeline, PNG/JPEG inputs, OCR pointed at the
#                       simulator, enrichment off: no embedded model), from `podman run` to its first backend call
#                       (the first connection through bench/first-call-proxy.py after the container was started)
#   container_ms        `podman run … true`: what the container alone costs, included in every number above
# Variants: image = the image's ENTRYPOINT (extracted layout + the application class-data sharing archive);
#   extracted = the same layout without the archive; fat-jar = `java -jar` on the Spring Boot fat jar (jobs/target, as
#   the previous Dockerfile ran it). Prints `RESULT cold-start variant=… key=value …` (medians of RUNS, default 3).
#   bash bench/cold-start.sh [variant...]
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/image/lib.sh
RUNS=${RUNS:-3}
VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=(fat-jar extracted image)
JAVA_FLAGS=(-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp)

in_variant() { # variant [podman options...] -- aibatch arguments...
  local variant=$1 opts=()
  shift
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  case $variant in
    image) aibatch "${opts[@]}" -- "$@" ;;
    extracted) aibatch "${opts[@]}" --entrypoint java -- "${JAVA_FLAGS[@]}" -jar /app/aibatch.jar "$@" ;;
    fat-jar) aibatch "${opts[@]}" -v "$PWD/jobs/target/aibatch.jar:/fat/aibatch.jar:ro" --entrypoint java -- \
               "${JAVA_FLAGS[@]}" -jar /fat/aibatch.jar "$@" ;;
    *) fail "unknown variant $variant" ;;
  esac
}
wall() { local start; start=$(ms); "$@" >/dev/null 2>&1 || true; echo $(( $(ms) - start )); }
# the same for a `status --run-id`, which must have printed the run's slices (a fast failure is not a fast status)
status_wall() {
  local start out
  start=$(ms)
  out=$("$@" 2>&1) || true
  grep -q 'slice-' <<< "$out" || { echo "status printed no slices: $out" >&2; echo NaN; return; }
  echo $(( $(ms) - start ))
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

start_simulator
start_postgres
PROXY_PORT=$(free_port)
python3 bench/first-call-proxy.py "$PROXY_PORT" "$SIM_PORT" "$WORK/calls.log" > "$WORK/proxy.log" 2>&1 &
PIDS+=($!)
sleep 1
printf 'aibatch:\n  enrichment: false\n' > "$WORK/cfg/bench.yaml"
container=()
for _ in $(seq "$RUNS"); do container+=("$(wall podman run --rm --network host --entrypoint true "$IMAGE")"); done

# interleaved (each repetition runs every variant in turn), so that a busy moment on the machine hits all of them
declare -A help usage status worker
for _ in $(seq "$RUNS"); do
  for variant in "${VARIANTS[@]}"; do
    help[$variant]+=" $(wall in_variant "$variant" -- --help)"
    usage[$variant]+=" $(wall in_variant "$variant" -- run --no-such-option)"
    status[$variant]+=" $(wall in_variant "$variant" -- status --work-dir /tmp/wd)"
  done
done
# per variant a run planned by its manager, which is then killed with the workers it started (none has called a
# backend yet); then one worker container per slice, interleaved across the variants
declare -A runs
for variant in "${VARIANTS[@]}"; do
  run=bench-$variant-$(date +%s)
  runs[$variant]=$run
  CONTAINERS+=("$run")
  in_variant "$variant" --name "$run" "${REPO[@]}" -- run document-pipeline --input /data/documents --include-suffix .png,.jpg \
      --output "/out/$run" --run-id "$run" --partitions "$RUNS" --partition-handler processes --job-repository "$JDBC" \
      --ocr read-container --ocr-endpoint "http://127.0.0.1:$PROXY_PORT" --config /cfg/bench.yaml > "$WORK/$run.log" 2>&1 &
  manager=$!
  # the slices exist (with their ExecutionContext) once the manager starts their workers
  for _ in $(seq 600); do [ "$(grep -c 'worker pid' "$WORK/$run.log")" = "$RUNS" ] && break; sleep 0.1; done
  podman kill "$run" >/dev/null 2>&1 || true
  [ "$(grep -c 'worker pid' "$WORK/$run.log")" = "$RUNS" ] || { cat "$WORK/$run.log"; fail "$run did not start its slices"; }
  wait "$manager" || true
done
declare -A status_runs
for _ in $(seq "$RUNS"); do
  for variant in "${VARIANTS[@]}"; do
    status_runs[$variant]+=" $(status_wall in_variant "$variant" "${REPO[@]}" -- status --job-repository "$JDBC" --run-id "${runs[$variant]}")"
  done
done
for slice in $(seq 0 $((RUNS - 1))); do
  for variant in "${VARIANTS[@]}"; do
    run=${runs[$variant]}
    start=$(ms)
    in_variant "$variant" "${REPO[@]}" -e "AIBATCH_RUN_ID=$run" -e "JOB_COMPLETION_INDEX=$slice" -- \
        worker --job-repository "$JDBC" --config /cfg/bench.yaml > "$WORK/$run-$slice.log" 2>&1 \
      || { tail -20 "$WORK/$run-$slice.log"; fail "worker $slice of $run failed"; }
    first=$(awk -v s="$start" '$1 >= s {print $1; exit}' "$WORK/calls.log")
    [ -n "$first" ] || fail "worker $slice of $run made no backend call"
    worker[$variant]+=" $((first - start))"
  done
done
for variant in "${VARIANTS[@]}"; do
  # shellcheck disable=SC2086
  echo "RESULT cold-start variant=$variant help_ms=$(median ${help[$variant]}) usage_ms=$(median ${usage[$variant]})" \
       "status_ms=$(median ${status[$variant]}) status_runs_ms=$(median ${status_runs[$variant]}) worker_ms=$(median ${worker[$variant]}) container_ms=$(median "${container[@]}")" \
       "(all: help${help[$variant]}; usage${usage[$variant]}; status${status[$variant]}; status_runs${status_runs[$variant]}; worker${worker[$variant]})"
done
