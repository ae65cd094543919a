// A key of the keyspace: a ByteString, so that a probe of a table of keys compares inline
// words for the short keys nearly every workload uses.

public typealias Key = ByteString
