/// The id rule of DESIGN §3.2 and the `*` wildcard, shared by the front-matter decoder and
/// the formula parser.
public enum FigureID {
    /// Dotted lowercase ASCII: segments of [a-z0-9_]+ joined by `.`.
    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.count <= 200 else { return false }
        return id.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { seg in
            !seg.isEmpty && seg.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        }
    }

    /// Whether `id` matches `pattern`, where a `*` segment matches exactly one segment.
    public static func matches(_ id: Substring, pattern: [Substring]) -> Bool {
        var i = 0
        for seg in id.split(separator: ".", omittingEmptySubsequences: false) {
            guard i < pattern.count, pattern[i] == "*" || pattern[i] == seg else { return false }
            i += 1
        }
        return i == pattern.count
    }
}
