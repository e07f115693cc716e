#!/usr/bin/env bash
# Tries the README's two commands as a newcomer would: on a fresh Debian 12 (debootstrap: minbase plus git and
# sudo), as an ordinary user with sudo, in a clone of this repository's HEAD with the shared test data beside
# it. Needs root (debootstrap, chroot) and the network to deb.debian.org. Logs go to ROOT/home/newcomer/*.log.
# Usage: sudo scripts/fresh-machine-trial.sh ROOT [SHARED]   (ROOT: an empty or absent folder; SHARED: ../shared)
set -euo pipefail

root=${1:?usage: scripts/fresh-machine-trial.sh ROOT [SHARED]}
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${2:-$repo/../shared}
[[ $(id -u) == 0 ]] || { echo "fresh-machine-trial: needs root (debootstrap and chroot)" >&2; exit 2; }
[[ -d $shared/corpus ]] || { echo "fresh-machine-trial: no test data at $shared (corpus/, oasdiff/)" >&2; exit 2; }
if [[ -e $root && -n $(ls -A "$root") ]]; then
  echo "fresh-machine-trial: $root is not empty; give an empty or absent folder" >&2
  exit 2
fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null

mounted=()
release_mounts() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" || true; done
}
trap release_mounts EXIT

started=$(date +%s)
phase() { echo "[$(($(date +%s) - started)) s] $*" >&2; }

phase "debootstrap bookworm (minbase, git, sudo, ca-certificates)"
debootstrap --variant=minbase --include=git,sudo,ca-certificates bookworm "$root" http://deb.debian.org/debian \
  >"$root.debootstrap.log" 2>&1
cat >"$root/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
for fs in proc sys dev dev/pts; do
  mount --bind "/$fs" "$root/$fs"
  mounted+=("$root/$fs")
done
mkdir -p "$root/dev/shm"
mount -t tmpfs tmpfs "$root/dev/shm"
mounted+=("$root/dev/shm")

phase "user newcomer (sudo without a password), a clone of HEAD and the shared test data"
chroot "$root" useradd --create-home --shell /bin/bash newcomer
echo "newcomer ALL=(ALL) NOPASSWD:ALL" >"$root/etc/sudoers.d/newcomer"
git clone -q "$repo" "$root/home/newcomer/apictl"
cp -a "$shared" "$root/home/newcomer/shared"
chroot "$root" chown -R newcomer:newcomer /home/newcomer

as_newcomer() { chroot "$root" sudo -u newcomer -H bash -c "cd ~/apictl && $1"; }
status=0
for command in scripts/quickstart.sh scripts/test.sh; do
  phase "$command"
  log="$root/home/newcomer/$(basename "$command" .sh).log"
  if as_newcomer "$command" >"$log" 2>&1; then
    phase "$command: exit 0"
  else
    status=$?
    phase "$command: exit $status; the end of $log:"
    tail -n 40 "$log" >&2
    break
  fi
done
phase "done"
exit "$status"
