#!/usr/bin/env bash
# docs/ci.md's recipes: docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml parse, equal the blocks on that page
# and have the settings the checks rely on (full clone, SARIF upload, JUnit reports, the target branch fetched).
# Then every apictl command of their run:/script: steps (and GitLab's git fetch) runs in a clone of a scratch
# project, so origin/main exists, with the CI variables set to local values: on main; on a branch adding an
# endpoint whose test came 10 days after its operation; on a branch with a breaking change; with a contract that
# does not resolve; and against a target branch not fetched yet. The steps that build and install apictl are not
# run (they need the network); `apictl` is the binary under test.
source "$(dirname "$0")/lib.bash"
need_python_modules yaml
started=$SECONDS

github=docs/ci/github-actions.yml
gitlab=docs/ci/gitlab-ci.yml

# The files: each check printed as "ok DESCRIPTION" or "FAIL DESCRIPTION"; each file's commands written one a line
# (continuations joined) to $work/github.cmds and $work/gitlab.cmds, in job and step order.
cat >"$work/recipes.py" <<'EOF'
import re, sys, yaml

github_path, gitlab_path, doc_path, out = sys.argv[1:5]

def check(description, ok):
    print(("ok " if ok else "FAIL ") + description)

def shell_lines(script):
    return [line.strip() for line in script.replace("\\\n", " ").splitlines() if line.strip()]

def commands(scripts):
    return [line for script in scripts for line in shell_lines(script)
            if line.startswith("apictl ") or line.startswith("git fetch ")]

def redirect_target(command):
    match = re.search(r"> *(\S+)", command)
    return match.group(1) if match else None

texts, docs = {}, {}
for path in (github_path, gitlab_path):
    texts[path] = open(path).read()
    try:
        docs[path] = yaml.safe_load(texts[path])
        check(f"{path} parses as YAML", isinstance(docs[path], dict))
    except yaml.YAMLError as error:
        check(f"{path} parses as YAML: {error}", False)
        docs[path] = {}
blocks = re.findall(r"^```yaml\n(.*?)^```$", open(doc_path).read(), re.S | re.M)
for path in (github_path, gitlab_path):
    check(f"{doc_path} shows {path} verbatim in a ```yaml block", texts[path] in blocks)

# GitHub Actions. PyYAML reads YAML 1.1, where the key `on` is the boolean true.
gh = docs[github_path]
triggers = gh.get("on", gh.get(True)) or {}
check("github: runs on pull_request", "pull_request" in triggers)
check("github: may write code scanning results", (gh.get("permissions") or {}).get("security-events") == "write")
steps = [step for job in (gh.get("jobs") or {}).values() for step in job.get("steps", [])]
checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")
             and "repository" not in (s.get("with") or {})]
check("github: the project is checked out with its full history (fetch-depth: 0)",
      len(checkouts) == 1 and str((checkouts[0].get("with") or {}).get("fetch-depth")) == "0")
runs = [s["run"] for s in steps if "run" in s]
gh_commands = commands(runs)
lint = [c for c in gh_commands if c.startswith("apictl contract lint") and "--format sarif" in c]
uploads = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
check("github: lint writes SARIF to a file that upload-sarif uploads",
      len(lint) == 1 and len(uploads) == 1 and (uploads[0].get("with") or {}).get("sarif_file") == redirect_target(lint[0]))
check("github: the upload runs when lint failed too", uploads and "!cancelled()" in str(uploads[0].get("if", "")))
diff_steps = [s for s in steps if "apictl contract diff" in s.get("run", "")]
check("github: the diff step runs on pull requests", len(diff_steps) == 1 and "pull_request" in str(diff_steps[0].get("if", "")))
check("github: the diff annotates (--format github) against origin/$GITHUB_BASE_REF",
      any("--format github" in c and '"origin/$GITHUB_BASE_REF:' in c for c in gh_commands))
slo = [c.split()[2] for c in gh_commands if c.startswith("apictl slo ")]
check("github: slo measure, then slo check", slo == ["measure", "check"])

