import Foundation
import BriefingCore

/// One line of the Markdown pandoc wrote (`--wrap=none`: one paragraph a line), classified
/// for the candidate finder.
enum MarkdownLine: Equatable {
    case blank
    case heading(level: Int, text: String)
    /// Prose: a paragraph, list item, quote or footnote text, with the block syntax removed.
    case text(String)
    case tableRow([String])
    case tableDelimiter
    /// Code, raw HTML and comments: never scanned.
    case skipped

    /// Classifies every line; fenced code is followed across lines and never scanned.
    static func classify(_ lines: [String]) -> [MarkdownLine] {
        var fence: String?
        return lines.map { raw in
            let line = raw.trimmedTrailing()
            let stripped = line.drop { $0 == " " }
            if let f = fence {
                if stripped.hasPrefix(f) { fence = nil }
                return .skipped
            }
            if stripped.hasPrefix("```") || stripped.hasPrefix("~~~") {
                fence = String(stripped.prefix(3))
                return .skipped
            }
            if stripped.isEmpty { return .blank }
            if let h = heading(String(stripped)) { return h }
            if stripped.hasPrefix("|") {
                let cells = tableCells(String(stripped))
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } && $0.contains("-") }) { return .tableDelimiter }
                return .tableRow(cells.map(plainText))
            }
            if stripped.hasPrefix("<") { return .skipped }
            return .text(plainText(blockContent(String(stripped))))
        }
    }

    static func heading(_ s: String) -> MarkdownLine? {
        let hashes = s.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = s.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = String(rest).trimmed()
        // A closing run of # is not part of the heading text.
        while text.hasSuffix("#") && !text.hasSuffix("\\#") { text.removeLast() }
        return .heading(level: hashes, text: plainText(text.trimmed()))
    }

    /// The text of a list item, quote or footnote definition without its marker.
    static func blockContent(_ s: String) -> String {
        var t = Substring(s)
        while true {
            if t.hasPrefix(">") {
                t = t.dropFirst().drop { $0 == " " }
                continue
            }
            if let r = t.range(of: #"^([-*+]|[0-9]{1,9}[.)])( +|$)"#, options: .regularExpression) {
                t = t[r.upperBound...]
                if let box = t.range(of: #"^\[[ xX]\] "#, options: .regularExpression) { t = t[box.upperBound...] }
                continue
            }
            if let r = t.range(of: #"^\[\^[^\]]+\]: *"#, options: .regularExpression) {
                t = t[r.upperBound...]
                continue
            }
            return String(t)
        }
    }

    /// Word's Heading 1 comes out as `#`, but the page shows the title as its only `h1` and
    /// the site's bodies start at `##`: every heading goes one level down when any is at 1.
    static func demoteHeadings(_ body: String) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let kinds = classify(lines)
        guard kinds.contains(where: { if case .heading(1, _) = $0 { return true } else { return false } }) else { return body }
        for (i, kind) in kinds.enumerated() {
            if case .heading(let level, _) = kind, level < 6 { lines[i] = "#" + lines[i].drop { $0 == " " } }
        }
        return lines.joined(separator: "\n")
    }

    /// Splits a pipe-table row at unescaped `|`.
    static func tableCells(_ s: String) -> [String] {
        var cells: [String] = []
        var cur = ""
        var escaped = false
        for c in s {
            if escaped {
                cur.append(c)
                escaped = false
            } else if c == "\\" {
                cur.append(c)
                escaped = true
            } else if c == "|" {
                cells.append(cur)
                cur = ""
            } else {
                cur.append(c)
            }
        }
        cells.append(cur)
        // A row starts and ends with a pipe: drop the empty pieces outside them.
        if cells.first?.trimmed().isEmpty == true { cells.removeFirst() }
        if cells.count > 1, cells.last?.trimmed().isEmpty == true { cells.removeLast() }
        return cells.map { $0.trimmed() }
    }

    static let inlineRules: [(NSRegularExpression, String)] = [
        (#"<!--.*?-->"#, " "),
        (#"!\[[^\]]*\]\([^)]*\)"#, " "),
        (#"\[\^[^\]]+\]"#, ""),
        (#"\[([^\]]*)\]\([^)]*\)"#, "$1"),
        (#"<https?://[^>]*>"#, " "),
        (#"</?[A-Za-z][^>]*>"#, ""),
        (#"`+[^`]*`+"#, " "),
        (#"(https?://|www\.)[^\s\u3000，。；）)]+"#, " "),
        (#"(?<!\\)\*+|~~"#, ""),
        (#"\\([!-/:-@\[-`{-~])"#, "$1"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// Markdown inline syntax removed: what a reader sees (links by their text, no HTML,
    /// no code, no URLs, escapes resolved).
    static func plainText(_ s: String) -> String {
        var t = s
        for (re, template) in inlineRules {
            t = re.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: template)
        }
        return t.trimmed()
    }
}

extension String {
    func trimmedTrailing() -> String {
        var s = Substring(self)
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
