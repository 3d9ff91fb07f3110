import BriefingCore
import Yams

/// A YAML node with the file and line offset needed to locate it in the content file.
struct YNode {
    let node: Node
    let file: String
    /// Added to Yams' 1-based line to get the file line.
    let lineOffset: Int
    /// The parent's key path and this node's key or index: the dotted path is only put
    /// together for a message, not for every node read.
    let parentPath: String
    let segment: Segment

    enum Segment {
        case root, key(String), index(Int)
    }

    init(node: Node, file: String, lineOffset: Int, parentPath: String = "", segment: Segment = .root) {
        self.node = node
        self.file = file
        self.lineOffset = lineOffset
        self.parentPath = parentPath
        self.segment = segment
    }

    /// Dotted key path, for messages: `figures.x.value`, `topics[1]`.
    var path: String {
        switch segment {
        case .root: return parentPath
        case .key(let k): return parentPath.isEmpty ? k : "\(parentPath).\(k)"
        case .index(let i): return "\(parentPath)[\(i)]"
        }
    }

    var line: Int { (node.mark?.line ?? 1) + lineOffset }
    var location: SourceLocation { SourceLocation(file: file, line: line, key: path.isEmpty ? nil : path) }

    func error(_ message: String, hint: String = "") -> Diagnostic {
        Diagnostic(location, message, hint: hint)
    }

    var kindName: String {
        switch node {
        case .scalar: return "单个值"
        case .mapping: return "键值映射"
        case .sequence: return "列表"
        case .alias: return "别名"
        }
    }

    /// The scalar's text exactly as written (never converted through Double).
    func string() throws(Diagnostic) -> String {
        guard case .scalar(let s) = node else {
            throw error("应为单个值，这里是\(kindName)", hint: "把 `\(path)` 写成一行文字或数字")
        }
        try checkVisible(s.string)
        return s.string
    }

    /// Refuses control characters other than tab and newline (a quoted `"\x01"`, `"\v"`,
    /// `"\uFFFE"`): they make the feed and sitemap ill-formed XML and can rewrite a terminal
    /// line. Every scalar that becomes a string passes through here.
    func checkVisible(_ text: String) throws(Diagnostic) {
        // Bytes first: almost every string has none of the lead bytes these characters need.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 >= 0xEF }),
              let bad = text.unicodeScalars.first(where: YNode.isInvisibleControl) else { return }
        let code = String(bad.value, radix: 16, uppercase: true)
        throw error("`\(path.isEmpty ? "值" : path)` 中有不可见的控制字符 U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)",
                    hint: "删去这个字符，只有换行和 Tab 可以保留；这类字符常见于从其他软件粘贴的文字，或引号中的 \\x、\\u 转义")
    }

