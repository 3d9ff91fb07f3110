import BriefingCore
import Foundation

/// What the opening lines of a report say about it, for the front matter.
public struct ReportMeta: Hashable, Sendable {
    public enum TitleSource: Hashable, Sendable { case documentTitle, heading, paragraph, fileName }
    public var title = ""
    public var titleSource = TitleSource.fileName
    public var writers: [String] = []
    public var advisors: [String] = []
    public var group = ""
    public var date: ReportDate?
}

/// Reads title, 执笔, 指导老师, 小组 and date from the top of the Markdown and takes those
/// lines out of the body (the page shows them from the front matter).
public enum HeadExtractor {
    /// How far into the body the author lines are looked for.
    static let headLines = 15

    enum Field { case writer, advisors, group, author, date }
    /// Longest first, so 执笔人 wins over 执笔. Word documents often space a key out to align
    /// it (执  笔：), so spaces between its characters are allowed.
    static let keys: [(String, Field)] = [
        ("执笔人", .writer), ("撰稿人", .writer), ("撰写人", .writer), ("执笔", .writer), ("撰稿", .writer),
        ("指导老师", .advisors), ("指导教师", .advisors), ("指导", .advisors),
        ("课题组", .group), ("小组", .group), ("作者", .author), ("日期", .date),
    ]
    static let keyPattern = try! NSRegularExpression(
        pattern: "(" + keys.map { $0.0.map(String.init).joined(separator: "[ \\u3000]*") }.joined(separator: "|") + ")[ \\u3000]*[:：]")

    /// Returns the metadata and the body with the lines it came from removed.
    public static func extract(markdown: String, documentTitle: String, fileStem: String) -> (ReportMeta, String) {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let kinds = MarkdownLine.classify(lines)
        var meta = ReportMeta()
        var remove: Set<Int> = []
        let nonBlank = kinds.indices.filter { kinds[$0] != .blank }
        let head = Array(nonBlank.prefix(headLines))

        if !documentTitle.isEmpty {
            meta.title = documentTitle
            meta.titleSource = .documentTitle
            if let first = head.first, plain(kinds[first]) == documentTitle { remove.insert(first) }
        }
        // Author lines and a date line near the top, up to the first section heading.
        var headEnd = head.count
        for (k, i) in head.enumerated() {
            if case .heading(_, let text) = kinds[i] {
                if meta.title.isEmpty && !isOutline(text) && k < 3 {
                    meta.title = text
                    meta.titleSource = .heading
                    remove.insert(i)
                    continue
                }
                headEnd = k
                break
            }
            guard case .text(let text) = kinds[i] else { continue }
            if authorLine(text, into: &meta) {
                remove.insert(i)
            } else if meta.date == nil, let d = ReportDate.parse(text) {
                meta.date = d
                remove.insert(i)
            }
        }
        // Else the first short line that reads like a title, with a ——subtitle line after it.
        if meta.title.isEmpty, let i = head.prefix(headEnd).first(where: { !remove.contains($0) }),
           case .text(let text) = kinds[i], looksLikeTitle(text) {
            meta.title = text
            meta.titleSource = .paragraph
            remove.insert(i)
            if let next = head.first(where: { $0 > i && !remove.contains($0) }), case .text(let sub) = kinds[next],
               sub.hasPrefix("—"), sub.count <= 40 {
                meta.title += sub
                remove.insert(next)
            }
        }
        if meta.title.isEmpty {
            if let first = kinds.first(where: { if case .heading = $0 { return true } else { return false } }),
               case .heading(_, let text) = first {
                meta.title = text
                meta.titleSource = .heading
            } else {
                meta.title = fileStem
                meta.titleSource = .fileName
            }
        }
        // A signature date at the very end.
        if meta.date == nil, let last = nonBlank.last, case .text(let text) = kinds[last] {
            meta.date = ReportDate.parse(text)
        }
        for i in remove.sorted(by: >) {
            lines.remove(at: i)
            // Keep one blank line between blocks.
            if i < lines.count, lines[i].trimmed().isEmpty, i == 0 || lines[i - 1].trimmed().isEmpty { lines.remove(at: i) }
        }
        while let f = lines.first, f.trimmed().isEmpty { lines.removeFirst() }
        return (meta, lines.joined(separator: "\n"))
    }

    static func plain(_ line: MarkdownLine) -> String? {
        switch line {
        case .heading(_, let t), .text(let t): return t
        default: return nil
        }
    }

    /// 一、 （一） 1. （1）: a numbered section, not a title.
    static func isOutline(_ s: String) -> Bool {
        CandidateFinder.outlineLevel(s) != nil
    }

    static func looksLikeTitle(_ s: String) -> Bool {
        s.count <= 60 && !s.contains(where: { "。；：:".contains($0) }) && !isOutline(s) && ReportDate.parse(s) == nil
    }

    /// Reads a line made only of `key：value` pairs (several may share a line). Returns false,
    /// changing nothing, when the line is anything else.
    static func authorLine(_ text: String, into meta: inout ReportMeta) -> Bool {
        guard text.count <= 120 else { return false }
        let ns = text as NSString
        let matches = keyPattern.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard let first = matches.first, ns.substring(to: first.range.location).trimmed().isEmpty else { return false }
        var found = meta
        for (k, m) in matches.enumerated() {
            let key = ns.substring(with: m.range(at: 1)).filter { $0 != " " && $0 != "\u{3000}" }
            let valueEnd = k + 1 < matches.count ? matches[k + 1].range.location : ns.length
            let valueStart = m.range.location + m.range.length
            let value = ns.substring(with: NSRange(location: valueStart, length: valueEnd - valueStart)).trimmed()
            guard !value.isEmpty, let field = keys.first(where: { $0.0 == key })?.1 else { continue }
            switch field {
            case .writer: found.writers = names(value)
            case .advisors: found.advisors = names(value)
            case .group: found.group = value
            case .author:
                if value.contains("组") { found.group = value } else if found.writers.isEmpty { found.writers = names(value) }
            case .date:
                guard let d = ReportDate.parse(value) else { return false }
                found.date = d
            }
        }
        meta = found
        return true
    }

    /// 李宝山 高鹏, 李宝山、高鹏, 李宝山，高鹏 → two names.
    static func names(_ s: String) -> [String] {
        s.split(whereSeparator: { " \u{3000}\t、，,；;/".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }
}
