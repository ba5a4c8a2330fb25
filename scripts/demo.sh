#!/usr/bin/env bash
# Install casemgr into .venv and start the whole system on the embedded default
# (SQLite + the SQLite Celery broker under instance/): web server, Celery worker and beat,
# with demo accounts. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .

mkdir -p instance
.venv/bin/casemgr db upgrade
echo "Demo accounts:"
.venv/bin/casemgr demo load --year 2020  # plus a year of cases for the statistics (docs/statistics.md)

# Stop the worker, beat, web server and mailbox together when this script ends.
trap 'trap - EXIT INT TERM; kill 0 2>/dev/null' EXIT INT TERM

# Reminder mails go to a local mailbox that writes them to instance/mail.log (unless SMTP_HOST is
# set to a real server), and the reminder scan runs every minute so the demo shows it soon.
if [ -z "${SMTP_HOST:-}" ]; then
  export SMTP_HOST=127.0.0.1 SMTP_PORT=${DEMO_SMTP_PORT:-8025}
  PYTHONUNBUFFERED=1 .venv/bin/python -m aiosmtpd -n -c aiosmtpd.handlers.Debugging stdout -l "$SMTP_HOST:$SMTP_PORT" \
    >instance/mail.log 2>&1 &
fi
export REMINDER_SCAN_INTERVAL=${REMINDER_SCAN_INTERVAL:-60}
.venv/bin/celery -A workers.celery_app worker --loglevel=INFO --concurrency=2 >instance/worker.log 2>&1 &
.venv/bin/celery -A workers.celery_app beat --loglevel=INFO >instance/beat.log 2>&1 &
.venv/bin/gunicorn --bind "$HOST:$PORT" --workers 2 --threads 4 --access-logfile instance/access.log wsgi:app \
  >instance/web.log 2>&1 &

for _ in $(seq 1 100); do
  if .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://$HOST:$PORT/healthz', timeout=1)" \
      2>/dev/null; then break; fi
  sleep 0.3
done
echo
echo "casemgr is running at http://$HOST:$PORT/  (public portal; staff log in at http://$HOST:$PORT/login)"
echo "Reminders appear under 通知 (Notifications) within a minute; their mails in instance/mail.log."
echo "Worker, beat and web logs are in instance/. Press Ctrl-C to stop."
wait
