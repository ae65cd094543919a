# redis-py against the server under test, over RESP2 and RESP3 (`protocol` fixture):
# what a real application sees through the most used Python client, including how
# Redis's error replies turn into redis-py exception classes.

import time

import pytest
import redis
from conftest import no_retry


# Connection


def test_ping_and_echo(r):
    assert r.ping() is True
    assert r.echo("hello world") == "hello world"
    assert r.echo("") == ""


def test_binary_safe_values(connect, keys):
    raw = connect(decode_responses=False)
    value = bytes(range(256)) + b"\r\n\x00end"
    assert raw.set(keys("bin"), value) is True
    assert raw.get(keys("bin")) == value
    assert raw.echo(b"\x00\xff") == b"\x00\xff"


def test_unicode_round_trip(r, keys):
    r.set(keys("u"), "héllo ✓ 日本")
    assert r.get(keys("u")) == "héllo ✓ 日本"
    assert r.strlen(keys("u")) == len("héllo ✓ 日本".encode())


def test_hello_reports_server_and_protocol(r, protocol):
    info = r.execute_command("HELLO", protocol)
    if isinstance(info, list):
        info = dict(zip(info[::2], info[1::2]))
    assert info["proto"] == protocol
    assert info["server"] == "redis"
    assert info["version"].startswith("7.")
    assert info["mode"] == "standalone"
    assert info["role"] == "master"
    assert isinstance(info["id"], int)


def test_hello_errors(r):
    with pytest.raises(redis.ResponseError, match="^NOPROTO unsupported protocol version$"):
        r.execute_command("HELLO", 4)
    with pytest.raises(redis.ResponseError, match="^Protocol version is not an integer or out of range$"):
        r.execute_command("HELLO", "x")
    with pytest.raises(redis.ResponseError, match="^Syntax error in HELLO option 'bogus'$"):
        r.execute_command("HELLO", 2, "bogus")


def test_auth_without_configured_password_is_an_authentication_error(r):
    with pytest.raises(redis.AuthenticationError, match="without any password configured"):
        r.auth("whatever")
    with pytest.raises(redis.AuthenticationError, match="^invalid username-password pair"):
        r.auth("whatever", username="someone")
    assert r.auth("anything", username="default") is True


def test_requirepass_rejects_unauthenticated_and_wrong_password(auth_port, protocol):
    # Without a library name redis-py sends no CLIENT SETINFO at connect time, a command Redis
    # 7.0 does not know (so its refusal is ignored) but Quill serves (so it would need AUTH).
    anonymous = redis.Redis(port=auth_port, protocol=2, retry=no_retry(), lib_name=None, lib_version=None)
    with pytest.raises(redis.AuthenticationError, match="^Authentication required.$"):
        anonymous.ping()
    with pytest.raises(redis.AuthenticationError, match="^HELLO must be called with the client already authenticated"):
        anonymous.execute_command("HELLO", protocol)
    anonymous.close()
    # With protocol=3 redis-py authenticates through HELLO 3 AUTH, otherwise through AUTH.
    wrong = redis.Redis(port=auth_port, protocol=protocol, password="not-it", retry=no_retry())
    with pytest.raises(redis.AuthenticationError, match="^invalid username-password pair or user is disabled.$"):
        wrong.ping()
    wrong.close()


def test_requirepass_accepts_right_password(auth_port, protocol, auth_password):
    for options in ({"password": auth_password}, {"username": "default", "password": auth_password}):
        c = redis.Redis(port=auth_port, protocol=protocol, decode_responses=True, retry=no_retry(), **options)
        assert c.ping() is True
        assert c.set("auth-key", "v") is True
        assert c.get("auth-key") == "v"
        assert c.delete("auth-key") == 1
        c.close()


def test_client_setname_and_getname(r):
    assert r.client_getname() is None
    assert r.client_setname("quill-test") is True
    assert r.client_getname() == "quill-test"
    with pytest.raises(redis.ResponseError, match="^Client names cannot contain spaces, newlines or special characters.$"):
        r.client_setname("has space")


