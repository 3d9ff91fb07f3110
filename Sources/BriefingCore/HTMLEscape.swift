/// Escapes text for HTML element content and double-quoted attributes.
public enum HTMLEscape {
    /// Escapes `& < > " '`. Works on UTF-8 bytes: a quote followed by a combining mark is
    /// still escaped (a Character-based escaper sees one unknown grapheme and lets it through),
    /// and text without any of the five comes back as is.
    public static func escape(_ s: String) -> String {
        let utf8 = s.utf8
        guard utf8.contains(where: needsEscape) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(s)` appended to `out` as UTF-8, for writers that build pages as bytes.
    public static func append(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(b)
            }
        }
    }

    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
    }
}
