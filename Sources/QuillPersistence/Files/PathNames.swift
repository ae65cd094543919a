// Path arithmetic on plain string paths, with the C library's answers (dirname(3)), so
// tools print the same paths Redis's do.

public enum PathNames {
    /// dirname(3): "." for a bare name, "/" for a file at the root, trailing slashes ignored.
    public static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        var parent = trimmed[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }
}