def test_client_name_on_connect(connect):
    c = connect(client_name="from-connect")
    assert c.client_getname() == "from-connect"


def test_time(r):
    seconds, micros = r.time()
    assert abs(seconds + micros / 1e6 - time.time()) < 5
    assert 0 <= micros < 1_000_000


def test_info(r):
    info = r.info()
    assert info["redis_version"].startswith("7.")
    assert info["redis_mode"] == "standalone"
    assert info["tcp_port"] == r.connection_pool.connection_kwargs["port"]
    assert info["connected_clients"] >= 1
    memory = r.info("memory")
    assert memory["used_memory"] > 0
    assert "redis_version" not in memory
    assert "role" in r.info("replication")


def test_info_keyspace(r, keys):
    r.set(keys("a"), 1)
    r.set(keys("b"), 2, ex=100)
    db0 = r.info("keyspace")["db0"]
    assert db0["keys"] >= 2
    assert db0["expires"] >= 1


def test_dbsize(r, keys):
    before = r.dbsize()
    r.set(keys("a"), 1)
    r.set(keys("b"), 2)
    assert r.dbsize() == before + 2
    r.delete(keys("a"))
    assert r.dbsize() == before + 1


def test_select_through_db_option(connect, keys):
    db0 = connect()
    db3 = connect(db=3)
    db3.set(keys("only-in-3"), "x")
    assert db0.get(keys("only-in-3")) is None
    assert connect(db=3).get(keys("only-in-3")) == "x"
    assert db3.exists(keys("only-in-3")) == 1


def test_select_out_of_range(connect, r):
    with pytest.raises(redis.ResponseError, match="^DB index is out of range$"):
        connect(db=16).ping()
    with pytest.raises(redis.ResponseError, match="^value is not an integer or out of range$"):
        r.execute_command("SELECT", "x")


def test_unknown_command_and_wrong_arity(r):
    with pytest.raises(redis.ResponseError, match="^unknown command 'NOSUCH', with args beginning with: 'a' $"):
        r.execute_command("NOSUCH", "a")
    with pytest.raises(redis.ResponseError, match="^wrong number of arguments for 'get' command$"):
        r.execute_command("GET")


# SET and GET with options


def test_set_and_get(r, keys):
    assert r.get(keys()) is None
    assert r.set(keys(), "v1") is True
    assert r.get(keys()) == "v1"
    assert r.set(keys(), 42) is True
    assert r.get(keys()) == "42"


def test_set_ex_and_px(r, keys):
    assert r.set(keys("ex"), "v", ex=100) is True
    assert 99 <= r.ttl(keys("ex")) <= 100
    assert r.set(keys("px"), "v", px=50_000) is True
    assert 49_000 <= r.pttl(keys("px")) <= 50_000
    assert r.set(keys("short"), "v", px=50) is True
    time.sleep(0.2)
    assert r.get(keys("short")) is None
    assert r.exists(keys("short")) == 0


def test_set_exat_and_pxat(r, keys):
    now = int(time.time())
    assert r.set(keys("exat"), "v", exat=now + 100) is True
    assert 98 <= r.ttl(keys("exat")) <= 100
    assert r.set(keys("pxat"), "v", pxat=(now + 100) * 1000) is True
    assert 98_000 <= r.pttl(keys("pxat")) <= 100_000


def test_set_invalid_expire(r, keys):
    for option in ({"ex": 0}, {"ex": -5}, {"px": 0}):
        with pytest.raises(redis.ResponseError, match="^invalid expire time in 'set' command$"):
            r.set(keys(), "v", **option)
    with pytest.raises(redis.ResponseError, match="^value is not an integer or out of range$"):
        r.execute_command("SET", keys(), "v", "EX", "ten")
    assert r.exists(keys()) == 0


