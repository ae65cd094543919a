// The words commands put in the effects they log instead of their request. Redis builds
// these rewritten records from shared upper-case objects, so a rewritten record reads
// `SET k v PXAT 1700000000000` whatever case the client used; a record logged as the
// client sent it keeps the client's case.

enum EffectWords {
    static let set = Array("SET".utf8)
    static let pxat = Array("PXAT".utf8)
    static let keepTTL = Array("KEEPTTL".utf8)
    static let pexpireat = Array("PEXPIREAT".utf8)
    static let persist = Array("PERSIST".utf8)
    static let del = Array("DEL".utf8)
    static let unlink = Array("UNLINK".utf8)
    static let hset = Array("HSET".utf8)
    static let srem = Array("SREM".utf8)
    static let lpop = Array("LPOP".utf8)
    static let rpop = Array("RPOP".utf8)
    static let zpopmin = Array("ZPOPMIN".utf8)
    static let zpopmax = Array("ZPOPMAX".utf8)

    static func decimal<N: BinaryInteger>(_ n: N) -> [UInt8] { Array(String(n).utf8) }
}
