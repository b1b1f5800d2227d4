#!/usr/bin/env bash
# Starts node N (1, 2, 3, ...) of a nodeim cluster in the foreground, from the WAR that
# `mvn package` built: HTTP on port 8080+N, Payara's Data Grid on port 6900+N, the route nN
# that ends its session ids (what nginx.conf routes on), the shared settings of
# cluster.properties. Run from the project directory, one terminal (or service) per node:
#
#   server-config/cluster/node.sh 1
#
# Environment (defaults for three nodes on this machine):
#   NODEIM_GRID_MEMBERS  the Data Grid ports of all nodes, host:port,...  (127.0.0.1:6901,127.0.0.1:6902,127.0.0.1:6903)
#   NODEIM_GRID_HOST     the address this node's grid listens on           (127.0.0.1)
#   PAYARA_MICRO_JAR     Payara Micro                                       (the one in the local Maven repository)
#   NODEIM_WAR           the application                                    (target/ROOT.war)
set -euo pipefail
n=${1:?usage: node.sh N, the number of this node (1, 2, 3, ...)}
[[ $n =~ ^[1-9][0-9]?$ ]] || { echo "node.sh: N must be 1 to 99, not $n" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' "$project/pom.xml")
jar=${PAYARA_MICRO_JAR:-$HOME/.m2/repository/fish/payara/extras/payara-micro/$version/payara-micro-$version.jar}
members=${NODEIM_GRID_MEMBERS:-127.0.0.1:6901,127.0.0.1:6902,127.0.0.1:6903}
host=${NODEIM_GRID_HOST:-127.0.0.1}
war=${NODEIM_WAR:-$project/target/ROOT.war}
[[ -f $war ]] || { echo "node.sh: no WAR at $war: build it first (mvn -DskipTests package)" >&2; exit 2; }
[[ -f $jar ]] || { echo "node.sh: no Payara Micro at $jar (mvn -DskipTests package fetches it, or set PAYARA_MICRO_JAR)" >&2; exit 2; }

exec java -Dhazelcast.socket.bind.any=false -Dnodeim.node.route="n$n" \
    -jar "$jar" \
    --deploy "$war" --contextroot / \
    --port $((8080 + n)) \
    --systemproperties "$here/cluster.properties" \
    --postbootcommandfile "$project/server-config/post-boot-commands.asadmin" \
    --clustermode "tcpip:$members" --interfaces "$host" --startport $((6900 + n)) \
    --clustername nodeim --name "node$n"
