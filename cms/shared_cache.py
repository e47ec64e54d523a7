"""Django's Redis cache backend, with one Redis client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` object for every cache call
(the pool, and so the connections, are reused; the client object with its ~170 response callbacks
is not). A page makes several cache calls (session, page-cache generation, page chrome, fragments);
measured against a local Redis, a `get` took 0.24-0.26 ms with Django's client and 0.09-0.11 ms
with one kept. A `redis.Redis` client is safe to share between threads, and Django already keeps
one cache backend per thread.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
