#!/usr/bin/env bash
# `apictl new` on bad input: each case exits 2 with a clear message, leaves nothing behind and changes
# nothing of the user's. Also the questions on a terminal (re-asked on bad input) and Ctrl-C while asking.
source "$(dirname "$0")/lib.bash"

# Nothing but the named entries in a folder: no project, no temporary folder.
only() {  # only FOLDER [NAME...]
  local folder="$1"
  shift
  [[ "$(ls -A "$folder" | sort | tr '\n' ' ')" == "$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ')" ]]
}

mkdir -p "$work/area"
area="$work/area"

expect_exit 2 "unknown template" -- "$APICTL" new "$area/p" --template fastpai --defaults
check "names it and suggests the near one" -- grep -q "no built-in template named 'fastpai'; did you mean 'fastapi'" "$work/err"
check "nothing left" -- only "$area"

mkdir -p "$work/bad-toml"
printf '[template]\nname = "t"\nversion = "1"\n[[variables]]\nname = "x"\ndefualt = "y"\n' >"$work/bad-toml/template.toml"
expect_exit 2 "malformed template.toml" -- "$APICTL" new "$area/p" --template "$work/bad-toml" --defaults
check "line:col and the key" -- grep -q "bad-toml/template.toml:6:1: error: unknown key 'defualt' in \[\[variables\]\]; did you mean 'default'" "$work/err"
printf '[template\nname = "t"\n' >"$work/bad-toml/template.toml"
expect_exit 2 "invalid TOML" -- "$APICTL" new "$area/p" --template "$work/bad-toml" --defaults
check "line:col of the syntax error" -- grep -Eq "bad-toml/template.toml:1:[0-9]+: error: " "$work/err"
check "nothing left" -- only "$area"

expect_exit 2 "answer failing validation" -- "$APICTL" new "$area/p" --defaults --set "project_name=Not Valid"
check "names the rule" -- grep -q "'Not Valid' for 'project_name' is not accepted; it must match" "$work/err"
expect_exit 2 "unknown variable in --set" -- "$APICTL" new "$area/p" --defaults --set porrt=1
check "suggests the variable" -- grep -q "did you mean 'port'" "$work/err"
check "nothing left" -- only "$area"

expect_exit 2 "no terminal, no --defaults" -- bash -c "'$APICTL' new '$area/p' --set port=9000 </dev/null"
check "names every unanswered variable" -- grep -q "no answer for project_name, package, description, license, git, venv" "$work/err"
check "nothing left" -- only "$area"

# A traversal through an answer used in a file name, and a template link leading out.
mkdir -p "$work/tpl"
printf '[template]\nname = "t"\nversion = "1"\n[[variables]]\nname = "module"\ndefault = "core"\n' >"$work/tpl/template.toml"
echo "x" >"$work/tpl/{{ module }}.py"
expect_exit 2 "traversal in an answer" -- "$APICTL" new "$area/p" --template "$work/tpl" --defaults --set module=../../evil
check "says it leaves the folder" -- grep -q "file name '../../evil.py' leaves the project folder" "$work/err"
expect_exit 2 "absolute path in an answer" -- "$APICTL" new "$area/p" --template "$work/tpl" --defaults --set module=/tmp/evil
check "says it is absolute" -- grep -q "is absolute" "$work/err"
ln -s /etc/hostname "$work/tpl/hostname"
expect_exit 2 "a template link leading out" -- "$APICTL" new "$area/p" --template "$work/tpl" --defaults
check "names the link" -- grep -q "'hostname' is a link leading out of the template folder" "$work/err"
rm "$work/tpl/hostname"
check "nothing left" -- only "$area"
check "nothing escaped" -- test ! -e "$work/evil.py" -a ! -e /tmp/evil.py

mkdir -p "$area/taken"
echo "mine" >"$area/taken/notes.md"
expect_exit 2 "non-empty target" -- "$APICTL" new "$area/taken" --defaults --no-hooks
check "says so and offers --force" -- grep -q "exists and is not empty; .*--force" "$work/err"
echo "mine" >"$area/taken/README.md"
expect_exit 2 "--force never overwrites" -- "$APICTL" new "$area/taken" --defaults --no-hooks --force
check "names the file it would overwrite" -- grep -q "^  README.md" "$work/err"
check "the user's files are unchanged, nothing added" -- only "$area/taken" notes.md README.md
check "README.md still the user's" -- grep -qx mine "$area/taken/README.md"
rm "$area/taken/README.md"
expect_exit 0 "--force adds beside the user's files" -- "$APICTL" new "$area/taken" --defaults --no-hooks --force
check "the user's file is kept" -- grep -qx mine "$area/taken/notes.md"
rm -rf "$area/taken"

