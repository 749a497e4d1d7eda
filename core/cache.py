"""Django's Redis cache, counted for Prometheus (gets, hits, misses, failures: django_cache_* with
backend="redis"), as django-prometheus counts its own backends."""

from django.core.cache.backends.redis import RedisCache
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)

LABEL = "redis"


class MeteredRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        django_cache_get_total.labels(backend=LABEL).inc()
        try:
            value = super().get(key, default=None, version=version)
        except Exception:
            django_cache_get_fail_total.labels(backend=LABEL).inc()
            raise
        if value is None:
            django_cache_misses_total.labels(backend=LABEL).inc()
            return default
        django_cache_hits_total.labels(backend=LABEL).inc()
        return value