def test_set_nx_and_xx(r, keys):
    assert r.set(keys(), "first", nx=True) is True
    assert r.set(keys(), "second", nx=True) is None
    assert r.get(keys()) == "first"
    assert r.set(keys("missing"), "v", xx=True) is None
    assert r.exists(keys("missing")) == 0
    assert r.set(keys(), "third", xx=True) is True
    assert r.get(keys()) == "third"


def test_set_get_option(r, keys):
    assert r.set(keys(), "old", get=True) is None
    assert r.set(keys(), "new", get=True) == "old"
    assert r.get(keys()) == "new"
    assert r.set(keys(), "newer", nx=True, get=True) == "new"
    assert r.get(keys()) == "new"
    assert r.set(keys(), "newest", xx=True, get=True) == "new"
    assert r.get(keys()) == "newest"


def test_set_keepttl(r, keys):
    r.set(keys(), "a", ex=100)
    assert r.set(keys(), "b", keepttl=True) is True
    assert r.ttl(keys()) > 0
    assert r.get(keys()) == "b"
    assert r.set(keys(), "c") is True
    assert r.ttl(keys()) == -1


def test_set_conflicting_options_are_syntax_errors(r, keys):
    for options in (["NX", "XX"], ["EX", 10, "PX", 10000], ["EX", 10, "KEEPTTL"], ["GET", "GET", "EX"], ["BOGUS"]):
        with pytest.raises(redis.ResponseError, match="^syntax error$"):
            r.execute_command("SET", keys(), "v", *options)
    assert r.exists(keys()) == 0


def test_wrong_type_is_a_response_error(r, keys):
    try:
        r.rpush(keys("list"), "x")
    except redis.ResponseError as error:
        if str(error).startswith("unknown command"):
            pytest.skip("the server has no list type yet")
        raise
    with pytest.raises(redis.ResponseError, match="^WRONGTYPE Operation against a key holding the wrong kind of value$"):
        r.get(keys("list"))
    with pytest.raises(redis.ResponseError, match="^WRONGTYPE"):
        r.set(keys("list"), "v", get=True)
    with pytest.raises(redis.ResponseError, match="^WRONGTYPE"):
        r.incr(keys("list"))
    with pytest.raises(redis.ResponseError, match="^WRONGTYPE"):
        r.append(keys("list"), "x")
    assert r.type(keys("list")) == "list"
    assert r.set(keys("list"), "now a string") is True
    assert r.type(keys("list")) == "string"


# DEL EXISTS


def test_delete_and_exists(r, keys):
    r.set(keys("a"), 1)
    r.set(keys("b"), 2)
    assert r.exists(keys("a")) == 1
    assert r.exists(keys("a"), keys("a"), keys("b"), keys("missing")) == 3
    assert r.delete(keys("a"), keys("b"), keys("missing")) == 2
    assert r.exists(keys("a"), keys("b")) == 0
    assert r.delete(keys("a")) == 0


def test_unlink_and_touch(r, keys):
    r.mset({keys("a"): 1, keys("b"): 2})
    assert r.touch(keys("a"), keys("b"), keys("c")) == 2
    assert r.unlink(keys("a"), keys("c")) == 1
    assert r.exists(keys("a"), keys("b")) == 1


# Pipelines and transactions


def test_pipeline_without_transaction(r, keys):
    pipe = r.pipeline(transaction=False)
    for i in range(1000):
        pipe.set(keys(f"p{i}"), i)
    for i in range(1000):
        pipe.get(keys(f"p{i}"))
    pipe.exists(*[keys(f"p{i}") for i in range(1000)])
    pipe.delete(*[keys(f"p{i}") for i in range(0, 1000, 2)])
    results = pipe.execute()
    assert results[:1000] == [True] * 1000
    assert results[1000:2000] == [str(i) for i in range(1000)]
    assert results[2000] == 1000
    assert results[2001] == 500
    assert r.dbsize() >= 500


