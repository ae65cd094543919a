// Redis 7.0.15's key specifications (COMMAND INFO's ninth field), by full command name:
// where each key argument is found and how the command uses it (RO/RW/OW/RM, access,
// insert, update, delete…). Facts taken from Redis 7.0.15's command table; a command missing
// here gets one range spec derived from its CommandSpec's first/last/step.
//
// One command per line: its name, the number of key specs, then the specs as tab-separated
// tokens in RESP3 order (see RecordedReply for the token format).

enum CommandKeySpecsData {
    static let lines = """
append	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
bitcount	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
bitfield	1	%4	$notes	$This command allows both access and modification of the key	$flags	~4	+RW	+access	+update	+variable_flags	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
bitfield_ro	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
bitop	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:3	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
bitpos	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
blmove	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
blmpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
blpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-2	$keystep	:1	$limit	:0
brpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-2	$keystep	:1	$limit	:0
brpoplpush	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
bzmpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
bzpopmax	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-2	$keystep	:1	$limit	:0
bzpopmin	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-2	$keystep	:1	$limit	:0
copy	2	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
decr	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
decrby	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
del	1	%3	$flags	~2	+RM	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
dump	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
eval	1	%4	$notes	$We cannot tell how the keys will be used so we assume the worst, RW and UPDATE	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
eval_ro	1	%4	$notes	$We cannot tell how the keys will be used so we assume the worst, RO and ACCESS	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
evalsha	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
evalsha_ro	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
exists	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
expire	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
expireat	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
expiretime	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
fcall	1	%4	$notes	$We cannot tell how the keys will be used so we assume the worst, RW and UPDATE	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
fcall_ro	1	%4	$notes	$We cannot tell how the keys will be used so we assume the worst, RO and ACCESS	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
geoadd	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
geodist	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
geohash	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
geopos	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
georadius	3	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$keyword	$spec	%2	$keyword	$STORE	$startfrom	:6	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$keyword	$spec	%2	$keyword	$STOREDIST	$startfrom	:6	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
georadius_ro	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
georadiusbymember	3	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$keyword	$spec	%2	$keyword	$STORE	$startfrom	:5	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$keyword	$spec	%2	$keyword	$STOREDIST	$startfrom	:5	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
georadiusbymember_ro	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
geosearch	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
geosearchstore	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
get	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
getbit	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
getdel	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
getex	1	%4	$notes	$RW and UPDATE because it changes the TTL	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
getrange	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
getset	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hdel	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hexists	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hget	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hgetall	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hincrby	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hincrbyfloat	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hkeys	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hlen	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hmget	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hmset	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hrandfield	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hscan	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hset	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hsetnx	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hstrlen	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
hvals	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
incr	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
incrby	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
incrbyfloat	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lcs	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:1	$keystep	:1	$limit	:0
lindex	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
linsert	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
llen	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lmove	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lmpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
lpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lpos	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lpush	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lpushx	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lrange	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lrem	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
lset	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
ltrim	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
memory|usage	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
mget	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
migrate	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:3	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~4	+RW	+access	+delete	+incomplete	$begin_search	%2	$type	$keyword	$spec	%2	$keyword	$KEYS	$startfrom	:-2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
move	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
mset	1	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:2	$limit	:0
msetnx	1	%3	$flags	~2	+OW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:2	$limit	:0
object|encoding	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
object|freq	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
object|idletime	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
object|refcount	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
persist	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
pexpire	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
pexpireat	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
pexpiretime	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
pfadd	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
pfcount	1	%4	$notes	$RW because it may change the internal representation of the key, and propagate to replicas	$flags	~2	+RW	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
pfdebug	1	%3	$flags	~2	+RW	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
pfmerge	2	%3	$flags	~3	+RW	+access	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
psetex	1	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
pttl	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
rename	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
renamenx	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+OW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
restore	1	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
restore-asking	1	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
rpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
rpoplpush	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
rpush	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
rpushx	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
sadd	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
scard	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
sdiff	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
sdiffstore	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
set	1	%4	$notes	$RW and ACCESS due to the optional `GET` argument	$flags	~4	+RW	+access	+update	+variable_flags	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
setbit	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
setex	1	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
setnx	1	%3	$flags	~2	+OW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
setrange	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
sinter	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
sintercard	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
sinterstore	2	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
sismember	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
smembers	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
smismember	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
smove	2	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
sort	3	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%4	$notes	$For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort	$flags	~2	+RO	+access	$begin_search	%2	$type	$unknown	$spec	%0	$find_keys	%2	$type	$unknown	$spec	%0	%4	$notes	$For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array	$flags	~2	+OW	+update	$begin_search	%2	$type	$unknown	$spec	%0	$find_keys	%2	$type	$unknown	$spec	%0
sort_ro	2	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%4	$notes	$For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort	$flags	~2	+RO	+access	$begin_search	%2	$type	$unknown	$spec	%0	$find_keys	%2	$type	$unknown	$spec	%0
spop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
spublish	1	%3	$flags	~1	+not_key	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
srandmember	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
srem	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
sscan	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
ssubscribe	1	%3	$flags	~1	+not_key	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
strlen	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
substr	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
sunion	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
sunionstore	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
sunsubscribe	1	%3	$flags	~1	+not_key	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
touch	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
ttl	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
type	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
unlink	1	%3	$flags	~2	+RM	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
watch	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:0
xack	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xadd	1	%4	$notes	$UPDATE instead of INSERT because of the optional trimming feature	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xautoclaim	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xclaim	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xdel	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xgroup|create	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xgroup|createconsumer	1	%3	$flags	~2	+RW	+insert	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xgroup|delconsumer	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xgroup|destroy	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xgroup|setid	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xinfo|consumers	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xinfo|groups	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xinfo|stream	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xlen	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xpending	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xrange	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xread	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$keyword	$spec	%2	$keyword	$STREAMS	$startfrom	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:2
xreadgroup	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$keyword	$spec	%2	$keyword	$STREAMS	$startfrom	:4	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:-1	$keystep	:1	$limit	:2
xrevrange	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xsetid	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
xtrim	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zadd	1	%3	$flags	~2	+RW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zcard	1	%3	$flags	~1	+RO	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zcount	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zdiff	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
zdiffstore	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
zincrby	1	%3	$flags	~3	+RW	+access	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zinter	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
zintercard	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
zinterstore	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
zlexcount	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zmpop	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
zmscore	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zpopmax	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zpopmin	1	%3	$flags	~3	+RW	+access	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrandmember	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrange	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrangebylex	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrangebyscore	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrangestore	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrank	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrem	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zremrangebylex	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zremrangebyrank	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zremrangebyscore	1	%3	$flags	~2	+RW	+delete	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrevrange	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrevrangebylex	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrevrangebyscore	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zrevrank	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zscan	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zscore	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0
zunion	1	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
zunionstore	2	%3	$flags	~2	+OW	+update	$begin_search	%2	$type	$index	$spec	%1	$index	:1	$find_keys	%2	$type	$range	$spec	%3	$lastkey	:0	$keystep	:1	$limit	:0	%3	$flags	~2	+RO	+access	$begin_search	%2	$type	$index	$spec	%1	$index	:2	$find_keys	%2	$type	$keynum	$spec	%3	$keynumidx	:0	$firstkey	:1	$keystep	:1
"""
}
