// Replies built from stored ByteStrings write their bytes straight from the inline words or
// the array, without building an array first.

import QuillRESP
import QuillStore

extension RESPWriter {
    mutating func bulk(_ string: ByteString) {
        string.withBytes { bulk(raw: $0) }
    }
}
