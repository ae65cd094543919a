// quill-server: a Redis-compatible server. Takes the same command line as redis-server:
// `quill-server [/path/to/redis.conf] [--directive value ...]`.

import QuillServer

QuillServer.main(arguments: Array(CommandLine.arguments.dropFirst()))
