#!/usr/bin/env bash
# Shell completions: the scripts kept in completions/ are exactly what `apictl completion SHELL` prints, and
# each one, loaded in its shell, completes subcommands, flags, flag values (formats, templates, rule ids) and
# file paths. bash always; zsh and fish when installed (scripts/setup.sh installs them).
source "$(dirname "$0")/lib.bash"
root=$PWD

for pair in bash:apictl.bash zsh:_apictl fish:apictl.fish; do
  shell=${pair%%:*} file=completions/${pair#*:}
  expect_exit 0 "apictl completion $shell" -- "$APICTL" completion "$shell"
  check "$file is what the binary generates (run: apictl completion $shell > $file)" -- cmp -s "$work/out" "$file"
done
expect_exit 2 "an unknown shell" -- "$APICTL" completion tcsh
check "an unknown shell: says which are known" -- grep -q "bash" "$work/err"

# A folder with files to complete.
mkdir -p "$work/project/specs"
touch "$work/project/openapi.yaml" "$work/project/other.json"
cd "$work/project"

# --- bash: load the script and call its function as readline would.
bash_complete() {  # bash_complete WORD... (the last word is the one being completed)
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _apictl; printf "%s\n" "${COMPREPLY[@]}"' bash "$root/completions/apictl.bash" "$@" | sort
}
offers() {  # offers SHELL WORD... -- EXPECTED... (each expected word is among the completions)
  local shell=$1
  shift
  local words=()
  while [[ $1 != -- ]]; do words+=("$1"); shift; done
  shift
  "${shell}_complete" "${words[@]}" >"$work/got"
  local want
  for want in "$@"; do
    grep -qxF -- "$want" "$work/got" || { echo "  $shell: '${words[*]}' lacks '$want'; got: $(tr '\n' ' ' <"$work/got")" >&2; return 1; }
  done
}
only() {  # only SHELL WORD... -- EXPECTED... (the completions are exactly these)
  local shell=$1
  shift
  local words=()
  while [[ $1 != -- ]]; do words+=("$1"); shift; done
  shift
  "${shell}_complete" "${words[@]}" >"$work/got"
  printf '%s\n' "$@" | sort >"$work/want"
  cmp -s "$work/got" "$work/want" || { echo "  $shell: '${words[*]}' gave $(tr '\n' ' ' <"$work/got")" >&2; return 1; }
}

shell_checks() {  # shell_checks SHELL
  local s=$1
  check "$s: a subcommand" -- only "$s" apictl contract li -- lint
  check "$s: the top-level commands" -- offers "$s" apictl '' -- new dev contract migrate slo completion
  check "$s: a command's flags" -- offers "$s" apictl contract lint --f -- --format --fail-severity
  check "$s: a flag's values" -- offers "$s" apictl contract lint --format '' -- text json sarif
  check "$s: built-in templates" -- offers "$s" apictl new --template '' -- fastapi cpp-httplib
  check "$s: lint rule ids" -- offers "$s" apictl contract lint --rule operation-op -- operation-operation-id=
  check "$s: file paths as arguments" -- offers "$s" apictl contract lint o -- openapi.yaml other.json
  check "$s: folders for -C" -- only "$s" apictl -C s -- specs
  check "$s: subcommands of migrate" -- offers "$s" apictl migrate '' -- plan apply rollback status
}
shell_checks bash
check "bash: --format=VALUE" -- offers bash apictl contract lint --format = -- json

# --- zsh: load the script with zsh's completion functions replaced by ones that print what they are given.
if command -v zsh >/dev/null; then
  zsh_complete() {
    zsh -f -c '
      compdef() { :; }
      compadd() { local -a suffix arrays; zparseopts -D -E S:=suffix a=arrays; if (( ${#arrays} )); then print -l -- ${(P)1}; else print -l -- "$@"; fi }
      _describe() { local -a items; items=("${(@P)4}"); print -l -- ${items%%:*}; }
      _files() { if [[ $1 == -/ ]]; then print -l -- ${PREFIX}*(N/); else print -l -- ${PREFIX}*(N); fi }
      source "$1"; shift
      words=("$@"); CURRENT=$#; PREFIX=${words[CURRENT]}
      _apictl' zsh "$root/completions/_apictl" "$@" | sed 's/\\:/:/g' | awk -v prefix="${*: -1}" 'index($0, prefix) == 1' |
      sort -u
  }
  check "zsh: the script parses" -- zsh -n "$root/completions/_apictl"
  shell_checks zsh
else
  echo "SKIP: zsh is not installed (scripts/setup.sh installs it)"
fi

# --- fish: its own `complete -C` answers for a command line.
if command -v fish >/dev/null; then
  fish_complete() {
    fish --no-config -c 'source $argv[1]; complete -C (string join " " -- $argv[2..-1])' "$root/completions/apictl.fish" \
      "$@" | cut -f1 | sed 's|/$||' | sort -u  # fish ends folders with '/'
  }
  check "fish: the script parses" -- fish --no-execute "$root/completions/apictl.fish"
  shell_checks fish
else
  echo "SKIP: fish is not installed (scripts/setup.sh installs it)"
fi

finish