def test_pipeline_without_transaction_reports_errors_in_place(r, keys):
    r.set(keys(), "abc")
    pipe = r.pipeline(transaction=False)
    pipe.get(keys())
    pipe.incr(keys())
    pipe.set(keys("other"), "v")
    results = pipe.execute(raise_on_error=False)
    assert results[0] == "abc"
    assert isinstance(results[1], redis.ResponseError)
    assert "value is not an integer or out of range" in str(results[1])
    assert results[2] is True
    assert r.get(keys("other")) == "v"


def test_pipeline_with_transaction(r, keys):
    with r.pipeline(transaction=True) as pipe:
        for i in range(200):
            pipe.set(keys(f"t{i}"), f"v{i}")
            pipe.get(keys(f"t{i}"))
        pipe.exists(*[keys(f"t{i}") for i in range(200)])
        results = pipe.execute()
    assert len(results) == 401
    assert results[0:400:2] == [True] * 200
    assert results[1:400:2] == [f"v{i}" for i in range(200)]
    assert results[400] == 200


def test_transaction_runtime_error_does_not_abort_others(r, keys):
    r.set(keys("text"), "abc")
    pipe = r.pipeline(transaction=True)
    pipe.set(keys("a"), 1)
    pipe.incr(keys("text"))
    pipe.set(keys("b"), 2)
    results = pipe.execute(raise_on_error=False)
    assert results[0] is True
    assert isinstance(results[1], redis.ResponseError)
    assert results[2] is True
    assert r.mget(keys("a"), keys("b")) == ["1", "2"]


def test_transaction_with_queueing_error_is_discarded(r, keys):
    pipe = r.pipeline(transaction=True)
    pipe.set(keys("a"), 1)
    pipe.execute_command("NOSUCHCOMMAND")
    with pytest.raises(redis.ResponseError, match="unknown command 'NOSUCHCOMMAND'"):
        pipe.execute()
    assert r.exists(keys("a")) == 0


def test_watch_conflict_raises_watch_error(connect, keys):
    r = connect()
    other = connect()
    r.set(keys("balance"), 10)
    with r.pipeline() as pipe:
        pipe.watch(keys("balance"))
        current = int(pipe.get(keys("balance")))
        other.set(keys("balance"), 99)
        pipe.multi()
        pipe.set(keys("balance"), current + 1)
        with pytest.raises(redis.WatchError):
            pipe.execute()
    assert r.get(keys("balance")) == "99"


def test_watch_conflict_from_delete(connect, keys):
    r = connect()
    other = connect()
    r.set(keys("w"), "v")
    with r.pipeline() as pipe:
        pipe.watch(keys("w"))
        other.delete(keys("w"))
        pipe.multi()
        pipe.set(keys("w"), "mine")
        with pytest.raises(redis.WatchError):
            pipe.execute()
    assert r.exists(keys("w")) == 0


def test_watch_conflict_from_expiry(r, keys):
    r.set(keys("w"), "v", px=100)
    with r.pipeline() as pipe:
        pipe.watch(keys("w"))
        time.sleep(0.3)
        pipe.multi()
        pipe.set(keys("other"), "x")
        with pytest.raises(redis.WatchError):
            pipe.execute()
    assert r.exists(keys("other")) == 0


def test_watch_without_conflict_executes(r, keys):
    r.set(keys("n"), 1)
    with r.pipeline() as pipe:
        pipe.watch(keys("n"), keys("untouched"))
        value = int(pipe.get(keys("n")))
        pipe.multi()
        pipe.set(keys("n"), value + 1)
        pipe.get(keys("n"))
        assert pipe.execute() == [True, "2"]


def test_transaction_helper_retries_after_conflict(connect, keys):
    r = connect()
    other = connect()
    r.set(keys("counter"), 0)
    attempts = []

    def bump(pipe):
        value = int(pipe.get(keys("counter")))
        if not attempts:
            other.set(keys("counter"), 100)
        attempts.append(value)
        pipe.multi()
        pipe.set(keys("counter"), value + 1)

    r.transaction(bump, keys("counter"))
    assert attempts == [0, 100]
    assert r.get(keys("counter")) == "101"


