/// A URL- and path-safe form of a text that keeps Chinese characters: lowercased,
/// whitespace to `-`, anything not a letter, digit, `-` or `_` dropped. Used for heading
/// anchors and topic folders, so it can never contain `/` or `..`.
public enum TextSlug {
    public static func make(_ text: String) -> String {
        var out = ""
        var lastDash = false
        for c in text.lowercased() {
            if c.isWhitespace {
                if !lastDash, !out.isEmpty { out.append("-"); lastDash = true }
            } else if c.isLetter || c.isNumber || c == "-" || c == "_" {
                out.append(c)
                lastDash = c == "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : out
    }
}
