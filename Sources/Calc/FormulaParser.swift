import BriefingCore

/// Tokenizer and recursive-descent parser for the formula language of DESIGN §3.4:
/// numbers with units, ids, `* ` wildcard segments, + - * /, parentheses, functions.
public struct FormulaParser {
    enum Token: Equatable {
        case number(WrittenNumber, unit: String)
        case ident(String)
        case op(Character)
        case end
    }

    let chars: [Character]
    let units: UnitRegistry
    var pos = 0
    var token: Token = .end
    var tokenStart = 0
    var previous: Token = .end
    var tokens = 0
    var nesting = 0

    /// Parentheses, unary signs and function calls nested deeper than this are refused:
    /// the parser and the evaluator recurse once per level (real formulas nest two or three).
    public static let maxNesting = 32
    /// Longer formulas are refused, which also bounds the depth of `a + b + c + …` chains.
    public static let maxTokens = 1000

    public static func parse(_ text: String, units: UnitRegistry) throws(LocalError) -> Expr {
        var p = FormulaParser(chars: Array(QuantityParser.normalize(text)), units: units)
        try p.advance()
        if p.token == .end { throw LocalError("公式是空的") }
        let e = try p.expression()
        guard p.token == .end else { throw p.unexpected() }
        return e
    }

    init(chars: [Character], units: UnitRegistry) {
        self.chars = chars
        self.units = units
    }

    // MARK: tokens

