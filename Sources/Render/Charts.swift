import BriefingCore
import Calc
import Foundation

/// View model of one SVG chart; geometry is computed here, markup lives in `chart.mustache`.
public struct ChartVM: Sendable {
    public var id: String
    public var title: String
    public var desc: String
    public var width: Int
    public var height: Int
    public var rows: [ChartRowVM]
    public var legend: [LegendVM]
    public var hasLegend: Bool
    public var tableHead: [String]
    public var tableRows: [ChartTableRowVM]
    public var unit: String
}

public struct ChartRowVM: Sendable {
    public var label: String
    public var fullLabel: String
    public var y: Int
    public var textY: Int
    public var barY: Int
    public var labelX: Int
    public var valueX: Int
    public var valueText: String
    public var segments: [SegmentVM]
}

public struct SegmentVM: Sendable {
    public var x: String
    public var width: String
    public var color: String
    public var title: String
}

public struct LegendVM: Sendable {
    public var label: String
    public var color: String
    public var x: Int
    public var y: Int
    public var textX: Int
    public var textY: Int
}

public struct ChartTableRowVM: Sendable {
    public var label: String
    public var cells: [String]
}

/// A value a chart can show.
public struct ChartValue: Sendable {
    public var quantity: Quantity
    public var label: String
    public var decimals: Int?
    public init(quantity: Quantity, label: String, decimals: Int?) {
        self.quantity = quantity
        self.label = label
        self.decimals = decimals
    }
}

/// Resolves a chart's ids and lays it out as horizontal bars.
public struct ChartBuilder: Sendable {
    public var values: Overlay<ChartValue>
    public var regionNames: [String: String]
    let index: IDIndex

    public init(values: [String: ChartValue], regionNames: [String: String]) {
        self.values = Overlay(values)
        self.regionNames = regionNames
        index = IDIndex(ids: Array(values.keys))
    }

    static let palette = ["#1f5fa8", "#d9822b", "#2e8540", "#8e44ad", "#c0392b", "#16a085", "#7f6a00", "#5d6d7e"]
    static let width = 420, labelWidth = 112, barWidth = 200, rowHeight = 30, barHeight = 18, legendRow = 24

    /// The ids a chart draws, patterns expanded.
    public func inputs(of spec: ChartSpec) -> [String] { spec.data.flatMap(expand) }

    func expand(_ pattern: String) -> [String] {
        pattern.contains("*") ? index.matching(pattern) : [pattern]
    }

    func label(_ key: String, spec: ChartSpec) -> String {
        if let l = spec.labels[key] { return l }
        if let r = regionNames[key.replacingOccurrences(of: "_", with: "-")] { return r }
        return values[key]?.label ?? key
    }

