import Analysis
import BriefingCore
import Calc
import Foundation

/// Machine-readable exports: `data/indicators.json` and `data/figures.csv`.
enum Exports {
    /// Every computed indicator: id, label, value (full precision, in `unit`), unit, display,
    /// formula, stated, status, note, file, line and url (its section on the data page). Written
    /// directly: JSONEncoder took a tenth of a build. Keys sorted, two-space indentation.
    static func indicatorsJSON(_ r: Renderer) -> String {
        let a = r.analysis
        var out = "["
        var first = true
        for id in a.project.indicators.keys.sorted() {
            let ind = a.project.indicators[id]!
            guard let q = a.evaluation.values[id], let owner = a.document(ind.document) else { continue }
            let url = a.project.config.baseURL + Route.data(owner.kind, slug: owner.slug).url + "#" + Route.percentEncode(id)
            let fields: [(String, String?)] = [
                ("display", JSONText.string(r.display(of: id) ?? "")), ("file", JSONText.string(ind.location.file)),
                ("formula", JSONText.string(ind.formula)), ("id", JSONText.string(id)), ("label", JSONText.string(ind.label)),
                ("line", String(ind.location.line)), ("note", ind.note.map(JSONText.string)),
                ("stated", ind.stated.map { JSONText.string(statedText($0.written)) }),
                ("status", a.index.status(of: id).map { JSONText.string($0.rawValue) }), ("unit", JSONText.string(q.unit.symbol)),
                ("url", JSONText.string(url)), ("value", JSONText.string(NumberFormat.plain(q.value))),
            ]
            out += first ? "\n  {\n" : ",\n  {\n"
            first = false
            out += fields.compactMap { k, v in v.map { "    \"\(k)\" : \($0)" } }.joined(separator: ",\n")
            out += "\n  }"
        }
        return out + (first ? "]\n" : "\n]\n")
    }

    static func statedText(_ w: WrittenQuantity) -> String {
        (w.comparator == .equal ? "" : w.comparator.rawValue) + w.number.text + w.quantity.unit.symbol
    }

    /// A CSV cell, neutralised per OWASP's rule against formula injection: a cell that starts
    /// with `= + - @`, a tab or a carriage return gets a leading `'` (plain numbers excepted),
    /// whether or not it is then quoted.
    static func csvField(_ s: String) -> String {
        var v = s
        if let f = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), !isPlainNumber(v) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || v.hasPrefix(" ") || v.hasSuffix(" ") {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// `-6.6`, `+3`, `12.50`: a signed decimal and nothing else.
    static func isPlainNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if let f = body.first, f == "-" || f == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func figuresCSV(_ a: Analysis) -> String {
        var out = "id,label,value,unit,region,year,where,document,file,line\n"
        for id in a.project.figures.keys.sorted() {
            let f = a.project.figures[id]!
            let fields = [id, f.label, NumberFormat.plain(f.quantity.value), f.quantity.unit.symbol, f.region ?? "",
                          f.year.map(String.init) ?? "", f.where ?? "", f.document, f.location.file, String(f.location.line)]
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }
}
