#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, single combined broker/controller) on 127.0.0.1:9092, run from
# the release's jars that Maven resolves from Maven Central into its local cache (pom.xml here).
#   kafka.sh start   resolve jars (first time), format storage (first time), start, wait until it answers
#   kafka.sh stop    stop the broker this script started, by its pid file
#   kafka.sh status  exit 0 when the broker answers on its port
#   kafka.sh resolve only resolve the jars (CI's install step)
# KAFKA_RUN_DIR (default <repo>/.run/kafka) holds the data, the log and the pid file.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
run_dir="${KAFKA_RUN_DIR:-$repo/.run/kafka}"
data_dir="$run_dir/data"
pid_file="$run_dir/kafka.pid"
log_file="$run_dir/kafka.log"
config="$run_dir/server.properties"
classpath_file="$here/target/classpath.txt"
host=127.0.0.1
port=9092

answers() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

# The pid file's process, only if it is still our broker: after a reboot the number may belong to anything.
running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid; pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null || return 1
  local cmdline; cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"kafka.Kafka $config"* ]] || return 1
  echo "$pid"
}

resolve_classpath() {
  if [[ ! -s "$classpath_file" || "$here/pom.xml" -nt "$classpath_file" ]]; then
    echo "kafka: resolving the Kafka jars with Maven (first run only)"
    mvn -q -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath_file" >&2
  fi
}

# The JVM command shared by the storage formatter and the broker (an array: paths may hold spaces).
kafka_jvm() {
  jvm=(java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$here/log4j2.properties" -cp "$(cat "$classpath_file")")
}

format_storage_once() {
  sed "s#@DATA_DIR@#$data_dir#" "$here/server.properties.template" > "$config"
  if [[ ! -f "$data_dir/meta.properties" ]]; then
    echo "kafka: formatting storage in $data_dir"
    mkdir -p "$data_dir"
    kafka_jvm
    local cluster_id; cluster_id="$("${jvm[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)"
    "${jvm[@]}" kafka.tools.StorageTool format --config "$config" --cluster-id "$cluster_id" --standalone >>"$log_file" 2>&1
  fi
}

# Ready = the port answers and this start's log says the broker finished starting (the KRaft
# controller has elected itself), so the first client does not race the election.
wait_until_answers() {
  local log_offset="$1" deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  # grep -c reads to the end (grep -q could close the pipe early and fail the check under pipefail).
  until answers && [[ "$(tail -c +"$log_offset" "$log_file" | grep -c "Kafka Server started")" -gt 0 ]]; do
    if ! running_pid >/dev/null; then
      echo "kafka: the broker exited during start-up; last lines of $log_file:" >&2
      tail -n 30 "$log_file" >&2
      return 1
    fi
    if (( SECONDS > deadline )); then echo "kafka: no answer on $host:$port in time" >&2; return 1; fi
    sleep 0.5
  done
}

start() {
  if running_pid >/dev/null; then echo "kafka: already running (pid $(running_pid))"; return 0; fi
  if answers; then echo "kafka: something else already answers on $host:$port; using it"; return 0; fi
  command -v java >/dev/null || { echo "kafka: java (17+) is required" >&2; exit 1; }
  mkdir -p "$run_dir"
  resolve_classpath
  format_storage_once
  echo "kafka: starting on $host:$port (log: $log_file)"
  local log_offset=$(( $(stat -c %s "$log_file" 2>/dev/null || echo 0) + 1 ))
  kafka_jvm
  # nohup execs java itself, so the pid file holds the JVM's pid and `stop` signals the broker directly.
  nohup "${jvm[@]}" kafka.Kafka "$config" >>"$log_file" 2>&1 </dev/null &
  echo $! > "$pid_file"
  wait_until_answers "$log_offset"
  echo "kafka: ready (pid $(cat "$pid_file"))"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then echo "kafka: not running"; rm -f "$pid_file"; return 0; fi
  echo "kafka: stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then echo "kafka: still running after 30 s; killing"; kill -KILL "$pid"; fi
  rm -f "$pid_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  resolve) rm -f "$classpath_file"; resolve_classpath ;;
  status) if answers; then echo "kafka: answering on $host:$port"; else echo "kafka: not answering"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status|resolve" >&2; exit 2 ;;
esac