    public func build(_ spec: ChartSpec) throws(Diagnostic) -> ChartVM {
        var ids: [String] = []
        for d in spec.data {
            let found = expand(d)
            if found.isEmpty || (found.count == 1 && values[found[0]] == nil) {
                throw Diagnostic(spec.location.with(key: "charts.\(spec.id).data"),
                                 d.contains("*") ? "图表数据模式 `\(d)` 没有匹配任何编号" : "图表引用了不存在的编号 `\(d)`",
                                 hint: Suggest.hint(d, in: index.nearby(d)))
            }
            ids += found
        }
        let first = values[ids[0]]!.quantity
        let unit = spec.unit ?? first.unit
        for id in ids where values[id]!.quantity.dimension != unit.dimension {
            throw Diagnostic(spec.location.with(key: "charts.\(spec.id).data"),
                             "图表 `\(spec.id)` 中 `\(id)` 的单位 \(values[id]!.quantity.unit.symbol) 与 \(unit.symbol) 量纲不同，不能画在一起")
        }
        // Each number keeps the precision it was written with; a total takes its parts' finest.
        let decimals = ids.compactMap { values[$0]?.decimals }.max() ?? 2
        func fmt(_ v: Decimal, _ d: Int? = nil) -> String {
            NumberFormat.fixed(v, decimals: min(d ?? decimals, decimals)) + unit.symbol
        }
        switch spec.kind {
        case .bar:
            var rows: [(String, [(String?, Decimal, Int?)])] = []
            for d in spec.data {
                let star = d.split(separator: ".").firstIndex(of: "*")
                var found = expand(d).map { id -> (String, [(String?, Decimal, Int?)]) in
                    let key = star.map { String(id.split(separator: ".")[$0]) } ?? id
                    return (label(key, spec: spec), [(nil, values[id]!.quantity.value(in: unit), values[id]!.decimals)])
                }
                if star != nil { found.sort { ($0.1[0].1, $1.0) > ($1.1[0].1, $0.0) } }
                rows += found
            }
            return layout(spec, unit: unit, rows: rows, series: [], fmt: fmt)
        case .stacked:
            let segs = spec.data[0].split(separator: ".").map(String.init)
            let catIndex = segs.firstIndex(of: "*")!, serIndex = segs.lastIndex(of: "*")!
            var categories: [String] = [], series: [String] = spec.series
            var cell: [String: [String: (Decimal, Int?)]] = [:]
            for id in ids {
                let parts = id.split(separator: ".").map(String.init)
                let c = parts[catIndex], s = parts[serIndex]
                if !spec.series.isEmpty, !spec.series.contains(s) { continue }
                if !categories.contains(c) { categories.append(c) }
                if !series.contains(s) { series.append(s) }
                cell[c, default: [:]][s] = (values[id]!.quantity.value(in: unit), values[id]!.decimals)
            }
            func total(_ c: String) -> Decimal { cell[c]!.values.map(\.0).reduce(0, +) }
            categories.sort { (total($0), $1) > (total($1), $0) }
            let rows = categories.map { c in
                (label(c, spec: spec), series.map { s in (Optional(s), cell[c]![s]?.0 ?? 0, cell[c]![s]?.1 ?? 0) })
            }
            return layout(spec, unit: unit, rows: rows, series: series, fmt: fmt)
        case .composition:
            let parts = ids.map { (label($0, spec: spec), values[$0]!.quantity.value(in: unit), values[$0]!.decimals) }
            return composition(spec, unit: unit, parts: parts, fmt: fmt)
        }
    }

    static func short(_ s: String) -> String { s.count > 7 ? String(s.prefix(6)) + "…" : s }
    static func coord(_ d: Decimal) -> String { NumberFormat.plain(NumberFormat.rounded(d, 1)) }

    func legend(_ series: [String], spec: ChartSpec, top: Int) -> [LegendVM] {
        var out: [LegendVM] = []
        var x = 0, y = top
        for (i, s) in series.enumerated() {
            let l = label(s, spec: spec)
            let w = 30 + l.count * 14
            if x > 0, x + w > Self.width { x = 0; y += Self.legendRow }
            out.append(LegendVM(label: l, color: Self.palette[i % Self.palette.count], x: x, y: y, textX: x + 18, textY: y + 11))
            x += w
        }
        return out
    }