def test_exec_without_multi_and_nested_multi(r):
    with pytest.raises(redis.ResponseError, match="^EXEC without MULTI$"):
        r.execute_command("EXEC")
    with pytest.raises(redis.ResponseError, match="^DISCARD without MULTI$"):
        r.execute_command("DISCARD")


# Counters


def test_incr_decr_family(r, keys):
    assert r.incr(keys()) == 1
    assert r.incr(keys(), 10) == 11
    assert r.decr(keys()) == 10
    assert r.decr(keys(), 20) == -10
    assert r.incrby(keys(), 5) == -5
    assert r.decrby(keys(), 5) == -10
    assert r.get(keys()) == "-10"


def test_incr_errors(r, keys):
    r.set(keys("text"), "abc")
    r.set(keys("spaces"), " 1")
    r.set(keys("max"), 2**63 - 1)
    with pytest.raises(redis.ResponseError, match="^value is not an integer or out of range$"):
        r.incr(keys("text"))
    with pytest.raises(redis.ResponseError, match="^value is not an integer or out of range$"):
        r.incr(keys("spaces"))
    with pytest.raises(redis.ResponseError, match="^increment or decrement would overflow$"):
        r.incr(keys("max"))
    with pytest.raises(redis.ResponseError, match="^value is not an integer or out of range$"):
        r.incrby(keys("n"), "1.5")
    assert r.get(keys("max")) == str(2**63 - 1)


def test_incrbyfloat(r, keys):
    assert r.incrbyfloat(keys(), 1.5) == 1.5
    assert r.incrbyfloat(keys(), "0.1") == pytest.approx(1.6)
    assert r.get(keys()) == "1.6"
    r.set(keys("e"), "5.0e3")
    assert r.incrbyfloat(keys("e"), "2.0e2") == 5200
    assert r.get(keys("e")) == "5200"
    r.set(keys("text"), "abc")
    with pytest.raises(redis.ResponseError, match="^value is not a valid float$"):
        r.incrbyfloat(keys("text"), 1)
    with pytest.raises(redis.ResponseError, match="^value is not a valid float$"):
        r.incrbyfloat(keys(), "x")
    with pytest.raises(redis.ResponseError, match="^increment would produce NaN or Infinity$"):
        r.incrbyfloat(keys(), "inf")


# Multi-key strings


def test_mset_mget_msetnx(r, keys):
    assert r.mset({keys("a"): "1", keys("b"): "2"}) is True
    assert r.mget(keys("a"), keys("missing"), keys("b")) == ["1", None, "2"]
    assert r.mget([keys("a"), keys("b")]) == ["1", "2"]
    assert r.msetnx({keys("b"): "x", keys("c"): "3"}) is False
    assert r.exists(keys("c")) == 0
    assert r.msetnx({keys("c"): "3", keys("d"): "4"}) is True
    assert r.mget(keys("c"), keys("d")) == ["3", "4"]
    with pytest.raises(redis.ResponseError, match="^wrong number of arguments for 'mset' command$"):
        r.execute_command("MSET", keys("a"), "1", keys("b"))


# String editing


def test_append_and_strlen(r, keys):
    assert r.append(keys(), "Hello") == 5
    assert r.append(keys(), " World") == 11
    assert r.get(keys()) == "Hello World"
    assert r.strlen(keys()) == 11
    assert r.strlen(keys("missing")) == 0


def test_getrange(r, keys):
    r.set(keys(), "This is a string")
    assert r.getrange(keys(), 0, 3) == "This"
    assert r.getrange(keys(), -3, -1) == "ing"
    assert r.getrange(keys(), 0, -1) == "This is a string"
    assert r.getrange(keys(), 10, 100) == "string"
    assert r.getrange(keys(), 5, 3) == ""
    assert r.getrange(keys("missing"), 0, 10) == ""
    assert r.substr(keys(), 0, 3) == "This"


