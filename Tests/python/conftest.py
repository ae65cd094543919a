# Fixtures for the redis-py compatibility suite. The server under test is given by
# QUILL_PORT (no password) and QUILL_AUTH_PORT (started with --requirepass
# QUILL_AUTH_PASSWORD); the suite runs unchanged against a real redis-server, which is
# how the expectations themselves are checked.

import os
import uuid

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


def no_retry():
    """redis-py retries connection-class errors (AuthenticationError is one) with backoff;
    a test wants the first answer, fast."""
    return Retry(NoBackoff(), 0)


def _port(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: point it at the server under test")
    return int(value)


@pytest.fixture(scope="session")
def port():
    return _port("QUILL_PORT")


@pytest.fixture(scope="session")
def auth_port():
    return _port("QUILL_AUTH_PORT")


@pytest.fixture(scope="session")
def auth_password():
    return os.environ.get("QUILL_AUTH_PASSWORD", "quill-secret")


class Keys:
    """Hands out key names unique to one test and deletes them afterwards, so tests
    never depend on each other's leftovers (and need no FLUSHALL)."""

    def __init__(self):
        self.prefix = f"t:{uuid.uuid4().hex[:12]}:"
        self.used = set()

    def __call__(self, name="k"):
        key = self.prefix + name
        self.used.add(key)
        return key

    @property
    def pattern(self):
        return self.prefix + "*"


@pytest.fixture
def keys(port):
    made = Keys()
    yield made
    if made.used:
        cleanup = redis.Redis(port=port, single_connection_client=True, retry=no_retry())
        pipe = cleanup.pipeline(transaction=False)
        for db in range(16):
            pipe.execute_command("SELECT", db)
            pipe.delete(*made.used)
        pipe.execute()
        cleanup.close()


@pytest.fixture(params=[2, 3], ids=["resp2", "resp3"])
def protocol(request):
    return request.param


@pytest.fixture
def connect(port, protocol):
    """Makes clients on the server under test with the test's protocol; closes them after."""
    made = []

    def make(**options):
        options.setdefault("decode_responses", True)
        options.setdefault("protocol", protocol)
        options.setdefault("retry", no_retry())
        client = redis.Redis(port=port, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def r(connect):
    return connect()
