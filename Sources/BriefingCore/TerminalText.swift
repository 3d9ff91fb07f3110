/// Text from the input shown on a terminal or in a CI log: control characters (ESC
/// sequences, carriage returns, line separators) are shown as escapes, so a note cannot
/// recolour the terminal, overwrite a line or forge a line of output.
public enum TerminalText {
    /// One line: every control character, newlines included, escaped.
    public static func line(_ s: String) -> String { escape(s, keepNewlines: false) }

    /// Lines of our own making: newlines kept, every other control character escaped.
    public static func safe(_ s: String) -> String { escape(s, keepNewlines: true) }

    static func escape(_ s: String, keepNewlines: Bool) -> String {
        guard s.unicodeScalars.contains(where: { isControl($0) && !(keepNewlines && $0 == "\n") }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if u == "\n", keepNewlines { out.append("\n"); continue }
            if isControl(u) {
                out += u.value < 0x100 ? "\\x" + hex(u.value, 2) : "\\u" + hex(u.value, 4)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 && u != "\t" || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
            || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - h.count)) + h
    }
}

extension Diagnostics {
    /// One line per problem, input escaped for a terminal.
    public var terminalText: String { items.map { TerminalText.line($0.description) }.joined(separator: "\n") }
}
