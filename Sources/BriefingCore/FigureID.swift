/// The id rule of DESIGN §3.2 and the `*` wildcard, shared by the front-matter decoder and
/// the formula parser.
public enum FigureID {
    /// Dotted lowercase ASCII: segments of [a-z0-9_]+ joined by `.`.
    public static func isValid(_ id: String) -> Bool {
        // Bytes: every valid id is ASCII, and this runs once per figure and indicator.
        guard !id.isEmpty, id.utf8.count <= 200 else { return false }
        var segmentEmpty = true
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "."):
                if segmentEmpty { return false }
                segmentEmpty = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                segmentEmpty = false
            default:
                return false
            }
        }
        return !segmentEmpty
    }

    /// Whether `id` matches `pattern`, where a `*` segment matches exactly one segment.
    public static func matches(_ id: Substring, pattern: [Substring]) -> Bool {
        // Segment by segment on the bytes, without splitting into an array: wildcard
        // expansion tries every id of a shape.
        var i = 0
        var start = id.utf8.startIndex
        while true {
            let end = id.utf8[start...].firstIndex(of: UInt8(ascii: ".")) ?? id.utf8.endIndex
            guard i < pattern.count else { return false }
            if pattern[i] != "*" && !pattern[i].utf8.elementsEqual(id.utf8[start..<end]) { return false }
            i += 1
            guard end != id.utf8.endIndex else { break }
            start = id.utf8.index(after: end)
        }
        return i == pattern.count
    }
}
