# The services and their default ports (API.md), shared by the start and stop scripts.
SERVICES=(referral-intake case-progression early-help school-notifications analytics statutory-returns)
declare -A PORTS=([referral-intake]=3001 [case-progression]=3002 [early-help]=3003 [school-notifications]=3004 [analytics]=3005 [statutory-returns]=3006)
RUN_DIR=".run/services"
# The example receiver stands in for the demo school's own system (npm start).
RECEIVER_PORT=4100