# GitLab CI: jobs are the top-level mappings with a script; `extends` brings a hidden job's keys.
gl = docs[gitlab_path]
check("gitlab: full clones (GIT_DEPTH: 0)", str((gl.get("variables") or {}).get("GIT_DEPTH")) == "0")
gl_commands, junit_ok = [], True
jobs = {name: job for name, job in gl.items() if isinstance(job, dict) and "script" in job and not name.startswith(".")}
for name, job in jobs.items():
    merged = {}
    for base in ([job["extends"]] if isinstance(job.get("extends"), str) else job.get("extends", [])):
        merged.update(gl.get(base) or {})
    merged.update(job)
    job_commands = commands(merged.get("before_script", []) + merged.get("script", []))
    gl_commands += job_commands
    for command in job_commands:
        if "--format junit" in command:
            artifacts = merged.get("artifacts") or {}
            junit_ok &= (artifacts.get("reports") or {}).get("junit") == redirect_target(command) \
                and artifacts.get("when") == "always"
    if any(c.startswith("apictl contract diff") for c in job_commands):
        check(f"gitlab: {name} runs in merge request pipelines",
              "merge_request_event" in str(job.get("rules", "")))
        fetch = [i for i, c in enumerate(job_commands) if c.startswith("git fetch ")]
        diff = [i for i, c in enumerate(job_commands) if c.startswith("apictl contract diff")]
        check(f"gitlab: {name} fetches the target branch before diffing", fetch and diff and fetch[0] < diff[0])
        check(f"gitlab: {name} diffs against origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
              all('"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME:' in job_commands[i] for i in diff))
check("gitlab: every JUnit report is an artifacts:reports:junit, kept when the job fails", junit_ok)
for kind in ("apictl contract lint --format junit", "apictl contract diff", "apictl slo check"):
    check(f"gitlab: has {kind}", any(c.startswith(kind) for c in gl_commands))

for recipe, found in (("github", gh_commands), ("gitlab", gl_commands)):
    check(f"{recipe}: apictl commands found", len(found) >= 4)
    with open(f"{out}/{recipe}.cmds", "w") as file:
        file.writelines(command + "\n" for command in found)
EOF
: >"$work/github.cmds"
: >"$work/gitlab.cmds"
"$python" "$work/recipes.py" "$github" "$gitlab" docs/ci.md "$work" >"$work/recipe-checks" 2>&1 || true
check "the recipe checks ran" -- grep -q '^ok ' "$work/recipe-checks"
while read -r verdict description; do
  if [[ "$verdict" == ok ]]; then
    check "$description" -- true
  else
    check "$description" -- false
  fi
done < <(grep -E '^(ok|FAIL) ' "$work/recipe-checks")
grep -Ev '^(ok|FAIL) ' "$work/recipe-checks" >&2 || true  # a traceback, if any
# shellcheck disable=SC2034  # read through run_recipe's nameref
mapfile -t github_cmds <"$work/github.cmds"
mapfile -t gitlab_cmds <"$work/gitlab.cmds"

# The scratch project, committed as `main` 20 days ago with a lead-time budget; its branches:
#   additions: GET /pets/{petId}, its operation and route 10 days ago, its test now (lead time 10 days);
#   breaking:  `limit` required (ERR), a maximum on `item_id` (WARN), getItem without a description (a lint warning).
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.com \
  GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.com
now=$(date +%s)
days_ago() {  # days_ago N COMMAND...: COMMAND with git's author and committer dates N days back
  local when="@$((now - $1 * 86400)) +0000"
  shift
  GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" "$@"
}
upstream="$work/petstore"
clone="$work/clone"
expect_exit 0 "apictl new" -- "$APICTL" new "$upstream" --defaults --no-hooks
printf '\n[slo]\nlead_time_p90_days = 7\n' >>"$upstream/apictl.toml"
git -C "$upstream" init -q -b main
git -C "$upstream" add -A
days_ago 20 git -C "$upstream" commit -qm "apictl new petstore"
git -C "$upstream" checkout -q -b additions
expect_exit 0 "apictl add endpoint" -- "$APICTL" -C "$upstream" add endpoint GET '/pets/{petId}'
git -C "$upstream" add openapi.yaml petstore
days_ago 10 git -C "$upstream" commit -qm "GET /pets/{petId}: operation and route"
git -C "$upstream" add -A
days_ago 0 git -C "$upstream" commit -qm "GET /pets/{petId}: its test"
git -C "$upstream" checkout -q -b breaking main
check "the breaking edits apply" -- "$python" - "$upstream/openapi.yaml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path).read()
for old, new in [
    ("          required: false\n          description: How many", "          required: true\n          description: How many"),
    ("          description: The item's id\n          schema:\n            type: integer\n",
     "          description: The item's id\n          schema:\n            type: integer\n            maximum: 1000000\n"),
    ("      description: Returns one item by its id.\n", ""),
]:
    assert text.count(old) == 1, old
    text = text.replace(old, new)
