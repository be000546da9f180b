"""At-least-once work queues on Redis lists (ARCHITECTURE §3).

A message is only a wake-up call naming an image; PostgreSQL holds the truth. In flight, a message
sits in `<queue>:processing:<consumer>` so a crashed consumer's work is visible and can be returned
by the reaper once the consumer's heartbeat key has expired.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import redis

QUEUE_IMAGE_INGESTED = "image-ingested"
QUEUE_DETECTION_COMPLETE = "detection-complete"
QUEUE_CLASSIFICATION_COMPLETE = "classification-complete"
QUEUE_FAILED_JOBS = "failed-jobs"
# Messages name an alert delivery id (not an image id) in the `image_id` field.
QUEUE_ALERT_DELIVERIES = "alert-deliveries"
# Images a person approved or re-labelled: the alerts service evaluates its "only human-verified"
# rules on them again (the API pushes after commit).
QUEUE_ALERT_REVIEWS = "alert-reviews"
PIPELINE_QUEUES = (QUEUE_IMAGE_INGESTED, QUEUE_DETECTION_COMPLETE, QUEUE_CLASSIFICATION_COMPLETE)
# Every queue the metrics report on.
MONITORED_QUEUES = (*PIPELINE_QUEUES, QUEUE_ALERT_DELIVERIES, QUEUE_ALERT_REVIEWS)


@dataclass(frozen=True)
class Message:
    image_id: str
    attempt: int = 1
    enqueued_at: float = field(default_factory=time.time)
    # The exact bytes taken from Redis: LREM needs them to acknowledge this message.
    raw: str = ""

    def encode(self) -> str:
        return json.dumps({"image_id": self.image_id, "attempt": self.attempt, "enqueued_at": self.enqueued_at})

    @classmethod
    def decode(cls, raw: str) -> Message:
        try:
            data = json.loads(raw)
            return cls(
                image_id=str(data["image_id"]),
                attempt=int(data.get("attempt", 1)),
                enqueued_at=float(data.get("enqueued_at", time.time())),
                raw=raw,
            )
        except (ValueError, KeyError, TypeError):
            # A foreign or corrupt entry still has to be acknowledged, so keep its raw form.
            return cls(image_id="", attempt=1, raw=raw)


class ReliableQueue:
    """One named queue. Keys: <prefix><name>, <prefix><name>:processing:<consumer>, <prefix><name>:delayed."""

    def __init__(self, client: redis.Redis, name: str, prefix: str = "") -> None:
        self.redis = client
        self.name = name
        self.prefix = prefix
        self.key = f"{prefix}{name}"
        self.delayed_key = f"{self.key}:delayed"

    # --- producer -------------------------------------------------------------------------------
    def push(self, image_id: str | uuid.UUID, attempt: int = 1, max_length: int | None = None) -> None:
        """`max_length` bounds a queue that may have no consumer yet, dropping the oldest messages."""
        if max_length is None:
            self.redis.lpush(self.key, Message(str(image_id), attempt).encode())
            return
        pipe = self.redis.pipeline()
        pipe.lpush(self.key, Message(str(image_id), attempt).encode())
        pipe.ltrim(self.key, 0, max_length - 1)
        pipe.execute()

    def push_many(self, ids: list[str]) -> None:
        """Several messages in one round trip (LPUSH takes many values)."""
        if ids:
            self.redis.lpush(self.key, *(Message(str(i)).encode() for i in ids))

    def push_later(self, image_id: str | uuid.UUID, attempt: int, delay_seconds: float) -> None:
        """Retry with backoff: parked in a sorted set until due, then moved back to the list."""
        due = time.time() + delay_seconds
        self.redis.zadd(self.delayed_key, {Message(str(image_id), attempt).encode(): due})

    def promote_due(self, now: float | None = None) -> int:
        now = time.time() if now is None else now
        moved = 0
        # Without withscores, redis returns the members only (its annotation also allows (member, score) pairs).
        due = cast("list[bytes]", self.redis.zrangebyscore(self.delayed_key, "-inf", now, start=0, num=100))
        for raw in due:
            # ZREM first: only the process that removes it pushes it, so two reapers cannot double it.
            if self.redis.zrem(self.delayed_key, raw):
                self.redis.lpush(self.key, raw)
                moved += 1
        return moved

    # --- consumer -------------------------------------------------------------------------------
    def processing_key(self, consumer: str) -> str:
        return f"{self.key}:processing:{consumer}"

    def take(self, consumer: str, max_items: int = 1, timeout: float = 1.0) -> list[Message]:
        """Block up to `timeout` for one message, then take up to max_items-1 more without waiting."""
        processing = self.processing_key(consumer)
        # redis-py passes fractional seconds through to BLMOVE; its annotation says int.
        first = self.redis.blmove(self.key, processing, timeout, "RIGHT", "LEFT")  # type: ignore[arg-type]
        if first is None:
            return []
        raws = [first]
        while len(raws) < max_items:
            nxt = self.redis.lmove(self.key, processing, "RIGHT", "LEFT")
            if nxt is None:
                break
            raws.append(nxt)
        return [Message.decode(_text(raw)) for raw in raws]

    def ack(self, consumer: str, message: Message) -> None:
        self.redis.lrem(self.processing_key(consumer), 1, message.raw)

    def in_flight(self, consumer: str) -> list[Message]:
        return [Message.decode(_text(r)) for r in self.redis.lrange(self.processing_key(consumer), 0, -1)]

    # --- observation ----------------------------------------------------------------------------
    def depth(self) -> int:
        return int(self.redis.llen(self.key))

    def delayed_count(self) -> int:
        return int(self.redis.zcard(self.delayed_key))

    def processing_keys(self) -> list[str]:
        return [_text(k) for k in self.redis.scan_iter(match=f"{self.key}:processing:*", count=100)]

    def in_flight_count(self) -> int:
        return sum(int(self.redis.llen(k)) for k in self.processing_keys())

    def queued_ids(self) -> set[str]:
        """Every id waiting, delayed or in flight (one pass, for reconcilers that check many ids)."""
        raws = [raw for key in (self.key, *self.processing_keys()) for raw in self.redis.lrange(key, 0, -1)]
        raws += cast("list[bytes]", self.redis.zrange(self.delayed_key, 0, -1))
        return {message.image_id for message in (Message.decode(_text(raw)) for raw in raws) if message.image_id}

    # --- reaper ---------------------------------------------------------------------------------
    def reap(self, is_alive: Callable[[str], bool]) -> int:
        """Return messages held by consumers whose heartbeat has expired to the head of the queue."""
        returned = 0
        marker = f"{self.key}:processing:"
        for key in self.processing_keys():
            consumer = key[len(marker):]
            if not is_alive(consumer):
                returned += self.release(consumer)
        return returned

    def release(self, consumer: str) -> int:
        """Return everything in this consumer's processing list to the queue. A live consumer calls it
        for itself after a Redis error cut a round short: the reaper leaves live consumers alone."""
        key = self.processing_key(consumer)
        returned = 0
        # RIGHT->RIGHT keeps them at the consuming end: work that was already waiting goes first.
        while self.redis.lmove(key, self.key, "RIGHT", "RIGHT") is not None:
            returned += 1
        return returned


class RedisEpoch:
    """Notices that Redis lost its data: a key holding a random token that only an empty Redis lacks.
    Whoever finds it missing writes a new one; a worker that sees a token other than the last one it
    saw knows every message may be gone."""

    def __init__(self, client: redis.Redis, prefix: str = "") -> None:
        self.redis = client
        self.key = f"{prefix}redis-epoch"
        self.seen: str | None = None

    def changed(self) -> bool:
        """True on the first call and whenever the token differs from the one seen last time."""
        self.redis.set(self.key, uuid.uuid4().hex, nx=True)
        current = self.redis.get(self.key)
        token = None if current is None else _text(current)
        changed = token != self.seen
        self.seen = token
        return changed


class Heartbeats:
    """Liveness of consumers: a key with a TTL that each consumer refreshes while it runs."""

    def __init__(self, client: redis.Redis, prefix: str = "", ttl_seconds: int = 30) -> None:
        self.redis = client
        self.prefix = prefix
        self.ttl = ttl_seconds

    def key(self, consumer: str) -> str:
        return f"{self.prefix}heartbeat:{consumer}"

    def beat(self, consumer: str) -> None:
        self.redis.set(self.key(consumer), str(time.time()), ex=self.ttl)

    def stop(self, consumer: str) -> None:
        self.redis.delete(self.key(consumer))

    def is_alive(self, consumer: str) -> bool:
        return bool(self.redis.exists(self.key(consumer)))


class DeadLetters:
    """`failed-jobs`: messages that ran out of attempts, with the error, for an operator to inspect."""

    def __init__(self, client: redis.Redis, prefix: str = "") -> None:
        self.redis = client
        self.key = f"{prefix}{QUEUE_FAILED_JOBS}"

    def add(self, queue: str, message: Message, error: str) -> None:
        record = {"queue": queue, "image_id": message.image_id, "attempt": message.attempt,
                  "error": error[:2000], "failed_at": time.time()}
        self.redis.lpush(self.key, json.dumps(record))

    def count(self) -> int:
        return int(self.redis.llen(self.key))

    def entries(self, limit: int = 100) -> list[dict[str, Any]]:
        return [json.loads(_text(r)) for r in self.redis.lrange(self.key, 0, limit - 1)]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
