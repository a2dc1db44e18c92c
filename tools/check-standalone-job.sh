#!/usr/bin/env bash
# Proves that the starter is usable from a project of a user's own (issue 17): installs the starter into the local
# Maven repository, copies examples/invoice-extraction to a directory outside this repository, builds it there with
# its own pom (Spring Boot's parent and io.aibatch:aibatch-spring-boot-starter by its coordinates, no aibatch parent),
# and runs the resulting jar's `--help` and `run --help`. Offline (-o): run it after the reactor build, which has put
# every plugin and dependency into the local repository. Prints each check; exits non-zero when one fails.
#
#   bash tools/check-standalone-job.sh        # KEEP=1 keeps the copy and prints where it is
set -euo pipefail
cd "$(dirname "$0")/.."

MVN=(mvn -o -B -ntp -q -Dstyle.color=never)
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# the reactor's version: the <version> right after <artifactId>aibatch-parent</artifactId> in pom.xml
version=$(sed -n '/<artifactId>aibatch-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' pom.xml)
[ -n "$version" ] || fail "could not read the aibatch version from pom.xml"
example_aibatch=$(sed -n 's:.*<aibatch.version>\(.*\)</aibatch.version>.*:\1:p' examples/invoice-extraction/pom.xml)
[ "$example_aibatch" = "$version" ] \
  || fail "examples/invoice-extraction/pom.xml builds on aibatch '$example_aibatch', the repository is $version:" \
          "set <aibatch.version>$version</aibatch.version> there (a user's project names the release it builds on)"
ok "aibatch is io.aibatch:aibatch-spring-boot-starter:$version; the example's pom names that version"

# ---- 1. mvn install: the starter and what it needs (parent, steps, k8s-jobs) ----
"${MVN[@]}" install -DskipTests -pl starter -am || fail "mvn install of the starter failed"
starter_jar=~/.m2/repository/io/aibatch/aibatch-spring-boot-starter/$version/aibatch-spring-boot-starter-$version.jar
[ -f "$starter_jar" ] || fail "mvn install left no $starter_jar"
ok "mvn install -pl starter -am put the starter into the local repository ($starter_jar)"

# ---- 2. the example as a project of its own, outside the reactor ----
work=$(mktemp -d "${TMPDIR:-/tmp}/aibatch-standalone-job.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "the copy stays in $work"; else trap 'rm -rf "$work"' EXIT; fi
project=$work/invoice-extraction
mkdir -p "$project"
cp -r examples/invoice-extraction/pom.xml examples/invoice-extraction/invoice.schema.json examples/invoice-extraction/src \
  "$project"/
if grep -A3 '<parent>' "$project/pom.xml" | grep -q '<artifactId>aibatch-parent</artifactId>'; then
  fail "the example's pom.xml still inherits aibatch-parent: a project of a user's own cannot"
fi
ok "copied examples/invoice-extraction to $project (its pom has no aibatch parent)"

# tests need the simulator (a developer tool of this repository), run in the reactor; here: build the user's jar
(cd "$project" && "${MVN[@]}" package -DskipTests) || fail "mvn package of the copy failed"
jar=$project/target/invoice-extraction.jar
[ -f "$jar" ] || fail "the copy's build made no $jar"
ok "mvn package outside the reactor built $(basename "$jar") ($(du -h "$jar" | cut -f1))"

# ---- 3. the user's jar has the aibatch CLI and lists the job ----
help=$(cd "$work" && java -jar "$jar" --help 2>&1) || fail "java -jar invoice-extraction.jar --help exited non-zero: $help"
for command in run restart status worker k8s compare reprocess; do
  grep -Eq "^[[:space:]]+$command([[:space:]]|$)" <<<"$help" || fail "--help does not list the '$command' command:"$'\n'"$help"
done
ok "--help lists the commands run, restart, status, worker, k8s, compare, reprocess"

run_help=$(cd "$work" && java -jar "$jar" run --help 2>&1) || fail "java -jar invoice-extraction.jar run --help exited non-zero: $run_help"
grep -Eq '^[[:space:]]*invoice-extraction([[:space:]:]|$)' <<<"$run_help" || fail "run --help does not list the job invoice-extraction:"$'\n'"$run_help"
grep -q -- '--schema=FILE' <<<"$run_help" || fail "run --help does not list the job's own option --schema"
ok "run --help lists the job invoice-extraction and its option --schema"

echo "standalone job: OK (io.aibatch:aibatch-spring-boot-starter:$version used from a project outside the reactor)"
