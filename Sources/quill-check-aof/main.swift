// quill-check-aof: checks (and with --fix repairs) an append-only file or a multi-part
// AOF directory, with redis-check-aof's command line, output and exit codes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuillPersistence

let tool = AOFCheckTool(fileSystem: SystemFileSystem(), console: StandardConsole())
exit(tool.run(arguments: CommandLine.arguments))
