import BriefingCore

/// `check:` — relations of a figure or indicator to another one: a string such as
/// `<= xilingol.grids.total` (or 不超过/不低于 …), a list of them, or mappings
/// `{rule: ">= x", expect: discrepancy, note: …}` for a relation the source itself breaks.
enum RelationDecoder {
    static let keys = ["rule", "expect", "note"]

    static func relations(_ node: YNode) throws(Diagnostic) -> [Relation] {
        if case .scalar = node.node { return [try relation(node)] }
        return try node.list().map { item throws(Diagnostic) in try relation(item) }
    }

    static func relation(_ node: YNode) throws(Diagnostic) -> Relation {
        guard case .mapping = node.node else { return try rule(node, expect: false, note: nil) }
        try node.checkKeys(keys, what: "核对关系")
        var ruleNode: YNode?, expect = false, note: String?
        for (key, _, v) in try node.entries() {
            switch key {
            case "rule": ruleNode = v
            case "expect":
                guard try v.string() == "discrepancy" else { throw v.error("`expect` 只能写 discrepancy（表示原文数字不一致，已知并说明）") }
                expect = true
            default: note = try v.nonEmptyString()
            }
        }
        guard let ruleNode else { throw node.error("核对关系缺少 `rule`", hint: "例如 rule: <= xilingol.grids.total") }
        if expect, note == nil {
            throw node.error("写了 `expect: discrepancy` 却没有 `note`", hint: "请加 note: 说明原文哪里与哪里不一致")
        }
        return try rule(ruleNode, expect: expect, note: note)
    }

    static let hint = "写成“比较符 编号”，例如 check: <= xilingol.grids.total（部分不超过整体）或 check: = ordos.capacity.pv（同一数字两处一致）"

    static func rule(_ node: YNode, expect: Bool, note: String?) throws(Diagnostic) -> Relation {
        let text = QuantityParser.normalize(try node.nonEmptyString())
        var rest = Substring(text)
        var comparator = Comparator.equal
        for (word, c) in Comparator.aliases + [("不超过", .lessOrEqual), ("不多于", .lessOrEqual), ("不少于", .greaterOrEqual)]
        where rest.hasPrefix(word) {
            comparator = c
            rest = rest.dropFirst(word.count)
            break
        }
        let target = String(rest).trimmed()
        guard FigureID.isValid(target) else {
            throw node.error("核对关系 `\(Diagnostic.excerpt(text))` 中的 `\(Diagnostic.excerpt(target))` 不是编号", hint: hint)
        }
        return Relation(comparator: comparator, target: target, expectDiscrepancy: expect, note: note, location: node.location)
    }
}
