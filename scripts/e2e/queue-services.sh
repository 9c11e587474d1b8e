#!/usr/bin/env bash
# Postgres and Redis for n8n's queue mode, from Debian's packages, on free loopback ports.
#
#   scripts/e2e/queue-services.sh start <dir>   installs redis-server and postgresql when missing
#                                               (apt-get, as root or through sudo), starts both with their data in
#                                               <dir>, and writes <dir>/services.env:
#                                               PG_PORT=… REDIS_PORT=… PG_DATABASE=n8n PG_USER=postgres
#   scripts/e2e/queue-services.sh stop <dir>    stops both
#
# Postgres runs as the `postgres` user (initdb refuses root), trusts loopback connections and
# has one database, n8n. Redis keeps nothing on disk. About 10 s for the packages on a machine
# without them, then a few seconds to start.
set -euo pipefail
exec </dev/null

command=${1:-}
dir=${2:-}
if [[ "$command" != start && "$command" != stop || -z "$dir" ]]; then
	echo "usage: $0 start|stop <dir>" >&2
	exit 2
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

pg_bin() {
	local bin
	bin=$(find /usr/lib/postgresql -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
	[[ -n "$bin" && -x "$bin/initdb" ]] && echo "$bin"
}

free_port() {
	node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

as_postgres() {
	if [[ "$(id -u)" == 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

if [[ "$command" == stop ]]; then
	if [[ -f "$dir/pg/postmaster.pid" ]] && bin=$(pg_bin); then
		as_postgres "$bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null || true
	fi
	if [[ -f "$dir/redis.pid" ]]; then
		kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
		rm -f "$dir/redis.pid"
	fi
	exit 0
fi

if ! command -v redis-server >/dev/null || ! pg_bin >/dev/null; then
	echo "queue-services: installing redis-server and postgresql from Debian's packages"
	sudo=()
	[[ "$(id -u)" == 0 ]] || sudo=(sudo -n)
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null
fi
bin=$(pg_bin)

# Postgres: its own cluster in <dir>/pg, socket in that folder too.
pg_port=$(free_port)
chmod 755 "$dir"
mkdir -p "$dir/pg"
[[ "$(id -u)" == 0 ]] && chown postgres: "$dir/pg"
as_postgres "$bin/initdb" -D "$dir/pg" -A trust -U postgres >"$dir/initdb.log" 2>&1
as_postgres "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w \
	-o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1" start >/dev/null
as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres n8n

# Redis: in memory only.
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
	--pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
for _ in $(seq 1 50); do
	[[ -s "$dir/redis.pid" ]] && redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
	sleep 0.1
done

cat >"$dir/services.env" <<ENV
PG_PORT=$pg_port
REDIS_PORT=$redis_port
PG_DATABASE=n8n
PG_USER=postgres
ENV
echo "queue-services: postgres on 127.0.0.1:$pg_port, redis on 127.0.0.1:$redis_port"
