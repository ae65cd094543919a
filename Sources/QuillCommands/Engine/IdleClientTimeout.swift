// The `timeout` directive: a client idle for longer than `timeout` seconds is disconnected,
// as Redis's clientsCronHandleTimeout does. Subscribers are exempt there, and will be here
// when pub/sub arrives; a client in the middle of MULTI is not (Redis does not exempt it either).
// A client blocked by BLPOP and friends waits as long as its own timeout says.

extension Engine {
    func closeIdleClients() {
        let timeoutSeconds = config.idleTimeoutSeconds
        guard timeoutSeconds > 0 else { return }
        let limit = Int64(timeoutSeconds) * 1000
        for client in clients.values where !client.isBlocked && nowMilliseconds - client.lastInteractionMilliseconds > limit {
            client.closeConnection()
        }
    }
}
