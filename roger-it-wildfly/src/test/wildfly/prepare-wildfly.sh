#!/bin/sh
# Prepares the WildFly server base directories of the tests (filtered by Maven): one base prepared
# offline (embedded, admin-only) with roger-wildfly.cli, the script users run, and the RAR deployed
# under the name roger-ra.rar; then a fresh copy per node, so no run sees another run's deployments.
set -e
home='${wildfly.home}'
dir='${arquillian.dir}'
base="$dir/base"
rm -rf "$base" "$dir/node1" "$dir/node2"
cp -r "$home/standalone" "$base"
cat > "$dir/setup.cli" <<CLI
embed-server --server-config=standalone.xml --std-out=discard
run-batch --file=$dir/roger-wildfly.cli
deploy $dir/roger-ra.rar --name=roger-ra.rar
stop-embedded-server
CLI
JAVA_OPTS="-Djboss.server.base.dir=$base -Xmx256m" "$home/bin/jboss-cli.sh" --file="$dir/setup.cli"
rm -rf "$base/log" "$base/tmp"
cp -r "$base" "$dir/node1"
cp -r "$base" "$dir/node2"