    static func isInvisibleControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\t" && u != "\n") || u.value == 0x7F || (0x80...0x9F).contains(u.value)
            || u.properties.isNoncharacterCodePoint
    }

    func nonEmptyString() throws(Diagnostic) -> String {
        let s = try string().trimmed()
        guard !s.isEmpty else { throw error("`\(path)` 不能为空") }
        return s
    }

    func int() throws(Diagnostic) -> Int {
        let s = try string().trimmedSpaces()
        guard let v = Int(QuantityParser.normalize(s)) else {
            throw error("`\(s)` 不是整数", hint: "`\(path)` 应写成整数，例如 3")
        }
        return v
    }

    /// A list of strings; a single scalar counts as a one-element list. Items written with the
    /// Chinese list marks 、 or ， between them (`[新能源、储能]`) are split there.
    func stringList() throws(Diagnostic) -> [String] {
        try rawStringList().flatMap { item in
            item.split(whereSeparator: { $0 == "、" || $0 == "，" }).map { String($0).trimmed() }.filter { !$0.isEmpty }
        }
    }

    private func rawStringList() throws(Diagnostic) -> [String] {
        switch node {
        case .scalar(let s):
            return s.string.isEmpty ? [] : [try string()]
        case .sequence(let seq):
            var out: [String] = []
            let base = path
            for (i, n) in seq.enumerated() {
                out.append(try YNode(node: n, file: file, lineOffset: lineOffset, parentPath: base, segment: .index(i)).nonEmptyString())
            }
            return out
        default:
            throw error("应为列表，这里是\(kindName)", hint: "写成 [甲, 乙] 或每行一个 `- 甲`")
        }
    }

    func list() throws(Diagnostic) -> [YNode] {
        guard case .sequence(let seq) = node else {
            throw error("应为列表，这里是\(kindName)", hint: "每一项写成一行 `- ` 开头")
        }
        let base = path
        return seq.enumerated().map { YNode(node: $1, file: file, lineOffset: lineOffset, parentPath: base, segment: .index($0)) }
    }

    /// Mapping entries in written order with their keys; rejects non-scalar keys.
    func entries() throws(Diagnostic) -> [(key: String, keyLine: Int, value: YNode)] {
        guard case .mapping(let m) = node else {
            throw error("应为键值映射（key: value），这里是\(kindName)")
        }
        var out: [(String, Int, YNode)] = []
        out.reserveCapacity(m.count)
        let base = path
        for (k, v) in m {
            guard case .scalar(let ks) = k else {
                throw YNode(node: k, file: file, lineOffset: lineOffset, parentPath: base).error("键必须是文字")
            }
            let keyLine = (k.mark?.line ?? 1) + lineOffset
            try YNode(node: k, file: file, lineOffset: lineOffset, parentPath: base, segment: .key(ks.string)).checkVisible(ks.string)
            out.append((ks.string, keyLine, YNode(node: v, file: file, lineOffset: lineOffset, parentPath: base, segment: .key(ks.string))))
        }
        return out
    }

    /// File lines of a list's items (a single scalar counts as one item).
    func itemLines() -> [Int] {
        switch node {
        case .sequence(let seq): return seq.map { ($0.mark?.line ?? 1) + lineOffset }
        default: return [line]
        }
    }

    /// File line of the value under `key` in a mapping, if there is one.
    func lineOfValue(forKey key: String) -> Int? {
        guard case .mapping(let m) = node else { return nil }
        for (k, v) in m where k.scalar?.string == key { return (v.mark?.line ?? k.mark?.line ?? 1) + lineOffset }
        return nil
    }

    /// Checks keys against the allowed set, with a "did you mean" hint.
    func checkKeys(_ allowed: [String], what: String) throws(Diagnostic) {
        // Reads the keys without building child nodes: this runs on every figure and indicator.
        if case .mapping(let m) = node,
           m.allSatisfy({ k, _ in k.scalar.map { allowed.contains($0.string) } ?? false }) { return }
        for (key, keyLine, _) in try entries() where !allowed.contains(key) {
            let suggestion = Suggest.hint(key, in: allowed)
            throw Diagnostic(SourceLocation(file: file, line: keyLine, key: path.isEmpty ? key : "\(path).\(key)"),
                             "\(what)中有未知的键 `\(key)`",
                             hint: (suggestion.isEmpty ? "" : suggestion + "；") + "可用的键：" + allowed.joined(separator: "、"))
        }
    }
}

/// Parses YAML text into a node tree, turning Yams errors into located diagnostics.
enum YAMLReader {
    /// Nesting deeper than this is refused before parsing: the parser recurses per level.
    static let maxDepth = 64
    /// Larger YAML is refused before parsing, so a huge file fails fast instead of taking
    /// many seconds (the largest real front matter is about 70 KB).
    static let maxBytes = 2 * 1024 * 1024

    static func read(_ yaml: String, file: String, firstLine: Int) throws(Diagnostic) -> YNode? {
        let offset = firstLine - 1
        if yaml.utf8.count > maxBytes {
            throw Diagnostic(SourceLocation(file: file, line: firstLine), "YAML 部分过大（\(yaml.utf8.count / 1024) KB，上限 \(maxBytes / 1024) KB）",
                             hint: "前置信息只放标题、日期和数据；数据太多时请拆成几个文件")
        }
        try checkDepth(yaml, file: file, offset: offset)
        if let tab = tabIndentLine(yaml) {
            throw Diagnostic(SourceLocation(file: file, line: tab + offset), "YAML 缩进中使用了制表符（Tab）",
                             hint: "YAML 只能用空格缩进，请把这一行开头的 Tab 换成空格")
        }
        do {
            // The encoding named: its default reads the process environment on every call.
            guard let node = try Yams.compose(yaml: yaml, Resolver.basic, .default, .utf8) else { return nil }
            return YNode(node: node, file: file, lineOffset: offset)
        } catch let e as YamlError {
            // A slip of a Chinese keyboard explains the error better than libyaml can.
            if let slip = KeyboardSlip.find(in: yaml, file: file, offset: offset) { throw slip }
            throw diagnostic(e, yaml: yaml, file: file, offset: offset)
        } catch {
            throw Diagnostic(SourceLocation(file: file, line: firstLine), "YAML 无法解析：\(error)")
        }
    }

    /// libyaml's messages that staff meet most, in Chinese (others are kept in English).
    static let translations: [(String, String)] = [
        ("mapping values are not allowed in this context", "这里不能出现“: ”——值里含冒号加空格时，请把整个值用引号括起来"),
        ("did not find expected key", "缩进不对齐，或上一行的值没有写完"),
        ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺逗号"),
        ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或各项之间缺逗号"),
        ("found unexpected end of stream", "文字意外结束（引号或括号没有闭合）"),
        ("found character that cannot start any token", "这一行有不能开头的字符（如 Tab、@ 或 `）"),
        ("found undefined alias", "引用了未定义的别名（*名字）"),
        ("could not find expected ':'", "缺少冒号“:”"),
        ("block sequence entries are not allowed in this context", "这里不能开始“- ”列表，检查缩进"),
        ("while scanning a simple key", "读取键名时"),
        ("while parsing a block mapping", "读取键值映射时"),
        ("while parsing a flow sequence", "读取方括号列表时"),
        ("while parsing a flow mapping", "读取花括号映射时"),
        ("while scanning a quoted scalar", "读取引号中的文字时"),
        ("while parsing a block collection", "读取列表时"),
    ]

