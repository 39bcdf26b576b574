"""Several machines, one replay: with ``REDIS_URL`` set the sources are a shared queue in Redis and
the progress offsets live there too, so N machines running the same command into one PostgreSQL
store split the listing between them, file by file.

Keys (``<NEWSCRAWL_REDIS_PREFIX>:replay:<job>:…``, the job named by a hash of the sources):
``todo`` (list of sources not yet claimed), ``leases`` (source -> lease expiry, Redis time),
``offsets`` (source -> byte offset below which all is done), ``done`` (set of finished sources).
A machine renews the lease of the source it reads; one that dies leaves it to expire, and the
next machine to ask takes the source over from its saved offset (the store finds what it does
again ``unchanged``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable

from newscrawl.archive.state import Ledger

# Seed the queue once per job, whoever comes first.
_SEED = """
if redis.call('SET', KEYS[1], '1', 'NX') then
  for i = 1, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
end
return 1
"""
# Claim the next source, or one whose lease ran out; lease it for ARGV[1] seconds.
_CLAIM = """
local now = tonumber(redis.call('TIME')[1])
local name = redis.call('LPOP', KEYS[1])
if not name then
  local leases = redis.call('HGETALL', KEYS[2])
  for i = 1, #leases, 2 do
    if tonumber(leases[i + 1]) < now then name = leases[i]; break end
  end
end
if name then redis.call('HSET', KEYS[2], name, now + tonumber(ARGV[1])) end
return name
"""
_RENEW = """
local now = tonumber(redis.call('TIME')[1])
redis.call('HSET', KEYS[1], ARGV[1], now + tonumber(ARGV[2]))
return 1
"""


def job_key(prefix: str, sources: Iterable[str]) -> str:
    """The key prefix of the replay of these sources (the same on every machine)."""
    digest = hashlib.sha1("\n".join(sources).encode()).hexdigest()[:16]
    return f"{prefix}:replay:{digest}"


class SharedQueue:
    """The sources of one replay as a Redis queue with leases, and its offsets (the role
    ``ReplayState`` plays on one machine)."""

    def __init__(self, url: str, prefix: str, sources: list[str], lease_seconds: int) -> None:
        import redis  # only a shared replay needs it (80 ms of every replay's start-up)

        self.client = redis.Redis.from_url(url, decode_responses=True)
        base = job_key(prefix, sources)
        self.keys = {name: f"{base}:{name}" for name in
                     ("seeded", "todo", "leases", "offsets", "done")}
        self.lease_seconds = lease_seconds
        self._renewed: dict[str, float] = {}
        self.client.eval(_SEED, 2, self.keys["seeded"], self.keys["todo"], *sources)

    def claim(self) -> str | None:
        """The next source for this machine, or None when every source is taken or done."""
        while True:
            name = self.client.eval(_CLAIM, 2, self.keys["todo"], self.keys["leases"],
                                    self.lease_seconds)
            if name is None or not self.client.sismember(self.keys["done"], name):
                return name
            self.client.hdel(self.keys["leases"], name)  # finished meanwhile: not for us

    def start(self, source: str) -> int | None:
        """Where to start reading ``source`` (None when it is done)."""
        if self.client.sismember(self.keys["done"], source):
            return None
        return int(self.client.hget(self.keys["offsets"], source) or 0)

    def save(self, source: str, ledger: Ledger, *, force: bool = False) -> None:
        """Keep the source's offset and renew its lease (at most every third of a lease, unless
        ``force``); a finished source leaves the queue."""
        now = time.monotonic()
        if ledger.finished:
            with self.client.pipeline() as pipe:
                pipe.sadd(self.keys["done"], source)
                pipe.hset(self.keys["offsets"], source, ledger.watermark)
                pipe.hdel(self.keys["leases"], source)
                pipe.execute()
            return
        if not force and now - self._renewed.get(source, 0) < self.lease_seconds / 3:
            return
        self._renewed[source] = now
        self.client.hset(self.keys["offsets"], source, ledger.watermark)
        self.client.eval(_RENEW, 1, self.keys["leases"], source, self.lease_seconds)
