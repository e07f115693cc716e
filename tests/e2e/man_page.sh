#!/usr/bin/env bash
# The man page: man/apictl.1 is what `apictl man` prints and docs/commands.md what `apictl man --format
# markdown` prints; groff reads the page without a warning, and it documents every command and flag the binary
# has (read back from `--help`), with the examples of each command.
source "$(dirname "$0")/lib.bash"

expect_exit 0 "apictl man" -- "$APICTL" man
check "man/apictl.1 is what the binary generates (run: apictl man > man/apictl.1)" -- cmp -s "$work/out" man/apictl.1
expect_exit 0 "apictl man --format markdown" -- "$APICTL" man --format markdown
check "docs/commands.md is what the binary generates (run: apictl man --format markdown > docs/commands.md)" -- \
  cmp -s "$work/out" docs/commands.md
check "the Markdown reference has a section per command" -- \
  bash -c "test \$(grep -c '^## apictl ' docs/commands.md) -ge 20 && grep -q '^## apictl contract lint' docs/commands.md"
check "groff reads it without a warning" -- bash -c "groff -man -Tutf8 -ww -z man/apictl.1 2>&1 | (! grep .)"
MANWIDTH=200 man -l man/apictl.1 2>/dev/null | col -b >"$work/page"
check "it renders" -- grep -q "^NAME" "$work/page"

# Every command of the --help tree has its section, and each of its flags is described there.
commands_of() {  # commands_of WORD... : the subcommands --help lists
  "$APICTL" "$@" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{exit}'
}
documented() {  # documented WORD... : the section "apictl WORD..." lists every long flag of WORD's --help
  local section
  section=$(awk -v head="   apictl $*" 'index($0, head) == 1 {on=1; print; next} on && /^   apictl /{exit} on' "$work/page")
  [[ -n "$section" ]] || { echo "  no section for apictl $*" >&2; return 1; }
  local flag
  for flag in $("$APICTL" "$@" --help | grep -oE '^  (-[A-Za-z], ?)?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+'); do
    [[ $flag == --help || $flag == --help-all ]] && continue
    grep -qF -- "$flag" <<<"$section" || { echo "  apictl $*: $flag is not documented" >&2; return 1; }
  done
}
sections=0
for command in $(commands_of); do
  subcommands=$(commands_of "$command")
  if [[ -z "$subcommands" ]]; then
    check "apictl $command is documented with its flags" -- documented "$command"
    sections=$((sections + 1))
  fi
  for sub in $subcommands; do
    check "apictl $command $sub is documented with its flags" -- documented "$command" "$sub"
    sections=$((sections + 1))
  done
done
check "at least 20 commands were looked for" -- test "$sections" -ge 20
check "examples are shown" -- grep -q "apictl contract diff old.yaml new.yaml" "$work/page"
check "exit status is explained" -- grep -q "^EXIT STATUS" "$work/page"

finish
