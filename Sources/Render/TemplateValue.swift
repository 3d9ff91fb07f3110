import Mustache

/// A value as a template sees it. View models answer their fields as these: the compiled
/// template plan reads them without dynamic casts, and `child(named:)` turns them into what
/// swift-mustache expects, so both renderers read the one table each view model has.
public enum TemplateValue: Sendable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case object(any ViewModel)
    case list([any ViewModel])
    case texts([String])
    /// An absent optional: renders as nothing and is false in sections. (Answering nil would
    /// make Mustache look the name up in the enclosing objects.)
    case missing

    /// The value in the form swift-mustache renders.
    var mustacheValue: Any {
        switch self {
        case .text(let s): return s
        case .number(let n): return n
        case .flag(let b): return b
        case .object(let o): return o
        case .list(let l): return l
        case .texts(let t): return t
        case .missing: return Missing()
        }
    }
}

/// A view model: plain values a template reads by name.
public protocol ViewModel: MustacheParent, Sendable {
    /// The field called `key`, or nil when there is none.
    func value(_ key: String) -> TemplateValue?
}

extension ViewModel {
    public func child(named key: String) -> Any? { value(key)?.mustacheValue }
}

/// A field that has no value: renders as nothing and counts as false in sections.
struct Missing: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

@inline(__always) func tv(_ s: String) -> TemplateValue { .text(s) }
@inline(__always) func tv(_ n: Int) -> TemplateValue { .number(n) }
@inline(__always) func tv(_ b: Bool) -> TemplateValue { .flag(b) }
@inline(__always) func tv(_ o: some ViewModel) -> TemplateValue { .object(o) }
@inline(__always) func tv(_ l: [some ViewModel]) -> TemplateValue { .list(l) }
@inline(__always) func tv(_ t: [String]) -> TemplateValue { .texts(t) }
@inline(__always) func tv(_ s: String?) -> TemplateValue { s.map(TemplateValue.text) ?? .missing }
@inline(__always) func tv(_ o: (some ViewModel)?) -> TemplateValue { o.map { .object($0) } ?? .missing }
