import BriefingCore
import Foundation

/// A number in the body offered as a figure, ready to be written (commented) into the front matter.
public struct Candidate: Hashable, Sendable {
    public var id: String
    public var number: FoundNumber
    public var label: String
    /// The headings it sits under, outermost first, joined by " / "; "" before any heading.
    public var where_: String
    /// 0-based line of the body it is on.
    public var bodyLine: Int
}

/// Walks the body line by line: keeps the heading path, reads tables cell by cell, and gives
/// every number a unique id built from the document prefix and its position
/// (`new_energy.p12.n2`: block 12, second number; `new_energy.t1.r3.c2`: table 1, row 3, column 2).
public enum CandidateFinder {
    public static func find(body: String, prefix: String, units: UnitRegistry) -> [Candidate] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [Candidate] = []
        var path: [(level: Int, text: String)] = []
        var block = 0, tables = 0
        var table: (header: [String], unit: String, row: Int)?
        var unitLine = ""
        func whereText() -> String { path.map(\.text).joined(separator: " / ") }
        func enter(_ level: Int, _ text: String) {
            path.removeAll { $0.level >= level }
            path.append((level, shorten(text, 30)))
        }

        for (index, kind) in MarkdownLine.classify(lines).enumerated() {
            if case .tableRow = kind {} else if case .tableDelimiter = kind {} else { table = nil }
            switch kind {
            case .blank, .skipped, .tableDelimiter:
                continue
            case .heading(let level, let text):
                block += 1
                enter(level, text)
                out += prose(text, block: block, prefix: prefix, line: index, where_: whereText(), units: units)
                unitLine = ""
            case .text(let text):
                block += 1
                if let level = outlineLevel(text) { enter(level, sectionName(text)) }
                out += prose(text, block: block, prefix: prefix, line: index, where_: whereText(), units: units)
                unitLine = tableUnit(text, units: units, whole: true) ?? ""
            case .tableRow(let cells):
                guard var t = table else {
                    tables += 1
                    table = (cells, unitLine, 0)
                    continue
                }
                t.row += 1
                table = t
                for (col, cell) in cells.enumerated() {
                    let header = col < t.header.count ? t.header[col] : ""
                    // A serial-number column: 序号 1, 2, 3 …
                    if col == 0, Int(cell) != nil, ["", "序号", "编号", "序", "No.", "#"].contains(header) { continue }
                    let unit = tableUnit(header, units: units, whole: false) ?? t.unit
                    // The row's name: its first cell that is not a serial number.
                    let rowName = cells[0..<col].first { !$0.isEmpty && Int($0) == nil } ?? ""
                    let label = [rowName, header].filter { !$0.isEmpty }.joined(separator: " ")
                    for (k, var number) in NumberScanner.scan(cell, units: units).enumerated() {
                        if number.unit.isEmpty, number.remark == nil { number.unit = unit }
                        let id = "\(prefix).t\(tables).r\(t.row).c\(col + 1)" + (k > 0 ? "_\(k + 1)" : "")
                        out.append(Candidate(id: id, number: number, label: label.isEmpty ? shorten(cell, 40) : shorten(label, 40),
                                             where_: whereText(), bodyLine: index))
                    }
                }
            }
        }
        return out
    }

    static func prose(_ text: String, block: Int, prefix: String, line: Int, where_: String, units: UnitRegistry) -> [Candidate] {
        NumberScanner.scan(text, units: units).enumerated().map { k, number in
            Candidate(id: "\(prefix).p\(block).n\(k + 1)", number: number, label: excerpt(text, number),
                      where_: where_, bodyLine: line)
        }
    }

    static let outlinePatterns: [(NSRegularExpression, Int)] = [
        (#"^[一二三四五六七八九十]+、"#, 10),
        (#"^[（(][一二三四五六七八九十]+[)）]"#, 11),
        (#"^[0-9０-９]{1,2}[.．、](?![0-9０-９])"#, 12),
        (#"^[（(][0-9０-９]{1,2}[)）]"#, 13),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// Level of a paragraph that starts with outline numbering (一、 （一） 1. （1）): Word
    /// documents often number sections by hand instead of using heading styles. Ranked below
    /// every Markdown heading.
    static func outlineLevel(_ s: String) -> Int? {
        let range = NSRange(s.startIndex..., in: s)
        return outlinePatterns.first { $0.0.firstMatch(in: s, range: range) != nil }?.1
    }

    /// A numbered paragraph's first sentence, which names its section.
    static func sectionName(_ s: String) -> String {
        let end = s.firstIndex { "。；！？".contains($0) } ?? s.endIndex
        return String(s[..<end])
    }

    /// 装机（万千瓦）, 单位：万元: a unit for a table's bare numbers. `whole` means the text must
    /// be only the unit note (a line above a table).
    static func tableUnit(_ s: String, units: UnitRegistry, whole: Bool) -> String? {
        let pattern = whole ? #"^[（(]?单位[:：]\s*([^）)\s]+)[）)]?$"# : #"[（(](?:单位[:：])?\s*([^（()）]+?)\s*[）)]\s*$"#
        guard let m = try! NSRegularExpression(pattern: pattern).firstMatch(in: s, range: NSRange(s.startIndex..., in: s)),
              let r = Range(m.range(at: 1), in: s) else { return nil }
        let symbol = String(s[r])
        guard (try? units.lookup(symbol)) != nil, !symbol.isEmpty else { return nil }
        return symbol
    }

    /// The clause around a number, short enough for a label.
    static func excerpt(_ text: String, _ number: FoundNumber) -> String {
        let c = Array(text)
        let stops: Set<Character> = ["。", "！", "？", "；", "!", "?", ";"]
        let commas: Set<Character> = ["，", ",", "："]
        var s = number.offset, e = min(number.end, c.count)
        while s > 0, !stops.contains(c[s - 1]) { s -= 1 }
        while e < c.count, !stops.contains(c[e]) { e += 1 }
        if e - s > 40 {
            // Too long a sentence: the clause with the number, and the one before if it is short.
            var cs = number.offset, ce = min(number.end, c.count)
            while cs > s, !commas.contains(c[cs - 1]) { cs -= 1 }
            while ce < e, !commas.contains(c[ce]) { ce += 1 }
            if ce - cs < 12, cs > s {
                cs -= 1
                while cs > s, !commas.contains(c[cs - 1]) { cs -= 1 }
            }
            (s, e) = (cs, ce)
        }
        // A bracket cut in half by the excerpt goes, with what it held on that side.
        let opens: Set<Character> = ["（", "("], closes: Set<Character> = ["）", ")"]
        let lo = min(number.offset, e), hi = max(lo, min(number.end, e))
        if let o = (hi..<e).first(where: { opens.contains(c[$0]) }), !(o..<e).contains(where: { closes.contains(c[$0]) }) { e = o }
        if let x = (hi..<e).first(where: { closes.contains(c[$0]) }), !(s..<x).contains(where: { opens.contains(c[$0]) }) { e = x }
        if let x = (s..<lo).last(where: { closes.contains(c[$0]) }), !(s..<x).contains(where: { opens.contains(c[$0]) }) { s = x + 1 }
        if let o = (s..<lo).last(where: { opens.contains(c[$0]) }), !(o..<e).contains(where: { closes.contains(c[$0]) }) { s = o + 1 }
        var label = String(c[s..<e]).trimmed()
        while let f = label.first, "，、：:）)".contains(f) { label.removeFirst() }
        if label.count > 40 {
            let from = max(s, number.offset - 24), to = min(e, number.end + 12)
            label = (from > s ? "…" : "") + String(c[from..<to]).trimmed() + (to < e ? "…" : "")
        }
        return label.isEmpty ? number.written : label
    }

    static func shorten(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit)) + "…"
    }
}
