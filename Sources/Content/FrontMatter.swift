import BriefingCore

/// A content file split into its YAML front matter and Markdown body.
public struct FrontMatter: Sendable {
    public var yaml: String
    /// File line of the first YAML line (the line after the opening `---`).
    public var yamlStartLine: Int
    public var body: String
    /// File line of the first body line.
    public var bodyStartLine: Int

    /// Splits at the `---` lines. The opening `---` must be the first line.
    public static func split(_ text: String, file: String) throws(Diagnostic) -> FrontMatter {
        if text.allSatisfy(\.isWhitespace) {
            throw Diagnostic(SourceLocation(file: file, line: 1), "文件是空的",
                             hint: "文件应以一行 --- 开头，接着写 title、date 等前置信息，再以一行 --- 结束，然后是正文")
        }
        // Lines are found in the UTF-8 view one at a time: splitting a 10 MB file into
        // Character-based lines first is slow.
        let u = text.utf8
        let newline = UInt8(ascii: "\n")
        func lineEnd(_ from: String.Index) -> String.Index { u[from...].firstIndex(of: newline) ?? u.endIndex }
        let firstEnd = lineEnd(u.startIndex)
        guard String(text[..<firstEnd]).trimmedSpaces() == "---" else {
            throw Diagnostic(SourceLocation(file: file, line: 1), "文件没有以 --- 开头的前置信息（front matter）",
                             hint: "在第一行写 ---，接着写 title: 和 date: 等，再写一行 --- 结束")
        }
        var lineNo = 2
        var start = firstEnd < u.endIndex ? u.index(after: firstEnd) : u.endIndex
        while start < u.endIndex {
            let end = lineEnd(start)
            if isFence(text[start..<end]) {
                let yaml = lineNo == 2 ? "" : String(text[u.index(after: firstEnd)..<u.index(before: start)])
                var body = Substring("")
                if end < u.endIndex {
                    let bodyEnd = u.last == newline ? u.index(before: u.endIndex) : u.endIndex
                    body = text[u.index(after: end)..<max(u.index(after: end), bodyEnd)]
                }
                return FrontMatter(yaml: yaml, yamlStartLine: 2, body: String(body), bodyStartLine: lineNo + 1)
            }
            lineNo += 1
            start = end < u.endIndex ? u.index(after: end) : end
        }
        throw Diagnostic(SourceLocation(file: file, line: 1), "前置信息没有结束的 --- 行",
                         hint: "在前置信息的最后一个键之后加一行 ---，正文写在它下面")
    }

    /// `---` or `...` with only whitespace around it.
    static func isFence(_ line: Substring) -> Bool {
        // Cheap rejection first: the first byte that is not ASCII whitespace must be `-`, `.`
        // or the start of a non-ASCII character (which might be Unicode whitespace).
        guard let b = line.utf8.first(where: { !($0 == 0x20 || (0x09...0x0D).contains($0)) }),
              b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b >= 0x80 else { return false }
        var l = line
        while let c = l.first, c.isWhitespace { l = l.dropFirst() }
        while let c = l.last, c.isWhitespace { l = l.dropLast() }
        return l == "---" || l == "..."
    }
}
