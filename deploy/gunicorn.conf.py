"""gunicorn settings for the portal (`gunicorn -c deploy/gunicorn.conf.py huanghe_portal.wsgi`).

Listens on loopback only; nginx (deploy/nginx.conf) terminates TLS in front of it. Every value
can be overridden from the environment of the systemd unit (GUNICORN_WORKERS, GUNICORN_BIND).
"""

import multiprocessing
import os

from huanghe_portal.log_filters import gunicorn_logger_class

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers: the portal is ordinary request/response Django; PDF rendering runs in Celery.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 60  # a request that takes longer is killed and logged
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (memory growth of long-lived processes), staggered.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host talks to gunicorn; it sets X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Personal data must not reach the logs: log the path without the query string (searches by ID
# number or phone carry it there).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
# The access and error logs go through the portal's filters: the client address as NUM_PROXIES
# says, ID and phone numbers masked.
logger_class = gunicorn_logger_class
