# The services and their default ports (docs/http-api.md), and the web console that calls them (3000), shared by the
# start and stop scripts. The console uses no Kafka (and a database only for OpenID Connect sessions); it is ready when referral-intake answers.
SERVICES=(referral-intake case-progression early-help school-notifications analytics statutory-returns console)
declare -A PORTS=([console]=3000 [referral-intake]=3001 [case-progression]=3002 [early-help]=3003 [school-notifications]=3004 [analytics]=3005 [statutory-returns]=3006)
RUN_DIR=".run/services"
# The example receiver stands in for the demo school's own system (npm start).
RECEIVER_PORT=4100
