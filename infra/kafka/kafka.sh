#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, single combined broker/controller) on 127.0.0.1, run from
# the release's jars that Maven resolves from Maven Central into its local cache (pom.xml here).
#   kafka.sh start   resolve jars (first time), format storage (first time), start, wait until it answers
#   kafka.sh stop    stop the broker this script started, by its pid file
#   kafka.sh kill    SIGKILL it (the chaos test): nothing flushed, a crash to recover from at the next start
#   kafka.sh status  exit 0 when the broker answers on its port
#   kafka.sh resolve only resolve the jars (CI's install step)
#   kafka.sh acls    (secured) make the ACLs exactly tools/kafka-security/kafka-acl-rules.ts's again, without a restart
# Settings:
#   KAFKA_RUN_DIR          (default <repo>/.run/kafka-secure, plaintext: <repo>/.run/kafka) the data, the log, the pid file;
#                          for the secured broker also its certificates (tls/) and its principals' settings (principals/)
#   KAFKA_PORT             (default 19092, plaintext: 9092) the clients' listener on 127.0.0.1
#   KAFKA_CONTROLLER_PORT  (default KAFKA_PORT + 1) the KRaft controller's listener on 127.0.0.1
#   KAFKA_READERS_PORT     (default KAFKA_PORT + 2, secured only) read-only principals' mutual-TLS listener
#                          on 127.0.0.1, for kcat and other librdkafka clients
#   kafka.sh certify <name>  (secured) a client certificate for read-only principal <name> and its
#                          librdkafka settings, principals/<name>.librdkafka.properties (mode 600)
#   KAFKA_SECURITY         sasl_ssl (the default): TLS and SASL/SCRAM-SHA-512 for clients and the
#                          StandardAuthorizer with the ACLs of tools/kafka-security/kafka-acl-rules.ts.
#                          A local CA (keytool) and a random password per principal are made at the
#                          first start; the ACLs are re-applied on every start.
#                          plaintext: no TLS, no sign-in, no ACLs (principal-env.sh says when that is wanted).
# A run directory keeps the mode it was formatted in; starting it in the other mode is refused.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/principal-env.sh"
security="$(kafka_security)"
# Each mode has a run directory and ports of its own by default, so that switching the mode (npm
# start, npm test, the bench) never meets the other broker's data or port.
if [[ "$security" == sasl_ssl ]]; then default_run_dir="$repo/.run/kafka-secure" default_port=19092; else default_run_dir="$repo/.run/kafka" default_port=9092; fi
run_dir="${KAFKA_RUN_DIR:-$default_run_dir}"
data_dir="$run_dir/data"
pid_file="$run_dir/kafka.pid"
log_file="$run_dir/kafka.log"
config="$run_dir/server.properties"
mode_file="$run_dir/security-mode"
tls_dir="$run_dir/tls"
principals_dir="$run_dir/principals"
admin_client_config="$run_dir/admin-client.properties"
# Principals' settings files older than this stamp already have their SCRAM credential on the broker.
scram_stamp="$principals_dir/.registered"
classpath_file="$here/target/classpath.txt"
host=127.0.0.1
port="${KAFKA_PORT:-$default_port}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
readers_port="${KAFKA_READERS_PORT:-$((port + 2))}"
case "$security" in
  plaintext | sasl_ssl) ;;
  *) echo "kafka: KAFKA_SECURITY must be plaintext or sasl_ssl, not $security" >&2; exit 2 ;;
esac

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