# Read-only: as root, permissions do not bind, so run as nobody when root.
mkdir -p "$work/ro/locked"
chmod 755 "$work" "$work/ro"
chmod 555 "$work/ro/locked"
# A copy of the binary (it needs no data files) that nobody may run, wherever the build tree is.
mkdir -p "$work/bin"
cp "$APICTL" "$work/bin/apictl"
chmod 755 "$work/bin" "$work/bin/apictl"
as_user=()
if [[ "$(id -u)" == 0 ]]; then
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
expect_exit 2 "read-only parent" -- "${as_user[@]}" "$work/bin/apictl" new "$work/ro/locked/p" --defaults --no-hooks
check "says it cannot write there" -- grep -q "cannot create a folder in '$work/ro/locked': Permission denied" "$work/err"
expect_exit 2 "read-only empty target" -- "${as_user[@]}" "$work/bin/apictl" new "$work/ro/locked" --defaults --no-hooks
check "nothing left in either" -- only "$work/ro" locked
check "locked is still empty" -- only "$work/ro/locked"
chmod 755 "$work/ro/locked"

# A full disk, simulated by a file size limit: the first large write fails.
expect_exit 2 "a failing write" -- bash -c "trap '' XFSZ; ulimit -f 4; exec '$APICTL' new '$area/p' --defaults --no-hooks"
check "names the file and the cause" -- grep -Eq "cannot write '.*': File too large" "$work/err"
check "nothing left" -- only "$area"

# On a terminal: questions with defaults, a bad answer asked again, then Ctrl-C at the next question.
cat >"$work/drive_terminal.py" <<'PY'
import os, pty, select, sys, time

apictl, target, script = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execv(apictl, [apictl, "new", target, "--no-hooks"])
seen = b""

def wait_for(text, timeout=10):
    global seen
    deadline = time.time() + timeout
    while text.encode() not in seen:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
        if not ready:
            sys.exit(f"timed out waiting for {text!r}; saw {seen.decode(errors='replace')!r}")
        try:
            seen += os.read(fd, 4096)
        except OSError:
            break

def wait_until_reading(timeout=10):
    # Like a person, type only once apictl waits on the terminal: a Ctrl-C typed ahead of its read() would
    # race with the question (a gap of microseconds for a person, but not for this script).
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with open(f"/proc/{pid}/wchan") as wchan:
                if wchan.read().strip().split(".")[0] in ("wait_woken", "n_tty_read", "poll_schedule_timeout"):
                    return
        except OSError:
            return
        time.sleep(0.01)

for expect, answer in [line.split("|", 1) for line in script.strip().split("\n")]:
    wait_for(expect)
    wait_until_reading()
    seen = b""
    os.write(fd, answer.encode().decode("unicode_escape").encode())
deadline = time.time() + 20
while True:
    ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
    if not ready:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.exit(f"apictl did not finish; saw {seen.decode(errors='replace')!r}")
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
expect_exit 2 "Ctrl-C while asking" -- /usr/bin/python3 "$work/drive_terminal.py" "$APICTL" "$area/p" \
  "Project name [p]: |Bad Name\n
it must match|\n
Python package [p]: |\x03"
check "says it was interrupted" -- grep -q "interrupted; nothing was written" "$work/out"
check "nothing left" -- only "$area"
expect_exit 0 "answering every question" -- /usr/bin/python3 "$work/drive_terminal.py" "$APICTL" "$area/p" \
  "Project name [p]: |pets\n
Python package [pets]: |\n
One-line description|\n
License (SPDX id) (MIT, Apache-2.0, BSD-3-Clause, MPL-2.0) [MIT]: |GPL\n
choose one of|Apache-2.0\n
Local development port [8000]: |8081\n
Run git init [Y/n]: |n\n
Create .venv and install the dependencies now [y/N]: |\n"
check "the answers are recorded" -- grep -q '^license = "Apache-2.0"$' "$area/p/apictl.toml"
check "the int answer is recorded as an int" -- grep -q '^port = 8081$' "$area/p/apictl.toml"
finish
