/// Turns template text into a plan tree. A port of swift-mustache 2.1.1's
/// `MustacheTemplate.parse` (Template+Parser.swift), step for step, because its whitespace
/// rules are its own: which tags stand alone on a line, when the whitespace before a tag is
/// kept, how a partial's indentation is recorded, and how `{{$block}}` lines inside a
/// `{{<parent}}` lose the indentation of their first line. Keep the order of the steps when
/// editing: output is compared byte for byte with swift-mustache.
///
/// Throws `Unsupported` for what the plan leaves to swift-mustache, and any error where
/// swift-mustache's parser fails (such a template never renders: loading reports it).
enum PlanParser {
    enum Failure: Error {
        /// Set-delimiter tags, dynamic partials, transforms other than `empty`, content types
        /// other than HTML and TEXT.
        case unsupported
        case syntax
    }

    static let open = "{{", close = "}}"

    static func parse(_ text: String) throws -> [PlanNode] {
        var reader = PlanReader(text)
        return try parse(&reader, State())
    }

    /// `ParserState`: delimiters are always `{{ }}` (set-delimiter tags are unsupported).
    struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        /// Inside a `{{<parent}}`: block definitions drop their first line's indentation.
        var inDefinition = false
        /// Directly inside a `{{<parent}}`, where `{{$name}}` defines an override.
        var definitionTop = false
        var definitionIndent: Substring?

        func section(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var s = self
            s.sectionName = name
            s.sectionTransforms = transforms
            s.definitionTop = false
            if !newLine { s.newLine = false }
            return s
        }