def test_setrange(r, keys):
    r.set(keys(), "Hello World")
    assert r.setrange(keys(), 6, "Redis") == 11
    assert r.get(keys()) == "Hello Redis"
    assert r.setrange(keys("pad"), 5, "x") == 6
    assert r.get(keys("pad")) == "\x00" * 5 + "x"
    assert r.setrange(keys("empty"), 3, "") == 0
    assert r.exists(keys("empty")) == 0
    with pytest.raises(redis.ResponseError, match="^offset is out of range$"):
        r.setrange(keys(), -1, "x")
    with pytest.raises(redis.ResponseError, match="^string exceeds maximum allowed size \\(proto-max-bulk-len\\)$"):
        r.setrange(keys(), 512 * 1024 * 1024, "x")


def test_getset_getdel_getex(r, keys):
    assert r.getset(keys(), "a") is None
    assert r.getset(keys(), "b") == "a"
    assert r.getex(keys(), ex=100) == "b"
    assert 99 <= r.ttl(keys()) <= 100
    assert r.getex(keys(), persist=True) == "b"
    assert r.ttl(keys()) == -1
    assert r.getdel(keys()) == "b"
    assert r.exists(keys()) == 0
    assert r.getdel(keys()) is None


def test_setnx_setex_psetex(r, keys):
    assert r.setnx(keys(), "a") is True
    assert r.setnx(keys(), "b") is False
    assert r.execute_command("SETEX", keys("ex"), 100, "v") is True
    assert 99 <= r.ttl(keys("ex")) <= 100
    assert r.psetex(keys("px"), 100_000, "v") is True
    assert 99_000 <= r.pttl(keys("px")) <= 100_000
    with pytest.raises(redis.ResponseError, match="^invalid expire time in 'setex' command$"):
        r.execute_command("SETEX", keys("bad"), 0, "v")


# Expiry


def test_expire_ttl_pttl_persist(r, keys):
    r.set(keys(), "v")
    assert r.ttl(keys()) == -1
    assert r.ttl(keys("missing")) == -2
    assert r.pttl(keys("missing")) == -2
    assert r.expire(keys(), 100) is True
    assert 99 <= r.ttl(keys()) <= 100
    assert 99_000 <= r.pttl(keys()) <= 100_000
    assert r.persist(keys()) is True
    assert r.persist(keys()) is False
    assert r.ttl(keys()) == -1
    assert r.expire(keys("missing"), 100) is False
    assert r.pexpire(keys(), 100_000) is True
    assert 99 <= r.ttl(keys()) <= 100


def test_expire_options(r, keys):
    r.set(keys(), "v")
    assert r.expire(keys(), 100, xx=True) is False
    assert r.expire(keys(), 100, nx=True) is True
    assert r.expire(keys(), 200, nx=True) is False
    assert r.expire(keys(), 50, gt=True) is False
    assert r.expire(keys(), 200, gt=True) is True
    assert r.expire(keys(), 300, lt=True) is False
    assert r.expire(keys(), 150, lt=True) is True
    assert 149 <= r.ttl(keys()) <= 150
    with pytest.raises(redis.ResponseError, match="^NX and XX, GT or LT options at the same time are not compatible$"):
        r.execute_command("EXPIRE", keys(), 10, "NX", "XX")
    with pytest.raises(redis.ResponseError, match="^GT and LT options at the same time are not compatible$"):
        r.execute_command("EXPIRE", keys(), 10, "GT", "LT")


def test_expire_in_the_past_deletes(r, keys):
    r.set(keys(), "v")
    assert r.expire(keys(), -1) is True
    assert r.exists(keys()) == 0
    r.set(keys(), "v")
    assert r.expireat(keys(), int(time.time()) - 10) is True
    assert r.get(keys()) is None


