// quill-check-aof: checks (and with --fix repairs) an append-only file or a multi-part
// AOF directory, with redis-check-aof's command line, output and exit codes.

import QuillPersistence
