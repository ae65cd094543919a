// QuillPersistence owns what reaches the disk: the append-only file (writer, fsync
// policies, manifest, loader, rewriter), RDB, and the file I/O interface they use.
// It sits between the command layer, whose effects it logs, and the server, which wires it
// to the event loop. It holds no code yet: the server runs purely in memory until the
// append-only file lands.
