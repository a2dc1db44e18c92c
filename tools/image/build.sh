#!/usr/bin/env bash
# Builds the aibatch image with the repository's Dockerfile on a machine without a Docker engine or Docker Hub:
# Debian's podman (runc, cgroupfs; see PLATFORM-NOTES "Containers"), base images made from Debian packages with
# mmdebstrap and `podman import`, passed to the Dockerfile as build arguments. Idempotent: the tools are installed
# and the bases made only when missing (REBUILD_BASES=1 remakes them). Tags localhost/aibatch:dev.
#
#   bash tools/image/build.sh            # then: tools/image/podman.sh run --rm localhost/aibatch:dev --help
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE=${IMAGE:-localhost/aibatch:dev}
SUITE=bookworm
MIRRORS=("deb http://deb.debian.org/debian $SUITE main" "deb http://deb.debian.org/debian-security $SUITE-security main")
RUNTIME_BASE=localhost/aibatch-runtime-base:$SUITE
BUILD_BASE=localhost/aibatch-build-base:$SUITE
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

# ---- tools: podman with runc (crun fails on hybrid cgroups), mmdebstrap for the bases ----
missing=()
for tool in podman:podman runc:runc mmdebstrap:mmdebstrap; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# without this every container fails with "setrlimit RLIMIT_NOFILE: Operation not permitted"
if ! grep -qs '^ *default_ulimits *= *\[ *\]' /etc/containers/containers.conf; then
  $SUDO mkdir -p /etc/containers
  if grep -qs '^\[containers\]' /etc/containers/containers.conf; then
    $SUDO sed -i '/^\[containers\]/a default_ulimits = []' /etc/containers/containers.conf
  else
    printf '[containers]\ndefault_ulimits = []\n' | $SUDO tee -a /etc/containers/containers.conf >/dev/null
  fi
fi
podman() { command podman --runtime runc --cgroup-manager=cgroupfs "$@"; }

# ---- bases from Debian packages (stand-ins for the Temurin images the Dockerfile names by default) ----
# Documentation, man pages and translations are left out (path-exclude), as the slim images do (man1 must exist:
# update-alternatives links the JDK's man pages there).
SLIM=(--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*'
      --dpkgopt='path-exclude=/usr/share/info/*')
make_base() { # name variant packages
  local name=$1 variant=$2 packages=$3
  if [ "${REBUILD_BASES:-0}" != 1 ] && podman image exists "$name"; then
    echo "base $name: reusing ($(podman image inspect --format '{{.Created}}' "$name" | cut -c1-19))"
    return
  fi
  local tar
  tar=$(mktemp --suffix=.tar)
  echo "base $name: mmdebstrap --variant=$variant $packages"
  local start=$SECONDS
  mmdebstrap --variant="$variant" --include="$packages" "${SLIM[@]}" \
      --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
      --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
      "$SUITE" "$tar" "${MIRRORS[@]}" > "$tar.log" 2>&1 || { tail -40 "$tar.log"; rm -f "$tar" "$tar.log"; exit 1; }
  podman import --change 'CMD ["/bin/bash"]' "$tar" "$name" >/dev/null
  rm -f "$tar" "$tar.log"
  echo "base $name: made in $((SECONDS - start)) s"
}
# runtime: the JRE only. 'essential' = dpkg and the Essential packages, no apt (nothing installs at run time)
make_base "$RUNTIME_BASE" essential openjdk-17-jre-headless,ca-certificates
# build: JDK + Maven (Debian's Maven 3.8.7; the default build base is maven:3.9-eclipse-temurin-17)
make_base "$BUILD_BASE" apt openjdk-17-jdk-headless,maven,ca-certificates

# ---- the image, from the repository's Dockerfile ----
# The build stage resolves dependencies from this machine's Maven repository, mounted read-only and used offline
# (a clean build from Maven Central works too: MAVEN_OFFLINE=0, then the Dockerfile's cache mount keeps them).
build_args=(--build-arg "BUILD_IMAGE=$BUILD_BASE" --build-arg "RUNTIME_IMAGE=$RUNTIME_BASE")
if [ "${MAVEN_OFFLINE:-1}" = 1 ] && [ -d "$HOME/.m2/repository" ]; then
  build_args+=(--volume "$HOME/.m2/repository:/host-m2:ro" --build-arg "MAVEN_ARGS=-o -Dmaven.repo.local=/host-m2")
fi
start=$SECONDS
podman build --layers "${build_args[@]}" -t "$IMAGE" -f Dockerfile .
echo "image $IMAGE built in $((SECONDS - start)) s"
podman image inspect --format 'image {{index .RepoTags 0}}: {{.Size}} bytes' "$IMAGE"
podman image inspect --format '  base {{index .RepoTags 0}}: {{.Size}} bytes' "$RUNTIME_BASE"