        func inheritance(_ name: String) -> State {
            var s = self
            s.sectionName = name
            s.sectionTransforms = []
            s.newLine = true
            s.inDefinition = true
            s.definitionTop = true
            return s
        }
    }

    static func parse(_ r: inout PlanReader, _ initial: State) throws -> [PlanNode] {
        var nodes: [PlanNode] = []
        var state = initial
        var ws: Substring = ""
        func flushWhitespace() {
            if !ws.isEmpty {
                nodes.append(.text(Array(ws.utf8)))
                ws = ""
            }
        }
        while !r.reachedEnd {
            if state.newLine {
                let lineStart = r.read(while: { $0 == " " || $0 == "\t" })
                if state.inDefinition, !state.definitionTop {
                    if let indent = state.definitionIndent {
                        ws = lineStart.dropFirst(indent.count)
                    } else {
                        state.definitionIndent = lineStart
                    }
                } else {
                    ws = lineStart
                }
            }
            let text = try readText(&r)
            if r.current.isNewline {
                nodes.append(.text(Array((ws + text + String(r.current)).utf8)))
                state.newLine = true
                r.advance()
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array((ws + text).utf8)))
                ws = ""
                state.newLine = false
            }
            if r.reachedEnd { break }
            var setNewLine = false
            switch r.current {
            case "#", "^":
                let inverted = r.current == "^"
                r.advance()
                let (name, transforms) = try parseName(&r)
                if isStandalone(&r, state) {
                    setNewLine = true
                } else {
                    flushWhitespace()
                }
                let body = try parse(&r, state.section(name, newLine: setNewLine, transforms: transforms))
                guard let n = PlanName(name, transforms: transforms) else { throw Failure.unsupported }
                nodes.append(inverted ? .inverted(n, body) : .section(n, body))

            case "/":
                r.advance()
                let (name, transforms) = try parseName(&r)
                guard name == state.sectionName, transforms == state.sectionTransforms else { throw Failure.syntax }
                if !isStandalone(&r, state) { flushWhitespace() }
                return nodes

            case "!":
                r.advance()
                try r.skip(past: close)
                setNewLine = isStandalone(&r, state)

            case "{", "&":
                let triple = r.current == "{"
                flushWhitespace()
                r.advance()
                let (name, transforms) = try parseName(&r)
                if triple { guard try r.read("}") else { throw Failure.syntax } }
                guard let n = PlanName(name, transforms: transforms) else { throw Failure.unsupported }
                nodes.append(.variable(n, escaped: false))

            case ">":
                r.advance()
                r.read(while: \.isWhitespace)
                if r.current == "*" { throw Failure.unsupported }
                let name = try parsePartialName(&r)
                if !ws.isEmpty { nodes.append(.text(Array(ws.utf8))) }
                if isStandalone(&r, state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: Array(ws.utf8), overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }
                ws = ""

            case "<":
                r.advance()
                r.read(while: \.isWhitespace)
                let name = try parsePartialName(&r)
                if name.first == "*" { throw Failure.unsupported }
                if !ws.isEmpty { nodes.append(.text(Array(ws.utf8))) }
                if isStandalone(&r, state) { setNewLine = true }
                var overrides: [String: [PlanNode]] = [:]
                for node in try parse(&r, state.inheritance(name)) {
                    switch node {
                    case .definition(let block, let body): overrides[block] = body
                    case .text: break
                    default: throw Failure.syntax
                    }
                }
                nodes.append(.partial(name, indentation: Array(ws.utf8), overrides: overrides))
                ws = ""

            case "$":
                r.advance()
                let (name, transforms) = try parseName(&r)
                guard transforms.isEmpty else { throw Failure.syntax }
                if state.definitionTop {
                    if isStandalone(&r, state) { setNewLine = true }
                    nodes.append(.definition(name, try parse(&r, state.section(name, newLine: setNewLine))))
                } else {
                    if !ws.isEmpty { nodes.append(.text(Array(ws.utf8))) }
                    if isStandalone(&r, state) { setNewLine = true }
                    let body = try parse(&r, state.section(name, newLine: setNewLine))
                    nodes.append(.block(name, defaults: body, indentation: Array(ws.utf8)))
                    ws = ""
                }

            case "=":
                throw Failure.unsupported

            case "%":
                r.advance()
                nodes.append(.contentType(try readContentType(&r)))
                setNewLine = isStandalone(&r, state)

            default:
                flushWhitespace()
                let (name, transforms) = try parseName(&r)
                guard let n = PlanName(name, transforms: transforms) else { throw Failure.unsupported }
                nodes.append(.variable(n, escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Failure.syntax }
        return nodes
    }

    /// `readUntilDelimiterOrNewline`: text up to a newline (not consumed) or past "{{".
    static func readText(_ r: inout PlanReader) throws -> String {
        var total = ""
        while !r.reachedEnd {
            total += r.read(until: ["\n", "\r\n", "{"])
            if r.current.isNewline {
                break
            } else if r.current == "{" {
                if try r.read(string: open) { break }
                total += "{"
                r.advance()
            }
        }
        return total
    }

    /// `parseName`: a name and the transforms wrapped around it, outermost first.
    static func parseName(_ r: inout PlanReader) throws -> (String, [String]) {
        r.read(while: \.isWhitespace)
        let text = String(r.read(while: nameChars.contains))
        r.read(while: \.isWhitespace)
        guard try r.read(string: close) else { throw Failure.syntax }
        var n = PlanReader(text)
        var transforms = [n.read(while: nameCharsWithoutBrackets.contains)]
        if n.reachedEnd { return (text, []) }
        guard n.current == "(" else { throw Failure.syntax }
        n.advance()
        while true {
            let name = n.read(while: nameCharsWithoutBrackets.contains)
            switch n.current {
            case ")":
                n.advance()
                guard n.count(while: ")") + 1 == transforms.count, n.reachedEnd else { throw Failure.syntax }
                return (String(name), transforms.map(String.init))
            case "(":
                n.advance()
                transforms.append(name)
            default:
                throw Failure.syntax
            }
        }
    }

    static func parsePartialName(_ r: inout PlanReader) throws -> String {
        r.read(while: \.isWhitespace)
        let text = String(r.read(while: partialNameChars.contains))
        r.read(while: \.isWhitespace)
        guard try r.read(string: close) else { throw Failure.syntax }
        return text
    }

    /// `readConfigVariable`: only CONTENT_TYPE exists. "HTML" is the type Templates
    /// registers under that name before parsing; other registered types are not planned.
    static func readContentType(_ r: inout PlanReader) throws -> PlanEscape {
        r.read(while: \.isWhitespace)
        let variable = r.read(while: nameCharsWithoutBrackets.contains)
        r.read(while: \.isWhitespace)
        guard try r.read(":") else { throw Failure.syntax }
        r.read(while: \.isWhitespace)
        let value = r.read(while: nameCharsWithoutBrackets.contains)
        r.read(while: \.isWhitespace)
        guard try r.read(string: close), variable == "CONTENT_TYPE" else { throw Failure.syntax }
        switch value {
        case "HTML": return .bytes
        case "TEXT": return .none
        default: throw Failure.unsupported
        }
    }

    /// `isStandalone`/`hasLineFinished`: at the start of a line and followed only by spaces or
    /// tabs up to a newline (consumed) or the very end (trailing spaces then the end do not count).
    static func isStandalone(_ r: inout PlanReader, _ state: State) -> Bool {
        guard state.newLine else { return false }
        if r.reachedEnd { return true }
        var ahead = r
        ahead.read(while: { $0 == " " || $0 == "\t" })
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        r.set(ahead.position)
        return true
    }

    static let nameCharsWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    static let nameChars = nameCharsWithoutBrackets.union(["(", ")"])
    static let partialNameChars = nameChars.union(["/"])
}
