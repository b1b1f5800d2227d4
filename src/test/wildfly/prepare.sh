#!/usr/bin/env bash
# prepare.sh WILDFLY_HOME BASE FORKS: configures the unpacked WildFly for nodeim (configure.cli) and
# gives each fork of the integration tests a server base directory of its own, BASE1..BASEn,
# fresh from the configured one: its configuration, deployments, data and logs.
set -euo pipefail
home="$1" base="$2" forks="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --file="$here/configure.cli"
for fork in $(seq 1 "$forks"); do
    rm -rf "$base$fork"
    mkdir -p "$base$fork"
    cp -r "$home/standalone/configuration" "$home/standalone/deployments" "$base$fork/"
done
