#!/usr/bin/env bash
# Builds the benchmarks with every TLS provider and runs all suites side by side in one run
# (see docs/benchmarks.md). Arguments go to JMH and override the defaults in Main,
# e.g. `benchmarks/run.sh -p provider=jdk,bc`. Results land in benchmarks/results/ (not committed).
#   BUILD_DIR  Maven output folder name (default target); lets parallel builds keep apart
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-target}
mvn -B -q -DbuildDir="$build_dir" -Dmaven.test.skip=true -Dmaven.javadoc.skip -Dmaven.source.skip \
    -pl :meerkat-benchmarks -am package
classpath="benchmarks/$build_dir/classes:$(cat "benchmarks/$build_dir/classpath.txt")"
exec java -cp "$classpath" dev.meerkat.benchmarks.Main "$@"
