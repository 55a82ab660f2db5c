#!/bin/sh
# Process selector for the single image: web (default), worker, migrate, or any command.
set -eu
case "${1:-web}" in
  web)
    exec gunicorn --config hhd_site/gunicorn.conf.py hhd_site.wsgi:application ;;
  worker)
    # Runs queued background tasks (mail, exports) and the periodic jobs (scheduled
    # publishing, retention, tasks a killed worker left) until stopped. The worker itself
    # resumes newsletter sends that were cut off, when it starts and every few minutes.
    exec python manage.py run_worker ;;
  migrate)
    exec python manage.py migrate --noinput ;;
  *)
    exec "$@" ;;
esac
