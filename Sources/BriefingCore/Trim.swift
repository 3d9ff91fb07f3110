/// Trimming without Foundation's NSString bridge, which took a tenth of `briefing check`.
/// The sets are CoreFoundation's, so results equal `trimmingCharacters(in:)`.
extension String {
    /// Like `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmed() -> String { trimming { Self.isSpace($0) || Self.isLineBreak($0) } }

    /// Like `trimmingCharacters(in: .whitespaces)`: spaces and tabs, line breaks kept.
    public func trimmedSpaces() -> String { trimming(Self.isSpace) }

    /// CoreFoundation's whitespace: tab, the space separators, and the zero-width space.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private func trimming(_ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}