def test_expireat_and_expiretime(r, keys):
    at = int(time.time()) + 1000
    r.set(keys(), "v")
    assert r.expiretime(keys()) == -1
    assert r.expiretime(keys("missing")) == -2
    assert r.expireat(keys(), at) is True
    assert r.expiretime(keys()) == at
    assert r.pexpiretime(keys()) == at * 1000
    assert r.pexpireat(keys(), at * 1000 + 500) is True
    assert r.pexpiretime(keys()) == at * 1000 + 500


def test_expire_errors(r, keys):
    r.set(keys(), "v")
    with pytest.raises(redis.ResponseError, match="^value is not an integer or out of range$"):
        r.execute_command("EXPIRE", keys(), "soon")
    with pytest.raises(redis.ResponseError, match="^invalid expire time in 'expire' command$"):
        r.execute_command("EXPIRE", keys(), 2**62)
    with pytest.raises(redis.ResponseError, match="^Unsupported option bogus$"):
        r.execute_command("EXPIRE", keys(), 10, "bogus")


# Keyspace


def scan_database(connect):
    """A database of its own, emptied first: SCAN walks every key, and cursor loops with
    small COUNTs over a crowded keyspace would only measure its size."""
    c = connect(db=9)
    c.flushdb()
    return c


def test_keys_and_scan_iter(connect, keys):
    r = scan_database(connect)
    names = {keys(f"s{i}") for i in range(300)}
    r.mset({name: "v" for name in names})
    assert set(r.keys(keys.pattern)) == names
    assert set(r.keys(keys.prefix + "s1?")) == {keys(f"s{i}") for i in range(10, 20)}
    assert set(r.scan_iter(match=keys.pattern, count=17)) == names
    assert set(r.scan_iter(match=keys.prefix + "s2[0-4]", count=1000)) == {keys(f"s{i}") for i in range(20, 25)}
    assert set(r.scan_iter(match=keys.pattern, _type="string")) == names
    assert list(r.scan_iter(match=keys.pattern, _type="list")) == []


def test_scan_cursor_protocol(connect, keys):
    r = scan_database(connect)
    names = {keys(f"c{i}") for i in range(50)}
    r.mset({name: 1 for name in names})
    seen = set()
    cursor = 0
    while True:
        cursor, batch = r.scan(cursor=cursor, match=keys.pattern, count=7)
        seen.update(batch)
        if cursor == 0:
            break
    assert seen == names
    with pytest.raises(redis.ResponseError, match="^invalid cursor$"):
        r.execute_command("SCAN", "notanumber")


def test_rename_and_renamenx(r, keys):
    r.set(keys("a"), "1", ex=100)
    assert r.rename(keys("a"), keys("b")) is True
    assert r.exists(keys("a")) == 0
    assert r.get(keys("b")) == "1"
    assert r.ttl(keys("b")) > 0
    r.set(keys("c"), "3")
    assert r.renamenx(keys("b"), keys("c")) is False
    assert r.renamenx(keys("b"), keys("d")) is True
    assert r.get(keys("d")) == "1"
    with pytest.raises(redis.ResponseError, match="^no such key$"):
        r.rename(keys("missing"), keys("x"))
    assert r.rename(keys("d"), keys("d")) is True


def test_copy(r, keys):
    r.set(keys("src"), "v")
    assert r.copy(keys("src"), keys("dst")) is True
    assert r.copy(keys("src"), keys("dst")) is False
    assert r.copy(keys("src"), keys("dst"), replace=True) is True
    assert r.copy(keys("src"), keys("dst"), destination_db=5) is True
    assert r.get(keys("dst")) == "v"


def test_type(r, keys):
    r.set(keys(), "v")
    assert r.type(keys()) == "string"
    assert r.type(keys("missing")) == "none"


