#!/usr/bin/env bash
# Runs the image (tools/image/build.sh) the way the pods run it: read-only root filesystem, user 65532, only /tmp
# writable, host network. Four checks, each failing the script (non-zero) when it does not hold:
#   a) the document demo on sample-data/documents (embedded Tesseract and classification), every input exactly once;
#      prints the container's time to its first committed chunk
#   b) the audio job on sample-data/audio against the simulator on the host (Speech container protocol)
#   c) a processes-mode run inside the container against a PostgreSQL job repository on the host: one worker
#      process killed (kill -9) after its first commit, the run ends FAILED, `restart --run-id` completes it exactly-once
#   d) a manager planned a run and was killed with all its workers (the container killed); one
#      `worker --run-id … --slice 1` container run as an Indexed Job pod runs it (AIBATCH_RUN_ID, JOB_COMPLETION_INDEX)
#      completes its slice; `restart` completes the rest, exactly-once
# PostgreSQL: Debian's postgresql package (installed when missing), a throwaway cluster in a temp directory on a free
# port, run as the postgres user and removed at the end (tools/image/lib.sh). SKIP_DEMO=1 skips a).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/image/lib.sh

echo "image $IMAGE: $(podman image inspect --format '{{.Size}}' "$IMAGE") bytes"

# ---- a) document demo ----
if [ "${SKIP_DEMO:-0}" != 1 ]; then
start=$(ms)
aibatch -- run document-pipeline --input /data/documents --output /out/demo --work-dir /tmp/wd > "$WORK/demo.log" 2>&1 &
demo=$!
wait_for "$WORK/out/demo/results/*.jsonl" 300 && first=$(( $(ms) - start )) || first=-1
wait $demo || { tail -30 "$WORK/demo.log"; fail "document demo exited non-zero"; }
echo "a) document demo: $(( ($(ms) - start) / 1000 )) s wall, first committed chunk after $first ms (container start to first results file)"
tools/image/exactly_once.py "$WORK/out/demo" "$(find sample-data/documents -type f | wc -l)" || fail "document demo output"
fi

# ---- b) audio job against the simulator on the host ----
start_simulator
start=$(ms)
aibatch -- run audio-transcription --input /data/audio --output /out/audio --work-dir /tmp/wd \
    --transcription azure-speech-container --transcription-endpoint "ws://127.0.0.1:$SIM_PORT" > "$WORK/audio.log" 2>&1 \
  || { tail -30 "$WORK/audio.log"; fail "audio job exited non-zero"; }
echo "b) audio job: $(( ($(ms) - start) / 1000 )) s wall"
tools/image/exactly_once.py "$WORK/out/audio" "$(find sample-data/audio -type f | wc -l)" || fail "audio output"

start_postgres
# small chunks so that a slice commits several times; no automatic worker restart (the run must fail and be restarted);
# short heartbeats so that restart soon sees the killed processes gone
cat > "$WORK/cfg/ci.yaml" <<YAML
aibatch:
  chunk-size: 2
  max-restarts-per-slice: 0
  heartbeat:
    interval: 1s
    lapse: 4s
