import BriefingCore

/// Heading anchors that keep Chinese characters: lowercased, whitespace to `-`, anything
/// that is not a letter, digit, `-` or `_` dropped; repeats get `-1`, `-2`.
public struct AnchorMaker {
    var used: [String: Int] = [:]

    public init() {}

    public static func slug(_ text: String) -> String { TextSlug.make(text) }

    public mutating func make(_ text: String) -> String {
        let base = AnchorMaker.slug(text)
        var candidate = base
        if let n = used[base] {
            var k = n
            repeat { k += 1; candidate = "\(base)-\(k)" } while used[candidate] != nil
            used[base] = k
        }
        used[candidate] = used[candidate] ?? 0
        return candidate
    }
}

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
        for b in utf8 {
            switch b {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
    }
}