    func layout(_ spec: ChartSpec, unit: BriefingCore.Unit, rows: [(String, [(String?, Decimal, Int?)])], series: [String],
                fmt: (Decimal, Int?) -> String) -> ChartVM {
        let legendItems = legend(series, spec: spec, top: 0)
        let top = legendItems.isEmpty ? 4 : (legendItems.map(\.y).max()! + Self.legendRow + 6)
        let maxTotal = rows.map { $0.1.map { max($0.1, 0) }.reduce(0, +) }.max() ?? 0
        let scale = maxTotal > 0 ? Decimal(Self.barWidth) / maxTotal : 0
        var out: [ChartRowVM] = []
        for (i, row) in rows.enumerated() {
            let y = top + i * Self.rowHeight
            var x = Decimal(Self.labelWidth)
            var segs: [SegmentVM] = []
            for (j, (s, v, d)) in row.1.enumerated() where v > 0 {
                let w = v * scale
                let color = s == nil ? Self.palette[0] : Self.palette[j % Self.palette.count]
                let name = s.map { label($0, spec: spec) + "：" } ?? ""
                segs.append(SegmentVM(x: Self.coord(x), width: Self.coord(w), color: color, title: "\(row.0) \(name)\(fmt(v, d))"))
                x += w
            }
            let total = row.1.map(\.1).reduce(0, +)
            let totalDecimals = row.1.filter { $0.1 != 0 }.compactMap(\.2).max()
            out.append(ChartRowVM(label: Self.short(row.0), fullLabel: row.0, y: y, textY: y + 18, barY: y + 5, labelX: Self.labelWidth - 6,
                                  valueX: Int(truncating: NSDecimalNumber(decimal: NumberFormat.rounded(x, 0))) + 6, valueText: fmt(total, totalDecimals), segments: segs))
        }
        let head = series.isEmpty ? ["项目", "数值（\(unit.symbol)）"] : ["类别"] + series.map { label($0, spec: spec) } + ["合计"]
        let table = rows.map { r in
            ChartTableRowVM(label: r.0, cells: (series.isEmpty ? [] : r.1.map { fmt($0.1, $0.2) })
                            + [fmt(r.1.map(\.1).reduce(0, +), r.1.filter { $0.1 != 0 }.compactMap(\.2).max())])
        }
        return ChartVM(id: spec.id, title: spec.title, desc: spec.description ?? defaultDesc(spec, rows.count, unit),
                       width: Self.width, height: top + rows.count * Self.rowHeight + 6, rows: out, legend: legendItems,
                       hasLegend: !legendItems.isEmpty, tableHead: head, tableRows: table, unit: unit.symbol)
    }

    func composition(_ spec: ChartSpec, unit: BriefingCore.Unit, parts: [(String, Decimal, Int?)], fmt: (Decimal, Int?) -> String) -> ChartVM {
        let total = parts.map { max($0.1, 0) }.reduce(0, +)
        let full = Decimal(Self.width)
        var x = Decimal(0)
        var segs: [SegmentVM] = []
        var table: [ChartTableRowVM] = []
        for (i, p) in parts.enumerated() {
            let share = total > 0 ? max(p.1, 0) / total : 0
            let w = share * full
            let pct = NumberFormat.fixed(share * 100, decimals: 1) + "%"
            segs.append(SegmentVM(x: Self.coord(x), width: Self.coord(w), color: Self.palette[i % Self.palette.count],
                                  title: "\(p.0)：\(fmt(p.1, p.2))（\(pct)）"))
            table.append(ChartTableRowVM(label: p.0, cells: [fmt(p.1, p.2), pct]))
            x += w
        }
        let legendItems = legend(parts.map(\.0), spec: ChartSpec(id: spec.id, title: "", kind: .bar, data: [], document: "", location: spec.location), top: 40)
        let row = ChartRowVM(label: "", fullLabel: spec.title, y: 0, textY: 0, barY: 4, labelX: 0, valueX: 0, valueText: "", segments: segs)
        return ChartVM(id: spec.id, title: spec.title, desc: spec.description ?? "构成图：\(parts.map(\.0).joined(separator: "、"))各占合计\(fmt(total, nil))的比重",
                       width: Self.width, height: (legendItems.map(\.y).max() ?? 40) + Self.legendRow, rows: [row], legend: legendItems,
                       hasLegend: true, tableHead: ["部分", "数值", "占比"], tableRows: table, unit: unit.symbol)
    }

    func defaultDesc(_ spec: ChartSpec, _ n: Int, _ unit: BriefingCore.Unit) -> String {
        "横向条形图，共\(n)项，单位：\(unit.symbol.isEmpty ? "无" : unit.symbol)。数据见下表。"
    }
}