YAML
# 39 audio files (the 13 samples three times) in 3 slices
mkdir -p "$WORK/in"
for copy in 1 2 3; do for f in sample-data/audio/*.wav; do cp "$f" "$WORK/in/$copy-$(basename "$f")"; done; done
chmod -R a+rX "$WORK/in"
ITEMS=$(ls "$WORK/in" | wc -l)
PROC=(-v "$WORK/in:/in:ro" "${REPO[@]}")
RUN_ARGS=(--input /in --transcription azure-speech-container --transcription-endpoint "ws://127.0.0.1:$SIM_PORT"
          --partitions 3 --partition-handler processes --job-repository "$JDBC" --config /cfg/ci.yaml)
# the pid (on this host) of the worker process of a run's slice: its command line names the run, its environment the slice
worker_pid() { # run-id slice
  local pid
  for pid in $(pgrep -f -- "worker --run-id $1" || true); do
    tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "JOB_COMPLETION_INDEX=$2" && { echo "$pid"; return 0; }
  done
  return 1
}

# ---- c) processes mode: one worker killed mid-run, then restart ----
RUN=ci-processes-$(date +%s)
start=$(ms)
aibatch "${PROC[@]}" -- run audio-transcription "${RUN_ARGS[@]}" --output /out/processes --run-id "$RUN" > "$WORK/processes.log" 2>&1 &
manager=$!
wait_for "$WORK/out/processes/results/slice-0001-*.jsonl" 300 || { tail -30 "$WORK/processes.log"; fail "slice 1 never committed"; }
pid=$(worker_pid "$RUN" 1) || fail "no worker process for slice 1 of $RUN"
kill -9 "$pid"
echo "c) processes mode: killed the worker of slice 1 (pid $pid) after its first commit, $(( ($(ms) - start) / 1000 )) s into the run"
if wait $manager; then fail "the run completed although a worker was killed and restarts were off"; fi
grep -q "FAILED" "$WORK/processes.log" || { tail -20 "$WORK/processes.log"; fail "the run did not end FAILED"; }
aibatch "${PROC[@]}" -- restart --run-id "$RUN" --job-repository "$JDBC" --config /cfg/ci.yaml > "$WORK/restart.log" 2>&1 \
  || { tail -30 "$WORK/restart.log"; fail "restart of $RUN did not complete"; }
echo "c) restart --run-id $RUN: COMPLETED, $(( ($(ms) - start) / 1000 )) s since the first start"
tools/image/exactly_once.py "$WORK/out/processes" "$ITEMS" || fail "processes-mode output not exactly-once"

# ---- d) a worker container for one slice of a run its manager planned ----
RUN=ci-worker-$(date +%s)
CONTAINERS+=("$RUN-manager")
aibatch --name "$RUN-manager" "${PROC[@]}" -- run audio-transcription "${RUN_ARGS[@]}" --output /out/worker --run-id "$RUN" \
    > "$WORK/manager.log" 2>&1 &
manager=$!
wait_for "$WORK/out/worker/results/slice-000*.jsonl" 300 || { tail -30 "$WORK/manager.log"; fail "no slice of $RUN committed"; }
podman kill "$RUN-manager" >/dev/null   # the node is lost: manager and workers die at once
wait $manager || true
start=$(ms)
aibatch "${PROC[@]}" -e "AIBATCH_RUN_ID=$RUN" -e JOB_COMPLETION_INDEX=1 -- \
    worker --job-repository "$JDBC" --config /cfg/ci.yaml > "$WORK/worker.log" 2>&1 \
  || { tail -30 "$WORK/worker.log"; fail "worker container for slice 1 of $RUN exited non-zero"; }
echo "d) worker --run-id $RUN --slice 1 (AIBATCH_RUN_ID, JOB_COMPLETION_INDEX=1): slice completed in $(( ($(ms) - start) / 1000 )) s"
aibatch "${REPO[@]}" -- status --run-id "$RUN" --job-repository "$JDBC" > "$WORK/status.log" 2>&1 || true
grep -Eq 'slice-0001 +COMPLETED' "$WORK/status.log" || { cat "$WORK/status.log"; fail "slice 1 is not COMPLETED after its worker"; }
aibatch "${PROC[@]}" -- restart --run-id "$RUN" --job-repository "$JDBC" --config /cfg/ci.yaml > "$WORK/restart2.log" 2>&1 \
  || { tail -30 "$WORK/restart2.log"; fail "restart of $RUN did not complete"; }
echo "d) restart --run-id $RUN: COMPLETED"
tools/image/exactly_once.py "$WORK/out/worker" "$ITEMS" || fail "worker run output not exactly-once"
echo "image checks passed"