    static func isIDChar(_ c: Character) -> Bool {
        (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_"
    }

    static func isUnitChar(_ c: Character) -> Bool {
        if c == "%" || c == "‰" { return true }
        if c.isASCII { return c.isLetter }
        return !c.isWhitespace && !"（）()，,＋－×÷".contains(c)
    }

    mutating func advance() throws(LocalError) {
        previous = token
        while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
        tokenStart = pos
        guard pos < chars.count else { token = .end; return }
        tokens += 1
        if tokens > Self.maxTokens {
            throw LocalError("公式过长（超过 \(Self.maxTokens) 个符号）",
                             hint: "把长公式拆成几个指标，或用 sum(…) 和通配符 *", offset: pos)
        }
        let c = chars[pos]
        if c.isASCII, c.isNumber || (c == "." && pos + 1 < chars.count && chars[pos + 1].isNumber) {
            token = try numberToken()
        } else if Self.isIDChar(c) || (c == "*" && startsWildcardID()) {
            token = identToken()
        } else if "+-*/(),".contains(c) {
            pos += 1
            token = .op(c)
        } else if c == "×" || c == "÷" {
            pos += 1
            token = .op(c == "×" ? "*" : "/")
        } else if c.isUppercase || !c.isASCII {
            throw LocalError("公式第\(pos + 1)个字符 `\(c)` 处：编号只能用小写英文字母、数字、下划线和 .",
                             hint: "引用数据请写它的编号，例如 ordos.capacity.pv；数字后面可以跟单位，例如 10 万元", offset: pos)
        } else {
            throw LocalError("公式第\(pos + 1)个字符处有无法识别的符号 `\(c)`", hint: "公式只能用 + - * / 和括号", offset: pos)
        }
    }

    /// `*` opens an id only as a whole leading segment (`*.capacity.pv`) right after `(` or `,`.
    func startsWildcardID() -> Bool {
        guard pos + 1 < chars.count, chars[pos + 1] == "." else { return false }
        return token == .op("(") || token == .op(",")
    }

    mutating func numberToken() throws(LocalError) -> Token {
        let rest = String(chars[pos...])
        let scanned: (WrittenNumber, Substring)?
        do {
            scanned = try QuantityParser.scan(prefixOf: Substring(rest))
        } catch {
            throw LocalError("公式第\(pos + 1)个字符处：" + error.message, hint: error.hint, offset: pos)
        }
        guard let (num, _) = scanned else {
            throw LocalError("公式第\(pos + 1)个字符处的数字无法识别", offset: pos)
        }
        pos += num.text.count
        if pos < chars.count, chars[pos].isASCII, Self.isIDChar(chars[pos]), !chars[pos].isNumber,
           !chars[pos].isUppercase {
            throw LocalError("公式第\(tokenStart + 1)个字符处：编号不能以数字开头", offset: tokenStart)
        }
        // A unit follows the number, with or without a space: `10 万元`, `10万元/个`, `5%`.
        var look = pos
        while look < chars.count, chars[look] == " " { look += 1 }
        var unit = ""
        if look < chars.count, Self.isUnitChar(chars[look]), !(chars[look].isASCII && chars[look].isLowercase) {
            var end = look
            while end < chars.count {
                if Self.isUnitChar(chars[end]) { end += 1; continue }
                if chars[end] == "/", end + 1 < chars.count, Self.isUnitChar(chars[end + 1]),
                   !(chars[end + 1].isASCII && chars[end + 1].isLowercase) { end += 1; continue }
                break
            }
            unit = String(chars[look..<end])
            pos = end
        }
        return .number(num, unit: unit)
    }

    mutating func identToken() -> Token {
        let start = pos
        while pos < chars.count {
            let c = chars[pos]
            if Self.isIDChar(c) || c == "." { pos += 1; continue }
            // `*` is an id segment only between dots or after a final dot: `a.*.b`, `a.*`.
            if c == "*", pos > start, chars[pos - 1] == "." || pos == start {
                let next = pos + 1 < chars.count ? chars[pos + 1] : " "
                if next == "." || !(Self.isIDChar(next)) { pos += 1; continue }
            }
            if c == "*", pos == start { pos += 1; continue }
            break
        }
        return .ident(String(chars[start..<pos]))
    }

    func unexpected() -> LocalError {
        switch token {
        case .end: return LocalError("公式在第\(tokenStart + 1)个字符处意外结束", hint: "检查括号是否成对、运算符后是否缺了一项", offset: tokenStart)
        default:
            let text = String(chars[tokenStart..<min(max(pos, tokenStart + 1), chars.count)])
            return LocalError("公式第\(tokenStart + 1)个字符处不应出现 `\(text)`", hint: "两项之间要有运算符 + - * /", offset: tokenStart)
        }
    }

    // MARK: grammar

    mutating func expression() throws(LocalError) -> Expr {
        var lhs = try term()
        while case .op(let c) = token, c == "+" || c == "-" {
            let at = tokenStart
            try advance()
            let rhs = try term()
            lhs = .binary(c == "+" ? .add : .subtract, lhs, rhs, offset: at)
        }
        return lhs
    }

    mutating func term() throws(LocalError) -> Expr {
        var lhs = try unary()
        while case .op(let c) = token, c == "*" || c == "/" {
            let at = tokenStart
            try advance()
            let rhs = try unary()
            lhs = .binary(c == "*" ? .multiply : .divide, lhs, rhs, offset: at)
        }
        return lhs
    }

    mutating func unary() throws(LocalError) -> Expr {
        if token == .op("-") {
            let at = tokenStart
            try advance()
            try enter(at)
            defer { nesting -= 1 }
            return .negate(try unary(), offset: at)
        }
        if token == .op("+") { try advance() }
        return try primary(allowWildcard: false)
    }

    /// One more level of nesting (sign, parenthesis or function call), within the limit.
    mutating func enter(_ at: Int) throws(LocalError) {
        nesting += 1
        if nesting > Self.maxNesting {
            throw LocalError("公式第\(at + 1)个字符处：括号、正负号或函数嵌套过深（超过 \(Self.maxNesting) 层）",
                             hint: "检查括号是否成对；可把公式拆成几个指标", offset: at)
        }
    }

    mutating func primary(allowWildcard: Bool) throws(LocalError) -> Expr {
        let at = tokenStart
        switch token {
        case .number(let n, let unitText):
            try advance()
            do {
                return .number(Quantity(n.value, try units.lookup(unitText)), offset: at)
            } catch {
                throw LocalError("公式第\(at + 1)个字符处：" + error.message, hint: error.hint, offset: at)
            }
        case .ident(let name):
            try advance()
            if token == .op("(") {
                guard let f = Function(rawValue: name) else {
                    throw LocalError("公式第\(at + 1)个字符处：未知函数 `\(name)`",
                                     hint: Suggest.hint(name, in: Function.allCases.map(\.rawValue)) + "可用函数：sum avg min max share growth", offset: at)
                }
                try enter(at)
                defer { nesting -= 1 }
                return try call(f, at: at)
            }
            if name.contains("*") {
                guard allowWildcard else {
                    throw LocalError("公式第\(at + 1)个字符处：通配符 `\(name)` 只能用在 sum/avg/min/max 的括号里", offset: at)
                }
                return .wildcard(name, offset: at)
            }
            guard FigureID.isValid(name) else {
                throw LocalError("公式第\(at + 1)个字符处：`\(name)` 不是合法的编号", hint: "编号由小写字母、数字、下划线组成，各段以 . 连接", offset: at)
            }
            return .ref(name, offset: at)
        case .op("("):
            try advance()
            try enter(at)
            defer { nesting -= 1 }
            let e = try expression()
            guard token == .op(")") else { throw unexpected() }
            try advance()
            return e
        default:
            throw unexpected()
        }
    }

    mutating func call(_ f: Function, at: Int) throws(LocalError) -> Expr {
        try advance() // (
        var args: [Expr] = []
        if token != .op(")") {
            while true {
                args.append(f.acceptsWildcards ? try wildcardOrExpression() : try expression())
                if token == .op(",") { try advance(); continue }
                break
            }
        }
        guard token == .op(")") else { throw unexpected() }
        try advance()
        if let n = f.arity, args.count != n {
            throw LocalError("公式第\(at + 1)个字符处：\(f.rawValue) 需要 \(n) 个参数，这里有 \(args.count) 个",
                             hint: f == .share ? "share(部分, 整体)" : "growth(本期, 上期)", offset: at)
        }
        if args.isEmpty { throw LocalError("公式第\(at + 1)个字符处：\(f.rawValue)() 至少需要一个参数", offset: at) }
        return .call(f, args, offset: at)
    }

    mutating func wildcardOrExpression() throws(LocalError) -> Expr {
        if case .ident(let name) = token, name.contains("*") { return try primary(allowWildcard: true) }
        return try expression()
    }
}