open(path, "w").write(text)
EOF
git -C "$upstream" commit -qam "limit required, item_id at most 1000000"
git -C "$upstream" checkout -q main
git clone -q "$upstream" "$clone"

# What each command must exit with in the current scenario.
lint_exit=0 diff_exit=0 check_exit=0 target=main
expected_exit() {
  case "$1" in
    *"|| true" | "apictl --version" | "git fetch "* | "apictl slo measure "*) echo 0 ;;
    "apictl contract lint"*) echo "$lint_exit" ;;
    "apictl contract diff"*) echo "$diff_exit" ;;
    "apictl slo check"*) echo "$check_exit" ;;
    *) echo unknown ;;
  esac
}
mkdir -p "$work/bin"
ln -s "$APICTL" "$work/bin/apictl"
# run_recipe RECIPE SCENARIO [REGEX]: the recipe's commands (those matching ^REGEX) in the clone, each with sh as
# a CI step runs it; the annotations and slo check's output kept as $work/SCENARIO.RECIPE.{annotations,slo-check}.
run_recipe() {
  local recipe=$1 scenario=$2 filter=${3:-} command want
  local -n commands="${recipe}_cmds"
  : >"$work/$scenario.$recipe.annotations"
  for command in "${commands[@]}"; do
    [[ -z "$filter" || "$command" =~ ^($filter) ]] || continue
    want=$(expected_exit "$command")
    if [[ "$want" == unknown ]]; then
      check "$recipe: the test knows what to expect of: $command" -- false
      continue
    fi
    expect_exit "$want" "$scenario, $recipe: $command" -- env -C "$clone" PATH="$work/bin:$PATH" \
      GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF="$target" GITHUB_WORKSPACE="$clone" \
      GITHUB_STEP_SUMMARY="$work/$scenario.step-summary.md" GITHUB_OUTPUT="$work/github-output" \
      CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_TARGET_BRANCH_NAME="$target" CI_PROJECT_DIR="$clone" \
      sh -c "$command" || true
    case "$command" in
      *"--format github"*) cp "$work/out" "$work/$scenario.$recipe.annotations" ;;
      "apictl slo check"*) cp "$work/out" "$work/$scenario.$recipe.slo-check" ;;
    esac
  done
}

