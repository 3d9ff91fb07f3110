import BriefingCore
import Calc

extension Analysis {
    /// How the site shows a figure or indicator, in prose (`[](fig:ID)`), tables and cards:
    /// figures with the decimals they were written with; indicators with their stated
    /// precision (up to two more digits when the text disagrees, so 287.22 is not shown as
    /// 287.2 beside a stated 287.3), else `decimals:`, else a default precision.
    public func display(of id: String) -> String? {
        if let f = project.figures[id] { return NumberFormat.format(f.quantity, decimals: f.decimals) }
        guard let ind = project.indicators[id], let q = evaluation.values[id] else { return nil }
        if let w = ind.stated?.written, w.quantity.dimension == q.dimension {
            let unit = ind.unit ?? w.quantity.unit
            // A bound (`>0亿千瓦`, `不足百万`) says nothing of precision: 0.1 must not show as 0.
            if w.comparator.isBound { return NumberFormat.format(q, in: unit, decimals: ind.decimals) }
            var d = ind.decimals ?? w.number.decimals
            if let status = index.status(of: id), status != .pass {
                let text = NumberFormat.plain(NumberFormat.rounded(q.value(in: unit), d + 2))
                d = max(d, text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0)
            }
            return NumberFormat.format(q, in: unit, decimals: d)
        }
        // Computed, not written: `decimals` bounds the digits shown; trailing zeros mean nothing.
        let shown = NumberFormat.format(q, decimals: ind.decimals)
        guard ind.decimals != nil else { return shown }
        return Analysis.trimmingZeros(shown, unit: q.unit.symbol)
    }

    /// `10.50%` → `10.5%`, `3.00万元` → `3万元`.
    static func trimmingZeros(_ text: String, unit: String) -> String {
        guard text.hasSuffix(unit) else { return text }
        var number = String(text.dropLast(unit.count))
        guard number.contains(".") else { return text }
        while number.hasSuffix("0") { number.removeLast() }
        if number.hasSuffix(".") { number.removeLast() }
        return number + unit
    }

    /// A value the site computed and the source does not state (an indicator without
    /// `stated`): readers see it marked 推算.
    public func isDerived(_ id: String) -> Bool {
        guard let ind = project.indicators[id] else { return false }
        return ind.stated == nil
    }

    /// Decimals to show a value with in charts: as written, or as stated.
    public func decimals(of id: String) -> Int? {
        if let f = project.figures[id] { return f.decimals }
        guard let ind = project.indicators[id] else { return nil }
        guard let w = ind.stated?.written, !w.comparator.isBound else { return ind.decimals }
        return ind.decimals ?? w.number.decimals
    }

    /// The 要点 of a document: `key:` in its front matter, else the values its summary cites,
    /// else its first indicators with a stated value, else its first figures (at most four).
    public func keyIDs(of doc: Document) -> [String] {
        if !doc.key.isEmpty { return doc.key }
        let cited = facts[doc.slug]?.inlineLinks.filter { $0.field == "summary" }.map(\.link.id) ?? []
        if !cited.isEmpty { return Array(uniqued(cited).prefix(6)) }
        let stated = doc.indicatorIDs.filter { project.indicators[$0]?.stated != nil && evaluation.values[$0] != nil }
        if !stated.isEmpty { return Array(stated.prefix(4)) }
        return Array(doc.figureIDs.prefix(4))
    }
}

/// The elements of a list in their first order, each once.
func uniqued(_ list: [String]) -> [String] {
    var seen: Set<String> = []
    return list.filter { seen.insert($0).inserted }
}
