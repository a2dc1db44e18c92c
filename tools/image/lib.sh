# Shared by tools/image/check.sh and bench/cold-start.sh (sourced): podman as PLATFORM-NOTES says, the simulator and a
# throwaway PostgreSQL on the host, and cleanup of what was started.
IMAGE=${IMAGE:-localhost/aibatch:dev}
# The simulator on the host (developer tools, not in the image). The one place that names how it is started.
simulator() { java -jar simulator/target/aibatch-devtools.jar simulate "$@"; }

podman() { command podman --runtime runc --cgroup-manager=cgroupfs "$@"; }
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
fail() { echo "IMAGE CHECK FAILED: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ms() { date +%s%3N; }
# waits for a file matching a glob, at most $2 seconds
wait_for() { local i; for ((i = 0; i < $2 * 10; i++)); do compgen -G "$1" >/dev/null && return 0; sleep 0.1; done; return 1; }

WORK=$(mktemp -d /tmp/aibatch-image.XXXXXX)
chmod 755 "$WORK"
CONTAINERS=()
PIDS=()
PGDATA=""
cleanup() {
  local c p
  for c in "${CONTAINERS[@]}"; do podman rm -f "$c" >/dev/null 2>&1 || true; done
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PGDATA" ]; then as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

podman image exists "$IMAGE" || fail "no image $IMAGE: run tools/image/build.sh first"
mkdir -p "$WORK/out" "$WORK/cfg"
chown 65532:65532 "$WORK/out"   # a pod's volume is writable by its user

# every container: what the pod securityContext enforces (read-only root, user 65532, only /tmp writable), host
# network, the sample data read-only, an output volume and a configuration directory
aibatch() { # [podman run options...] -- aibatch arguments...
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  podman run --rm --read-only --user 65532:65532 --tmpfs /tmp --network host \
      -v "$PWD/sample-data:/data:ro" -v "$WORK/out:/out" -v "$WORK/cfg:/cfg:ro" "${opts[@]}" "$IMAGE" "$@"
}

start_simulator() { # sets SIM_PORT
  SIM_PORT=$(free_port)
  simulator --port "$SIM_PORT" > "$WORK/simulator.log" 2>&1 &
  PIDS+=($!)
  local i
  for i in $(seq 300); do grep -q 'Simulator listening' "$WORK/simulator.log" && return 0; sleep 0.2; done
  cat "$WORK/simulator.log"; fail "the simulator did not start"
}

# Debian's PostgreSQL (installed when missing): a throwaway cluster in $WORK on a free port, as the postgres user.
# Sets JDBC and REPO (podman options passing the credentials as the pods get them from their Secret).
start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
  PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  local port password
  port=$(free_port)
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
  echo "$password" > "$WORK/pgpass" && chown postgres "$WORK/pgpass"
  as_postgres "$PGBIN/initdb" -D "$WORK/pg" -U aibatch --pwfile="$WORK/pgpass" -A scram-sha-256 >/dev/null
  PGDATA="$WORK/pg"
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/postgresql.log" -w \
      -o "-p $port -k $PGDATA -c listen_addresses=127.0.0.1" start >/dev/null
  PGPASSWORD="$password" "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U aibatch -d postgres -qc 'create database aibatch'
  JDBC="jdbc:postgresql://127.0.0.1:$port/aibatch"
  REPO=(-e AIBATCH_JOB_REPOSITORY_USERNAME=aibatch -e "AIBATCH_JOB_REPOSITORY_PASSWORD=$password")
}