# annotation_at FILE LEVEL ID TEXT: FILE has a ::LEVEL annotation for check ID with file= and line=, and that line
# of that file in the clone holds TEXT.
annotation_at() {
  local annotation file line
  annotation=$(grep -E "^::$2 file=[^,]+,line=[0-9]+,col=[0-9]+,title=$3::" "$1" | head -1)
  [[ -n "$annotation" ]] || return 1
  file=${annotation#*file=} && file=${file%%,*}
  line=${annotation#*,line=} && line=${line%%,*}
  sed -n "${line}p" "$clone/$file" | grep -qF -- "$4"
}
# sarif_has FILE PYTHON-CONDITION: the SARIF log parses, is 2.1.0, and the condition on its `results` holds.
sarif_has() {
  "$python" -c "
import json, sys
log = json.load(open(sys.argv[1]))
assert log['version'] == '2.1.0', log['version']
results = log['runs'][0]['results']
assert ($2), results" "$1"
}
# junit_failures FILE N: FILE is well-formed JUnit XML with N <failure>s.
junit_failures() {
  "$python" -c "
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
sys.exit(len(doc.getElementsByTagName('failure')) != int(sys.argv[2]))" "$1" "$2"
}

# Nothing measured yet: a budget without a measurement fails the check.
check_exit=1
run_recipe github never "apictl slo check"
run_recipe gitlab never "apictl slo check"
for recipe in github gitlab; do
  check "never measured, $recipe: says so" -- grep -q 'lead_time_p90_days: never measured' "$work/never.$recipe.slo-check"
done

# main against itself: nothing found, nothing changed, the budget met (every operation had its test at once).
lint_exit=0 diff_exit=0 check_exit=0
run_recipe github main
run_recipe gitlab main
check "main: lint.sarif is SARIF 2.1.0 without results" -- sarif_has "$clone/lint.sarif" "results == []"
check "main: no annotations" -- test ! -s "$work/main.github.annotations"
check "main, github: the budget met" -- grep -q 'all 1 budgets met' "$work/main.github.slo-check"
check "main: contract-lint.xml is JUnit without failures" -- junit_failures "$clone/contract-lint.xml" 0
check "main: contract-diff.xml is JUnit without failures" -- junit_failures "$clone/contract-diff.xml" 0

# Only an addition: the diff passes with a notice on the new operation; lead time 10 days breaches 7.
git -C "$clone" checkout -q additions
lint_exit=0 diff_exit=0 check_exit=1
run_recipe github additions
run_recipe gitlab additions
check "additions: a ::notice on the added operation (its first key)" -- \
  annotation_at "$work/additions.github.annotations" notice endpoint-added "operationId: getPetsByPetId"
check "additions: no ::error or ::warning" -- bash -c "! grep -Eq '^::(error|warning) ' '$work/additions.github.annotations'"
check "additions: the step summary has the Markdown report" -- grep -qF 'GET /pets/{petId}' "$work/additions.step-summary.md"
for recipe in github gitlab; do
  check "additions, $recipe: the lead-time budget breached" -- \
    grep -Eq 'BREACHED  lead_time_p90_days: 10(\.00)? days > 7 days' "$work/additions.$recipe.slo-check"
done
check "additions: contract-diff.xml passes (an INFO change)" -- junit_failures "$clone/contract-diff.xml" 0

# A breaking change: the diff fails, annotating the changed lines; lint passes with its warning in the SARIF.
git -C "$clone" checkout -q breaking
lint_exit=0 diff_exit=1 check_exit=0
run_recipe github breaking
run_recipe gitlab breaking
annotations="$work/breaking.github.annotations"
check "breaking: ::error on the line that made limit required" -- \
  annotation_at "$annotations" error request-parameter-became-required "required: true"
check "breaking: ::warning on the line that set item_id's maximum" -- \
  annotation_at "$annotations" warning request-parameter-max-set "maximum: 1000000"
check "breaking: the step summary counts the breaking change" -- grep -qi 'breaking\|ERR' "$work/breaking.step-summary.md"
check "breaking: lint.sarif has the warning with file and line" -- sarif_has "$clone/lint.sarif" "
[(r['ruleId'], r['level'], r['locations'][0]['physicalLocation']['artifactLocation']['uri'])
 for r in results] == [('operation-description', 'warning', 'openapi.yaml')]
and results[0]['locations'][0]['physicalLocation']['region']['startLine'] > 0"
check "breaking: contract-diff.xml fails the ERR change only" -- junit_failures "$clone/contract-diff.xml" 1
# Lint's JUnit fails what the exit code fails: the warning is a passing case, with the finding in its output.
check "breaking: contract-lint.xml passes the warning, as the exit code does" -- \
  junit_failures "$clone/contract-lint.xml" 0
check "breaking: contract-lint.xml still shows the warning" -- grep -q "operation-description" "$clone/contract-lint.xml"

# A contract that does not resolve: lint exits 1, the error in both reports.
sed -i "s|'#/components/schemas/Health'|'#/components/schemas/Healthy'|" "$clone/openapi.yaml"
check "the broken \$ref is in place" -- grep -q "schemas/Healthy'" "$clone/openapi.yaml"
lint_exit=1
run_recipe github broken "apictl contract lint"
run_recipe gitlab broken "apictl contract lint"
check "broken: lint.sarif has the error" -- sarif_has "$clone/lint.sarif" \
  "any(r['ruleId'] == 'no-unresolved-refs' and r['level'] == 'error' for r in results)"
check "broken: contract-lint.xml fails the error alone" -- junit_failures "$clone/contract-lint.xml" 1
git -C "$clone" checkout -q -- openapi.yaml

# A target branch the clone has not fetched: the diff is an input error (2) that says to fetch; GitLab's
# git fetch line makes origin/<target> exist, and then its diff runs (the breaking change again, 1).
git -C "$upstream" branch -q release main
target=release diff_exit=2
run_recipe github unfetched "apictl contract diff"
check "unfetched: the error says to fetch" -- grep -q 'git fetch' "$work/err"
diff_exit=1
run_recipe gitlab fetched "git fetch|apictl contract diff"
check "fetched: origin/release exists now" -- git -C "$clone" show-ref -q --verify refs/remotes/origin/release
target=main

echo "ci_recipes took $((SECONDS - started)) s"
finish
