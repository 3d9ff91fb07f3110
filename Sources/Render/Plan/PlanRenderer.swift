import BriefingCore

/// Walks a plan over view models into UTF-8 bytes, with the results of swift-mustache 2.1.1's
/// `render(context:)`/`renderToken` (Template+Render.swift) for the values `TemplateValue`
/// can hold: the stack holds `TemplateValue`s, a name's first part climbs it and later parts
/// do not, and every piece is written straight into one buffer.
struct PlanRenderer {
    /// `MustacheContext` without the stack (kept once, in `stack`) and the sequence context
    /// (only transforms of it read that, and they are not planned).
    struct Context {
        /// The indentation of the partials and blocks being rendered; "" is none.
        var indentation: [UInt8] = []
        /// `{{$block}}` overrides of the `{{<parent}}`s being rendered; the outermost wins.
        var overrides: [String: [PlanNode]]?
        var escape: PlanEscape = .characters
    }

    let templates: [String: [PlanNode]]
    var out: [UInt8] = []
    var stack: [TemplateValue]

    init(templates: [String: [PlanNode]], root: any ViewModel) {
        self.templates = templates
        stack = [.object(root)]
        out.reserveCapacity(1 << 15)
    }

    mutating func render(_ nodes: [PlanNode], _ context: Context) {
        var context = context // a content-type tag changes it for the rest of this list only
        if context.indentation.isEmpty {
            for node in nodes { render(node, &context) }
            return
        }
        // A token's non-empty output that starts a line of this list's output is indented;
        // lines inside one token are indented by that token's own list, if it has one.
        let start = out.count
        for node in nodes {
            let at = out.count
            let lineStart = endsWithNewline(since: start)
            render(node, &context)
            if lineStart, out.count > at { out.insert(contentsOf: context.indentation, at: at) }
        }
    }

    /// `string.last == "\n"` for the output since `start`: a Character, so "\r\n" does not count.
    private func endsWithNewline(since start: Int) -> Bool {
        let n = out.count - start
        guard n > 0, out[out.count - 1] == 0x0A else { return false }
        return n == 1 || out[out.count - 2] != 0x0D
    }

    private mutating func render(_ node: PlanNode, _ context: inout Context) {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            if let v = lookup(name) { write(v, escaped ? context.escape : .none) }
        case .section(let name, let body):
            section(lookup(name), body, context)
        case .inverted(let name, let body):
            inverted(lookup(name), body, context)
        case .partial(let name, let indentation, let overrides):
            // Absent partials render nothing; Templates plans a template only when every
            // partial it reaches that exists is planned too.
            guard let nodes = templates[name] else { return }
            var inner = Context(indentation: context.indentation + (indentation ?? []), overrides: context.overrides)
            if let overrides {
                inner.overrides = context.overrides?.merging(overrides) { outer, _ in outer } ?? overrides
            }
            render(nodes, inner) // escaping starts again as swift-mustache's own HTML type
        case .block(let name, let defaults, let indentation):
            var inner = context
            inner.indentation += indentation
            render(context.overrides?[name] ?? defaults, inner)
        case .contentType(let escape):
            context.escape = escape
        case .definition:
            break // only ever inside a `{{<parent}}`, collected into its overrides
        }
    }

    /// `renderSection`: lists repeat, flags switch, missing and absent hide, any other value
    /// becomes the current object.
    private mutating func section(_ value: TemplateValue?, _ body: [PlanNode], _ context: Context) {
        switch value {
        case .list(let items):
            for item in items { push(.object(item), body, context) }
        case .texts(let items):
            for item in items { push(.text(item), body, context) }
        case .flag(let on):
            if on { render(body, context) }
        case .missing, nil:
            break
        case .some(let v):
            push(v, body, context)
        }
    }

    /// `renderInvertedSection`: an empty list renders with itself as the current object.
    private mutating func inverted(_ value: TemplateValue?, _ body: [PlanNode], _ context: Context) {
        switch value {
        case .list(let items):
            if items.isEmpty { push(value!, body, context) }
        case .texts(let items):
            if items.isEmpty { push(value!, body, context) }
        case .flag(let on):
            if !on { render(body, context) }
        case .missing, nil:
            render(body, context)
        case .text, .number, .object:
            break
        }
    }

    private mutating func push(_ value: TemplateValue, _ body: [PlanNode], _ context: Context) {
        stack.append(value)
        render(body, context)
        stack.removeLast()
    }

    /// `getChild`: nil when the name does not resolve. Only objects have fields (swift-mustache
    /// asks other values through Mirror, which finds no labelled children in them).
    func lookup(_ name: PlanName) -> TemplateValue? {
        var value: TemplateValue
        var rest = name.path[...]
        if let first = rest.popFirst() {
            if name.anchored {
                guard let v = field(first, of: stack[stack.count - 1]) else { return nil }
                value = v
            } else {
                var i = stack.count - 1
                while true {
                    if let v = field(first, of: stack[i]) {
                        value = v
                        break
                    }
                    guard i > 0 else { return nil }
                    i -= 1
                }
            }
        } else {
            value = stack[stack.count - 1]
        }
        for part in rest {
            guard let v = field(part, of: value) else { return nil }
            value = v
        }
        guard name.isEmptyTest else { return value }
        // Only strings and arrays answer `empty`; for anything else the transform fails (nil).
        switch value {
        case .text(let s): return .flag(s.isEmpty)
        case .list(let l): return .flag(l.isEmpty)
        case .texts(let t): return .flag(t.isEmpty)
        default: return nil
        }
    }

    @inline(__always) private func field(_ key: String, of value: TemplateValue) -> TemplateValue? {
        if case .object(let o) = value { return o.value(key) }
        return nil
    }

    /// A value as `String(describing:)` shows it; `Missing` renders as "".
    private mutating func write(_ value: TemplateValue, _ escape: PlanEscape) {
        switch value {
        case .text(let s): write(s, escape)
        case .number(let n): write(String(n), escape)
        case .flag(let b): write(b ? "true" : "false", escape)
        case .missing: break
        case .object(let o): write(String(describing: o), escape)
        case .list(let l): write(String(describing: l), escape)
        case .texts(let t): write(String(describing: t), escape)
        }
    }

    private mutating func write(_ s: String, _ escape: PlanEscape) {
        switch escape {
        case .none: out.append(contentsOf: s.utf8)
        case .bytes: HTMLEscape.append(s, to: &out)
        case .characters:
            // swift-mustache's `htmlEscape()`: whole Characters only, so a quote carrying a
            // combining mark passes unescaped.
            for c in s {
                switch c {
                case "<": out += "&lt;".utf8
                case ">": out += "&gt;".utf8
                case "&": out += "&amp;".utf8
                case "\"": out += "&quot;".utf8
                case "'": out += "&#39;".utf8
                default: out += c.utf8
                }
            }
        }
    }
}
