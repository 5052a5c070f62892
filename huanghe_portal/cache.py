"""A Redis cache that the portal can live without.

Every page reads the cache (the township, calendar warnings, catalogue counts) and the throttles
count in it. When Redis is configured but unreachable, `ResilientRedisCache` answers as an empty
cache that forgets what it is told, fast: short socket timeouts, no retries, and after one
failure the server is not asked again for `RETRY_AFTER` seconds (a circuit breaker per process).
`cache_available()` tells the few callers that must fail closed (anonymous submissions) and
/healthz whether the cache really works.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# Seconds during which a cache that just failed is not asked again.
RETRY_AFTER = 5.0
CACHE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    """django's RedisCache whose connection errors degrade to "no cache" instead of a 500."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 0.3)
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("retry_on_timeout", False)
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, params)
        self._down_until = 0.0

    # --- the breaker ---

    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, exc: Exception) -> None:
        if not self.is_down():
            logger.warning("cache unreachable, serving without it for %ss: %s", RETRY_AFTER, exc)
        self._down_until = time.monotonic() + RETRY_AFTER

    def _guard(self, method: str, fallback: Any, *args: Any, **kwargs: Any) -> Any:
        if self.is_down():
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except CACHE_ERRORS as exc:
            self._failed(exc)
            return fallback

    def ping(self) -> None:
        """Raise when the server does not answer (ignores the breaker: a real probe)."""
        try:
            self._cache.get_client(write=True).ping()
        except CACHE_ERRORS as exc:
            self._failed(exc)
            raise
        self._down_until = 0.0

    # --- the cache API ---

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> Any:
        return self._guard("add", False, key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._guard("get", default, key, default, version)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> Any:
        return self._guard("set", None, key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> Any:
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key: Any, version: int | None = None) -> Any:
        return self._guard("delete", False, key, version)

    def get_many(self, keys: Any, version: int | None = None) -> Any:
        return self._guard("get_many", {}, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> Any:
        return self._guard("has_key", False, key, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        # Nothing to count against: the caller sees the first increment.
        return self._guard("incr", delta, key, delta, version)

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> Any:
        return self._guard("set_many", [], data, timeout, version)

    def delete_many(self, keys: Any, version: int | None = None) -> Any:
        return self._guard("delete_many", None, keys, version)

    def clear(self) -> Any:
        return self._guard("clear", False)


def cache_available(*, probe: bool = False) -> bool:
    """False when the default cache is a Redis that is down. Without `probe`, a cache that failed
    within the last RETRY_AFTER seconds counts as down without asking it again."""
    ping = getattr(cache, "ping", None)
    is_down = getattr(cache, "is_down", None)
    if ping is None or is_down is None:
        return True
    if is_down() and not probe:
        return False
    try:
        ping()
    except CACHE_ERRORS:
        return False
    return True
