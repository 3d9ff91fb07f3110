import BriefingCore
import Calc

/// A chart declared in front matter with its ids resolved: patterns expanded, every id known
/// and of one dimension. The analysis resolves each chart to validate it; the page that
/// shows the chart lays it out from the same resolution.
public struct ChartData: Sendable {
    public var spec: ChartSpec
    /// The unit the chart is drawn in.
    public var unit: Unit
    /// Ids in the order of `spec.data`, patterns expanded (sorted within each pattern).
    public var ids: [String]

    public static func resolve(_ spec: ChartSpec, ids index: IDIndex, value: (String) -> Quantity?) throws(Diagnostic) -> ChartData {
        let at = spec.location.with(key: "charts.\(spec.id).data")
        var ids: [String] = []
        for d in spec.data {
            let found = d.contains("*") ? index.matching(d) : [d]
            guard !found.isEmpty, found.allSatisfy({ value($0) != nil }) else {
                let missing = found.first { value($0) == nil } ?? d
                throw Diagnostic(at, d.contains("*") && found.isEmpty ? "图表数据模式 `\(d)` 没有匹配任何编号" : "图表引用了不存在的编号 `\(missing)`",
                                 hint: Suggest.hint(missing, in: index.nearby(missing)))
            }
            ids += found
        }
        let unit = spec.unit ?? value(ids[0])!.unit
        for id in ids where value(id)!.dimension != unit.dimension {
            throw Diagnostic(at, "图表 `\(spec.id)` 中 `\(id)` 的单位 \(value(id)!.unit.symbol) 与 \(unit.symbol) 量纲不同，不能画在一起")
        }
        return ChartData(spec: spec, unit: unit, ids: ids)
    }
}
