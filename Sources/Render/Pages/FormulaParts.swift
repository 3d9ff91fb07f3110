import Analysis
import BriefingCore
import Mustache

/// A piece of a formula as shown: plain text, or an id linked to its row or section.
public struct FormulaPartVM: ViewModel {
    public var text: String
    public var href: String?
    public var label: String?

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return tv(text)
        case "href": return tv(href)
        case "label": return tv(label)
        default: return nil
        }
    }
}

extension Renderer {
    /// A formula split into text and ids (runs of `[a-z0-9_.*]` that start with a letter or `*`).
    static func formulaPieces(_ formula: String) -> [(text: String, isID: Bool)] {
        var out: [(String, Bool)] = []
        var cur = "", inID = false
        func isIDChar(_ c: Character) -> Bool { (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "." || c == "*" }
        for c in formula {
            if inID, isIDChar(c) { cur.append(c); continue }
            let startsID = !inID && ((c >= "a" && c <= "z") || c == "*")
            if inID || startsID {
                if !cur.isEmpty { out.append((cur, inID)) }
                cur = ""
                inID = startsID
            }
            cur.append(c)
        }
        if !cur.isEmpty { out.append((cur, inID)) }
        return out
    }

    /// The formula with each known id linked to its anchor on its data page.
    func formulaParts(_ formula: String, from route: Route) -> [FormulaPartVM] {
        Self.formulaPieces(formula).map { piece in
            guard piece.isID, let label = analysis.label(of: piece.text) else {
                // Readers see words, not ids: a pattern such as banner.*.capacity.pv reads 各项.
                let wildcard = piece.isID && piece.text.contains("*") && piece.text.contains(".")
                return FormulaPartVM(text: wildcard ? "各项" : piece.text)
            }
            return FormulaPartVM(text: piece.text, href: valueHref(piece.text, from: route), label: label)
        }
    }

    /// The formula in words, for readers: ids replaced by their labels (`光伏装机 + 风电装机`).
    func formulaInWords(_ formula: String) -> String {
        Self.formulaPieces(formula).map { piece in
            guard piece.isID else { return piece.text }
            if let label = analysis.label(of: piece.text) { return label }
            return piece.text.contains("*") && piece.text.contains(".") ? "各项" : piece.text
        }.joined()
    }
}
