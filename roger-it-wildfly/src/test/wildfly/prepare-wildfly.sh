#!/bin/sh
# Prepares the WildFly server base directories of the tests (filtered by Maven): one base prepared
# offline (embedded, admin-only) with roger-wildfly.cli, the script users run, and the RAR deployed
# under the name roger-ra.rar, in both standalone.xml (node 1) and standalone-full.xml (node 2);
# then a fresh copy per node, so no run sees another run's deployments. Node 4 (EarEmbeddedIT) is
# standalone.xml set up by roger-wildfly.cli with no adapter deployed: its EAR brings its own.
# Node 5 (the console's tests) is node 1's copy, with standalone-mp-health.xml besides.
set -e
home='${wildfly.home}'
dir='${arquillian.dir}'
base="$dir/base"
rm -rf "$base" "$dir/node1" "$dir/node2" "$dir/node3" "$dir/node4" "$dir/node5"
cp -r "$home/standalone" "$base"
# standalone.xml gets the RAR in a run of its own, after the base is copied for node 4.
# cli SCRIPT [BASE_DIR]: runs the script on the base (default: the shared one).
cli() {
  JAVA_OPTS="-Djboss.server.base.dir=${2:-$base} -Xmx256m" "$home/bin/jboss-cli.sh" --file="$1"
}
for config in standalone.xml standalone-full.xml; do
  {
    echo "embed-server --server-config=$config --std-out=discard"
    cat "$dir/roger-wildfly.cli"
    [ "$config" = standalone.xml ] || echo "deploy $dir/roger-ra.rar --name=roger-ra.rar"
    echo "stop-embedded-server"
  } > "$dir/setup-$config.cli"
  cli "$dir/setup-$config.cli"
done
rm -rf "$base/log" "$base/tmp"
cp -r "$base" "$dir/node4"
{
  echo "embed-server --server-config=standalone.xml --std-out=discard"
  echo "deploy $dir/roger-ra.rar --name=roger-ra.rar"
  echo "stop-embedded-server"
} > "$dir/deploy-standalone.xml.cli"
cli "$dir/deploy-standalone.xml.cli"
rm -rf "$base/log" "$base/tmp"
cp -r "$base" "$dir/node1"
cp -r "$base" "$dir/node2"
# Node 3 (JdbcStateIT) has node 2's ports: they never run at once, and neither sees the other's deployments.
cp -r "$base" "$dir/node3"
cp -r "$base" "$dir/node5"
# standalone-microprofile.xml has no ejb3 subsystem (no MDBs, no EJB singleton): node 5 gets MicroProfile
# Health by adding its subsystem to a copy of standalone.xml (which has MicroProfile Config already).
cp "$dir/node5/configuration/standalone.xml" "$dir/node5/configuration/standalone-mp-health.xml"
{
  echo "embed-server --server-config=standalone-mp-health.xml --std-out=discard"
  echo "/extension=org.wildfly.extension.microprofile.health-smallrye:add"
  echo "/subsystem=microprofile-health-smallrye:add(security-enabled=false)"
  echo "stop-embedded-server"
} > "$dir/setup-standalone-mp-health.xml.cli"
cli "$dir/setup-standalone-mp-health.xml.cli" "$dir/node5"
rm -rf "$dir/node5/log" "$dir/node5/tmp"
