#!/usr/bin/env bash
# Writes the class-data archive that ./anneal starts the JVM with (docs/install.md, "Start-up"):
# the classes a one-update `anneal train` loads (picocli, Jackson, the model, DJL, XChart, AWT),
# parsed and laid out once here instead of at every start. Run by Maven's `package` after the
# shade (cli/pom.xml); never fails the build: without an archive ./anneal starts as before.
#   class-data-archive.sh JAR ARCHIVE
# The archive belongs to this jar and this JDK; the JVM checks both when it maps it and, with the
# launcher's -Xlog options, silently starts without it when either changed.
set -uo pipefail
jar=$1
archive=$2
work=$(mktemp -d)
partial="$archive.$$.partial" # beside the archive, so that the move into place is atomic
trap 'rm -rf "$work" "$partial"' EXIT
rm -f "$archive"
# The one-update run writes its files in $work; the JVM writes the archive when it exits. Its
# unified logging would list every class it cannot archive (picocli's Java 5 class files) on
# standard output: off. The serial collector is the launcher's.
if java -XX:ArchiveClassesAtExit="$partial" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UseSerialGC \
    -Djava.awt.headless=true -jar "$jar" train --steps 1 --out "$work/run" > "$work/log" 2>&1 \
    && [[ -s $partial ]]; then
  mv "$partial" "$archive"
  echo "class-data archive: $archive ($(($(wc -c < "$archive") / 1048576)) MiB)"
else
  echo "class-data archive: not written (./anneal starts without one); the one-update run printed:"
  cat "$work/log"
fi