# The JVM command shared by the storage formatter, KafkaSecrets.java and the broker (an array: paths may hold spaces).
kafka_jvm() {
  jvm=(java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$here/log4j2.properties" -cp "$(cat "$classpath_file")")
}

# The mode this run directory was formatted in (one formatted before there were modes is plaintext).
formatted_mode() {
  if [[ -f "$mode_file" ]]; then cat "$mode_file"; elif [[ -f "$data_dir/meta.properties" ]]; then echo plaintext; fi
}

refuse_other_mode() {
  local formatted; formatted="$(formatted_mode)"
  if [[ -n "$formatted" && "$formatted" != "$security" ]]; then
    echo "kafka: $run_dir was formatted for $formatted, not $security; set KAFKA_RUN_DIR to another directory" >&2
    exit 1
  fi
}

# One value from a principal's settings file (libs/messaging/src/principal-settings.ts writes them).
setting_of() { sed -n "s/^$2=//p" "$1"; }

# "name password" lines for KafkaSecrets.java's standard input: a password never reaches a command line.
credentials_of() {
  local file
  for file in "$@"; do
    echo "$(setting_of "$file" KAFKA_SASL_USERNAME) $(setting_of "$file" KAFKA_SASL_PASSWORD)"
  done
}

render_config() {
  if [[ "$security" == plaintext ]]; then
    sed -e "s#@DATA_DIR@#$data_dir#" -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" \
      "$here/server.properties.template" >"$config"
    return
  fi
  local store_password admin_password
  store_password="$(cat "$tls_dir/store.password")"
  admin_password="$(setting_of "$principals_dir/admin.env" KAFKA_SASL_PASSWORD)"
  # Both files hold secrets: made mode 600 before anything is written into them.
  (umask 077 && : >"$config" && : >"$admin_client_config")
  {
    sed -e "s#@DATA_DIR@#$data_dir#" -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" \
      -e "s#@READERS_PORT@#$readers_port#g" -e "s#@TLS_DIR@#$tls_dir#g" -e "s#@STORE_PASSWORD@#$store_password#g" -e "s#@ADMIN_PASSWORD@#$admin_password#" \
      "$here/server-secure.properties.template"
    sed -n '/^# Shared by the plaintext and the secured broker/,$p' "$here/server.properties.template"
  } >"$config"
  # The admin's client settings for Kafka's Java tools (KafkaSecrets add-user; kafka-acls/kafka-configs --command-config).
  {
    echo "bootstrap.servers=$host:$port"
    echo "security.protocol=SASL_SSL"
    echo "sasl.mechanism=SCRAM-SHA-512"
    echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$admin_password\";"
    echo "ssl.truststore.type=PEM"
    echo "ssl.truststore.location=$tls_dir/ca.pem"
  } >"$admin_client_config"
}

# A local CA and the node's certificate for 127.0.0.1 and localhost signed by it, with Java's keytool
# only (openssl is not needed). The CA's key stays in tls/ca.p12 (mode 600) to sign a renewed node
# certificate; clients trust tls/ca.pem. Store passwords reach keytool through its environment.
make_certificates_once() {
  [[ -f "$tls_dir/kafka-node.p12" && -f "$tls_dir/truststore.p12" ]] && return 0
  command -v keytool >/dev/null || { echo "kafka: keytool (Java 17+) is required" >&2; exit 1; }
  echo "kafka: making a local CA and the broker's certificate in $tls_dir"
  rm -rf "$tls_dir"
  mkdir -p "$tls_dir"
  chmod 700 "$tls_dir"
  (
    umask 077
    cd "$tls_dir"
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >store.password
    STORE_PASSWORD="$(cat store.password)"
    export STORE_PASSWORD
    local days=825 store=(-storetype PKCS12 -storepass:env STORE_PASSWORD)
    keytool -genkeypair -keystore ca.p12 "${store[@]}" -alias ca -dname "CN=csc-kafka-local-ca" \
      -keyalg RSA -keysize 3072 -validity "$days" -ext bc:c=ca:true -ext KeyUsage=keyCertSign,cRLSign
    keytool -exportcert -keystore ca.p12 "${store[@]}" -alias ca -rfc -file ca.pem
    keytool -genkeypair -keystore kafka-node.p12 "${store[@]}" -alias kafka-node -dname "CN=kafka-node" \
      -keyalg RSA -keysize 3072 -validity "$days"
    keytool -certreq -keystore kafka-node.p12 "${store[@]}" -alias kafka-node -file kafka-node.csr
    # serverAuth for the clients' listener; clientAuth for the node's own connection to its controller (mutual TLS).
    keytool -gencert -keystore ca.p12 "${store[@]}" -alias ca -infile kafka-node.csr -outfile kafka-node.pem -rfc \
      -validity "$days" -ext SAN=IP:127.0.0.1,DNS:localhost -ext EKU=serverAuth,clientAuth \
      -ext KeyUsage=digitalSignature,keyEncipherment
    keytool -importcert -keystore kafka-node.p12 "${store[@]}" -alias ca -file ca.pem -noprompt
    keytool -importcert -keystore kafka-node.p12 "${store[@]}" -alias kafka-node -file kafka-node.pem
    keytool -importcert -keystore truststore.p12 "${store[@]}" -alias ca -file ca.pem -noprompt
    rm -f kafka-node.csr
    chmod 644 ca.pem kafka-node.pem
  ) >>"$log_file" 2>&1
}

# A client certificate for a read-only principal, signed by the local CA, in principals/<name>.p12 under
# a random password, and the librdkafka settings that use it on the readers' mutual-TLS listener
# (kcat -F principals/<name>.librdkafka.properties). Made again on each call: the old one is replaced.
certify_reader() {
  local name="$1"
  [[ "$name" =~ ^[a-z][a-z0-9-]{1,62}$ ]] || { echo "kafka: certify: a principal's name is 2-63 of a-z, 0-9 and '-'" >&2; exit 2; }
  [[ -f "$principals_dir/$name.env" ]] || { echo "kafka: certify: no principal $name in $principals_dir" >&2; exit 1; }
  [[ "$(setting_of "$principals_dir/$name.env" KAFKA_PRINCIPAL_ACCESS)" == read || "$name" == analytics-reader ]] ||
    { echo "kafka: certify: only read-only principals are certified ($name is not)" >&2; exit 1; }
  local keystore="$principals_dir/$name.p12" properties="$principals_dir/$name.librdkafka.properties"
  (
    umask 077
    STORE_PASSWORD="$(cat "$tls_dir/store.password")"
    KEY_PASSWORD="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export STORE_PASSWORD KEY_PASSWORD
    local request; request="$(mktemp -d)"
    trap 'rm -rf "$request"' EXIT
    rm -f "$keystore"
    keytool -genkeypair -keystore "$keystore" -storetype PKCS12 -storepass:env KEY_PASSWORD -alias "$name" \
      -dname "CN=$name,OU=csc-kafka-readers" -keyalg RSA -keysize 3072 -validity 825
    keytool -certreq -keystore "$keystore" -storetype PKCS12 -storepass:env KEY_PASSWORD -alias "$name" -file "$request/csr"
    keytool -gencert -keystore "$tls_dir/ca.p12" -storetype PKCS12 -storepass:env STORE_PASSWORD -alias ca \
      -infile "$request/csr" -outfile "$request/pem" -rfc -validity 825 -ext EKU=clientAuth -ext KeyUsage=digitalSignature
    keytool -importcert -keystore "$keystore" -storetype PKCS12 -storepass:env KEY_PASSWORD -alias ca -file "$tls_dir/ca.pem" -noprompt
    keytool -importcert -keystore "$keystore" -storetype PKCS12 -storepass:env KEY_PASSWORD -alias "$name" -file "$request/pem"
    {
      echo "# librdkafka settings for read-only principal $name (kcat -F this-file). Secret: never commit or share."
      echo "bootstrap.servers=$host:$readers_port"
      echo "security.protocol=ssl"
      echo "ssl.ca.location=$tls_dir/ca.pem"
      echo "ssl.keystore.location=$keystore"
      echo "ssl.keystore.password=$KEY_PASSWORD"
    } >"$properties"
  ) >>"$log_file" 2>&1
  echo "kafka: $name's client certificate and librdkafka settings: $properties"
}

node_tool() { (cd "$repo" && node -r @swc-node/register "$@"); }

format_storage_once() {
  if [[ "$security" == sasl_ssl ]]; then
    make_certificates_once
    node_tool tools/kafka-security/provision-kafka.cli.ts principals "$run_dir" "$host:$port"
  fi
  render_config
  if [[ ! -f "$data_dir/meta.properties" ]]; then
    echo "kafka: formatting storage in $data_dir ($security)"
    mkdir -p "$data_dir"
    kafka_jvm
    local cluster_id; cluster_id="$("${jvm[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)"
    if [[ "$security" == plaintext ]]; then
      "${jvm[@]}" kafka.tools.StorageTool format --config "$config" --cluster-id "$cluster_id" --standalone >>"$log_file" 2>&1
    else
      # The fixed principals' SCRAM-SHA-512 credentials go into the metadata log at format time
      # (StorageTool --add-scram, run inside KafkaSecrets.java so the passwords stay off the command line).
      credentials_of "$principals_dir"/*.env | "${jvm[@]}" "$here/KafkaSecrets.java" format "$config" "$cluster_id" >>"$log_file" 2>&1
      touch "$scram_stamp"
    fi
    echo "$security" >"$mode_file"
  fi
}

# Secured only, once the broker answers: a credential for any principal added to the table since the
# format (through the Admin API, as admin), then the ACLs, made exactly the table's on every start.
provision_after_start() {
  [[ "$security" == sasl_ssl ]] || return 0
  local added=()
  mapfile -t added < <(find "$principals_dir" -maxdepth 1 -name '*.env' -newer "$scram_stamp")
  if ((${#added[@]} > 0)); then
    kafka_jvm
    credentials_of "${added[@]}" | "${jvm[@]}" "$here/KafkaSecrets.java" add-user "$admin_client_config"
    touch "$scram_stamp"
  fi
  node_tool tools/kafka-security/provision-kafka.cli.ts acls "$run_dir"
  [[ -f "$principals_dir/analytics-reader.p12" ]] || certify_reader analytics-reader # the outside reader: also for kcat
  echo "kafka: each principal's client settings are in $principals_dir/<name>.env"
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
  # Already running: its ACLs still made the table's, so that `npm start` after an upgrade needs no restart.
  if running_pid >/dev/null; then echo "kafka: already running (pid $(running_pid))"; provision_after_start; return 0; fi
  if answers; then echo "kafka: something else already answers on $host:$port; using it"; return 0; fi
  command -v java >/dev/null || { echo "kafka: java (17+) is required" >&2; exit 1; }
  mkdir -p "$run_dir"
  refuse_other_mode
  resolve_classpath
  format_storage_once
  echo "kafka: starting on $host:$port, $security (log: $log_file)"
  local log_offset=$(( $(stat -c %s "$log_file" 2>/dev/null || echo 0) + 1 ))
  kafka_jvm
  # nohup execs java itself, so the pid file holds the JVM's pid and `stop` signals the broker directly.
  nohup "${jvm[@]}" kafka.Kafka "$config" >>"$log_file" 2>&1 </dev/null &
  echo $! > "$pid_file"
  wait_until_answers "$log_offset"
  provision_after_start
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

# SIGKILL, as a crashed machine would leave it: the pid file stays, and `start` finds it stale.
kill_broker() {
  local pid
  if ! pid="$(running_pid)"; then echo "kafka: not running"; return 0; fi
  echo "kafka: killing pid $pid"
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) kill_broker ;;
  resolve) rm -f "$classpath_file"; resolve_classpath ;;
  # After an upgrade that changed tools/kafka-security/kafka-acl-rules.ts, without a restart.
  acls) [[ "$security" == sasl_ssl ]] || { echo "kafka: acls is for the secured broker" >&2; exit 2; }; answers || { echo "kafka: not answering on $host:$port" >&2; exit 1; }; provision_after_start ;;
  certify) [[ "$security" == sasl_ssl ]] || { echo "kafka: certify is for the secured broker" >&2; exit 2; }; certify_reader "${2:?usage: $0 certify <name>}" ;;
  status) if answers; then echo "kafka: answering on $host:$port"; else echo "kafka: not answering on $host:$port"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|kill|status|resolve|acls|certify <name>" >&2; exit 2 ;;
esac
