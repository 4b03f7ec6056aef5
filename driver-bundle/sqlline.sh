#!/bin/sh
# SQLLine, an interactive SQL shell, over the driver bundle:
#   driver-bundle/sqlline.sh path/to/shop.yaml [SQLLine options, e.g. -f script.sql]
# The argument is a configuration file or a whole jdbc:shard: URL. Build the bundle first (mvn -B -q package
# -DskipTests), which also copies SQLLine into driver-bundle/target/sqlline/. The data sources' credentials are in
# the file; -n user -p password are the logical ones, for a file with users:.
set -e
if [ $# -lt 1 ]; then
  echo "usage: $0 <configuration file or jdbc:shard: URL> [SQLLine options]" >&2
  exit 2
fi
target="$(cd "$(dirname "$0")" && pwd)/target"
bundle=$(ls "$target"/shard-jdbc-driver-bundle-*.jar 2>/dev/null | head -n 1)
shell="$target/sqlline/sqlline-jar-with-dependencies.jar"
if [ -z "$bundle" ] || [ ! -f "$shell" ]; then
  echo "$0: no bundle or SQLLine under $target: run mvn -B -q package -DskipTests first" >&2
  exit 2
fi
case "$1" in
  jdbc:shard:*) url="$1" ;;
  *) url="jdbc:shard:$1" ;;
esac
shift
exec java -cp "$bundle:$shell" sqlline.SqlLine -d org.shardjdbc.driver.jdbc.ShardDriver -u "$url" \
  --connectInteractionMode=notAskCredentials "$@"
