"""gunicorn reads this file from the working directory: the access and error logs go through
the portal's filters (client address as configured by NUM_PROXIES, ID and phone numbers masked)."""

from huanghe_portal.log_filters import gunicorn_logger_class

logger_class = gunicorn_logger_class