    static func chinese(_ text: String) -> String {
        translations.first { text.hasPrefix($0.0) }?.1 ?? text
    }

    static func diagnostic(_ e: YamlError, yaml: String, file: String, offset: Int) -> Diagnostic {
        let hint = "检查这一行的冒号、缩进和引号；冒号后要有空格，含冒号或 # 的文字请用引号括起来"
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.map(YAMLReader.chinese).joined(separator: "，")
            // An unclosed bracket or quote is noticed lines later; the line to fix is where it opened.
            if let context, context.mark.line < mark.line,
               ["flow sequence", "flow mapping", "quoted scalar", "simple key"].contains(where: context.text.hasSuffix) {
                return Diagnostic(SourceLocation(file: file, line: context.mark.line + offset),
                                  "YAML 语法错误：\(what)（在第 \(mark.line + offset) 行发现）",
                                  hint: "这一行开始的括号或引号没有闭合；" + hint)
            }
            return Diagnostic(SourceLocation(file: file, line: mark.line + offset), "YAML 语法错误：\(what)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let line = secondOccurrence(of: key, in: yaml) ?? context.mark.line
            return Diagnostic(SourceLocation(file: file, line: line + offset, key: key), "YAML 中键 `\(key)` 重复出现",
                              hint: "同一层级的每个键只能写一次，删去或合并重复的那一个")
        case let .reader(problem, at, _, _):
            // `at` counts characters from the start of the YAML text.
            let line = 1 + (at.map { n in yaml.prefix(n).reduce(0) { $1 == "\n" ? $0 + 1 : $0 } } ?? 0)
            let control = problem.contains("control characters")
            return Diagnostic(SourceLocation(file: file, line: line + offset),
                              control ? "YAML 中有不可见的控制字符（如 NUL）" : "YAML 无法读取：\(problem)",
                              hint: control ? "删去这一行中不可见的控制字符；从其他软件粘贴的文字有时带有这类字符" : "")
        default:
            return Diagnostic(SourceLocation(file: file, line: 1 + offset), "YAML 无法解析：\(e)", hint: hint)
        }
    }

    /// The 1-based line of the second `key:` at the same indentation, for duplicate keys.
    static func secondOccurrence(of key: String, in yaml: String) -> Int? {
        var seen: Set<Int> = []
        for (i, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix(while: { $0 == " " }).count
            let rest = line.dropFirst(indent)
            if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") {
                if seen.contains(indent) { return i + 1 }
                seen.insert(indent)
            }
        }
        return nil
    }

    static func tabIndentLine(_ yaml: String) -> Int? {
        // Bytes, not Characters: every byte looked at is ASCII, and this runs on every file.
        var line = 1
        var atStart = true, sawTab = false
        for b in yaml.utf8 {
            if b == UInt8(ascii: "\n") {
                line += 1
                atStart = true
                sawTab = false
            } else if atStart {
                if b == UInt8(ascii: "\t") {
                    sawTab = true
                } else if b != UInt8(ascii: " ") {
                    if sawTab { return line }
                    atStart = false
                }
            }
        }
        return nil
    }

    /// Refuses pathological nesting (flow brackets or indentation) before the recursive parser sees it.
    static func checkDepth(_ yaml: String, file: String, offset: Int) throws(Diagnostic) {
        var depth = 0, line = 1, indent = 0
        var quote: UInt8?
        var atStart = true
        for b in yaml.utf8 {
            if b == UInt8(ascii: "\n") {
                line += 1
                quote = nil
                atStart = true
                indent = 0
                continue
            }
            if atStart {
                if b == UInt8(ascii: " ") || b == UInt8(ascii: "-") {
                    indent += 1
                    if indent > maxDepth * 4 {
                        throw Diagnostic(SourceLocation(file: file, line: line + offset), "YAML 缩进过深",
                                         hint: "前置信息只需要两三层嵌套")
                    }
                } else {
                    atStart = false
                }
            }
            if let q = quote { if b == q { quote = nil }; continue }
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = b
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth {
                    throw Diagnostic(SourceLocation(file: file, line: line + offset), "YAML 嵌套过深（超过 \(maxDepth) 层）",
                                     hint: "前置信息只需要两三层嵌套，请检查括号是否成对")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }
}
