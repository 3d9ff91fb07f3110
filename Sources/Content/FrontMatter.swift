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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            throw Diagnostic(SourceLocation(file: file, line: 1), "文件没有以 --- 开头的前置信息（front matter）",
                             hint: "在第一行写 ---，接着写 title: 和 date: 等，再写一行 --- 结束")
        }
        for i in 1..<max(1, lines.count) where i < lines.count {
            // Trimmed by hand: Foundation's trimmingCharacters on every line of a 10 MB file is slow.
            var l = lines[i]
            while let c = l.first, c.isWhitespace { l = l.dropFirst() }
            while let c = l.last, c.isWhitespace { l = l.dropLast() }
            if l == "---" || l == "..." {
                return FrontMatter(yaml: lines[1..<i].joined(separator: "\n"), yamlStartLine: 2,
                                   body: lines[(i + 1)...].joined(separator: "\n"), bodyStartLine: i + 2)
            }
        }
        throw Diagnostic(SourceLocation(file: file, line: 1), "前置信息没有结束的 --- 行",
                         hint: "在前置信息的最后一个键之后加一行 ---，正文写在它下面")
    }
}