def test_randomkey(connect, keys):
    c = connect(db=6)
    c.flushdb()
    assert c.randomkey() is None
    c.set(keys("only"), "v")
    assert c.randomkey() == keys("only")


def test_flushdb_empties_only_the_selected_database(connect, keys):
    db0 = connect()
    db7 = connect(db=7)
    db0.set(keys("kept"), "v")
    db7.mset({keys("a"): 1, keys("b"): 2})
    assert db7.dbsize() >= 2
    assert db7.flushdb() is True
    assert db7.dbsize() == 0
    assert db0.get(keys("kept")) == "v"


def test_move(connect, keys):
    r = connect()
    r.set(keys(), "v")
    assert r.move(keys(), 4) is True
    assert r.exists(keys()) == 0
    assert connect(db=4).get(keys()) == "v"
    with pytest.raises(redis.ResponseError, match="^source and destination objects are the same$"):
        r.execute_command("MOVE", keys("x"), 0)


# Configuration


def test_config_get(r):
    assert r.config_get("maxmemory") == {"maxmemory": "0"}
    assert r.config_get("databases") == {"databases": "16"}
    assert r.config_get("no-such-parameter") == {}
    matched = r.config_get("maxmemory*")
    assert {"maxmemory", "maxmemory-policy", "maxmemory-samples"} <= set(matched)


def test_config_set(r):
    original = r.config_get("maxmemory-policy")["maxmemory-policy"]
    try:
        assert r.config_set("maxmemory-policy", "allkeys-lru") is True
        assert r.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
    finally:
        r.config_set("maxmemory-policy", original)
    with pytest.raises(redis.ResponseError, match="^Unknown option or number of arguments for CONFIG SET - 'no-such-parameter'$"):
        r.config_set("no-such-parameter", "1")
    with pytest.raises(redis.ResponseError, match="^CONFIG SET failed \\(possibly related to argument 'maxmemory-policy'\\) - argument\\(s\\) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction$"):
        r.config_set("maxmemory-policy", "sometimes")


# Blocking commands


def test_blocking_pops_answer_at_once_when_data_exists(r, keys):
    r.rpush(keys("l"), "a", "b", "c")
    assert list(r.blpop([keys("none"), keys("l")], timeout=1)) == [keys("l"), "a"]
    assert list(r.brpop(keys("l"), timeout=0)) == [keys("l"), "c"]
    assert r.blmove(keys("l"), keys("d"), 0, "LEFT", "RIGHT") == "b"
    assert r.brpoplpush(keys("none"), keys("d"), timeout=0.05) is None
    r.zadd(keys("z"), {"a": 1, "b": 2, "c": 3})
    assert list(r.bzpopmin(keys("z"), timeout=0)) == [keys("z"), "a", 1.0]
    assert list(r.bzpopmax(keys("z"), timeout=0)) == [keys("z"), "c", 3.0]
    assert r.blmpop(0, 1, keys("d"), direction="RIGHT", count=5) == [keys("d"), ["b"]]
    assert r.blpop(keys("none"), timeout=0.05) is None


def test_blocked_client_is_served_by_a_push(connect, keys):
    import threading

    waiter, writer = connect(), connect()
    result = []
    thread = threading.Thread(target=lambda: result.append(waiter.blpop(keys("q"), timeout=5)))
    thread.start()
    deadline = 50
    while int(writer.info("clients")["blocked_clients"]) < 1 and deadline:
        threading.Event().wait(0.02)
        deadline -= 1
    writer.rpush(keys("q"), "v")
    thread.join(5)
    assert [list(item) for item in result] == [[keys("q"), "v"]]


def test_blocking_timeout_errors(r, keys):
    with pytest.raises(redis.ResponseError, match="^timeout is not a float or out of range$"):
        r.execute_command("BLPOP", keys(), "soon")
    with pytest.raises(redis.ResponseError, match="^timeout is negative$"):
        r.execute_command("BZPOPMIN", keys(), "-1")
