import BriefingCore
import Calc
import Foundation

/// Machine-readable exports: `data/indicators.json` and `data/figures.csv`.
public enum DataExport {
    struct IndicatorRecord: Encodable {
        var id: String
        var label: String
        var value: String
        var unit: String
        var display: String
        var formula: String
        var stated: String?
        var status: String?
        var note: String?
        var file: String
        var line: Int
    }

    public static func indicatorsJSON(_ input: RenderInput, displays: [String: String]) -> String {
        var status: [String: String] = [:]
        for c in input.checks where c.kind == .indicator { status[c.id] = c.status.rawValue }
        let records = input.project.indicators.keys.sorted().compactMap { id -> IndicatorRecord? in
            let ind = input.project.indicators[id]!
            guard let q = input.evaluation.values[id] else { return nil }
            return IndicatorRecord(id: id, label: ind.label, value: NumberFormat.plain(q.value), unit: q.unit.symbol,
                                   display: displays[id] ?? "", formula: ind.formula,
                                   stated: ind.stated.map { ($0.written.comparator == .equal ? "" : $0.written.comparator.rawValue) + $0.written.number.text + $0.written.quantity.unit.symbol },
                                   status: status[id], note: ind.note, file: ind.location.file, line: ind.location.line)
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return safeJSON(String(decoding: (try? enc.encode(records)) ?? Data(), as: UTF8.self)) + "\n"
    }

    /// `<`, `>` and `&` as JSON escapes, so the file is inert even if served or embedded as HTML.
    public static func safeJSON(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
    }

    static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        // Cells starting with = + - @ are read as formulas by spreadsheets.
        if let f = s.first, "=+-@".contains(f), Double(s) == nil { return "'" + s }
        return s
    }

    public static func figuresCSV(_ project: Project) -> String {
        var out = "id,label,value,unit,region,year,where,document,file,line\n"
        for id in project.figures.keys.sorted() {
            let f = project.figures[id]!
            let fields = [id, f.label, NumberFormat.plain(f.quantity.value), f.quantity.unit.symbol, f.region ?? "",
                          f.year.map(String.init) ?? "", f.where ?? "", f.document, f.location.file, String(f.location.line)]
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }
}
