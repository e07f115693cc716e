#!/usr/bin/env bash
# The .deb: cpack builds it from the install rules; its dependencies are Debian packages (this machine has
# each); dpkg installs it into a scratch root, where the binary runs, and the completions and the man page are
# where the shells and man look, equal to what the installed binary generates.
source "$(dirname "$0")/lib.bash"
build_dir=$(dirname "$APICTL")

expect_exit 0 "cpack builds the .deb" -- cpack --config "$build_dir/CPackConfig.cmake" -B "$work/package"
package=$(find "$work/package" -maxdepth 1 -name 'apictl_*.deb' | head -1)
check "a .deb was written" -- test -f "$package"

dpkg-deb --field "$package" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep . >"$work/depends"
check "it depends on the shared libraries' packages (libc6, libgit2, libuv1, ...)" -- \
  bash -c "grep -qx libc6 '$work/depends' && grep -q '^libgit2' '$work/depends' && grep -qx libuv1 '$work/depends'"
while read -r dependency; do
  check "dependency $dependency is a Debian package installed here" -- \
    bash -c "dpkg-query -W -f='\${Status}' '$dependency' | grep -q 'install ok installed'"
done <"$work/depends"

root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status"
# The scratch root's package database is empty, so the dependencies (present on this machine) are forced.
expect_exit 0 "dpkg installs it into a scratch root" -- \
  dpkg --root="$root" --force-depends --force-not-root --log=/dev/null -i "$package"
expect_exit 0 "the installed binary runs" -- "$root/usr/bin/apictl" --version
check "it prints its version" -- grep -qE '^apictl [0-9]+\.[0-9]+\.[0-9]+$' "$work/out"
check "dpkg knows it as installed" -- bash -c "dpkg --root='$root' -s apictl | grep -q 'Status: install ok installed'"

installed_equals() {  # installed_equals FILE ARGS...: FILE is what the installed binary prints for ARGS
  local file=$1
  shift
  "$root/usr/bin/apictl" "$@" | cmp -s - "$root/$file"
}
check "bash completion installed" -- installed_equals usr/share/bash-completion/completions/apictl completion bash
check "zsh completion installed" -- installed_equals usr/share/zsh/vendor-completions/_apictl completion zsh
check "fish completion installed" -- installed_equals usr/share/fish/vendor_completions.d/apictl.fish completion fish
check "man page installed" -- installed_equals usr/share/man/man1/apictl.1 man
check "man reads the installed page" -- bash -c "man -l '$root/usr/share/man/man1/apictl.1' 2>/dev/null | grep -q 'EXIT STATUS'"
check "the guides every --help names are installed" -- bash -c \
  "test -f '$root/usr/share/doc/apictl/contract-lint.md' && test -f '$root/usr/share/doc/apictl/doctor.md'"
"$root/usr/bin/apictl" contract lint --help | sed -n 's/^Guide: docs\/\([^ ]*\).*/\1/p' >"$work/guide"
check "contract lint --help names its guide, and it is there" -- \
  bash -c "test -s '$work/guide' && test -f '$root/usr/share/doc/apictl/$(cat "$work/guide")'"

# Under any other prefix (/usr/local), zsh's completion goes where zsh looks there: share/zsh/site-functions.
expect_exit 0 "cmake --install under another prefix" -- cmake --install "$build_dir" --prefix "$work/local"
check "zsh completion in site-functions there" -- test -f "$work/local/share/zsh/site-functions/_apictl"
check "and not in vendor-completions, which zsh reads only under /usr" -- \
  test ! -e "$work/local/share/zsh/vendor-completions/_apictl"

expect_exit 0 "dpkg removes it again" -- dpkg --root="$root" --force-not-root --log=/dev/null -r apictl
check "nothing of it is left" -- test ! -e "$root/usr/bin/apictl"

finish
