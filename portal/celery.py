"""The Celery app. Redis is the broker; without REDIS_URL tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Task modules are named jobs.py so that they do not clash with the `tasks` app.
app.autodiscover_tasks(related_name="jobs")
