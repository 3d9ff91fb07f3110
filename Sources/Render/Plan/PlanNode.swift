/// One piece of a compiled template. The tree mirrors swift-mustache's tokens one for one
/// (text is not merged: partial indentation is decided token by token).
enum PlanNode: Sendable {
    case text([UInt8])
    case variable(PlanName, escaped: Bool)
    case section(PlanName, [PlanNode])
    case inverted(PlanName, [PlanNode])
    /// `{{>name}}` (overrides nil) or `{{<name}}…{{/name}}` (the `{{$block}}`s it overrides).
    /// Indentation is nil when a `{{>name}}` is not alone on its line.
    case partial(String, indentation: [UInt8]?, overrides: [String: [PlanNode]]?)
    /// `{{$name}}default{{/name}}` outside a `{{<parent}}`.
    case block(String, defaults: [PlanNode], indentation: [UInt8])
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: collected into the parent's overrides.
    case definition(String, [PlanNode])
    /// `{{% CONTENT_TYPE: … }}`: how the following variables of the same token list are escaped.
    case contentType(PlanEscape)
}

/// How `{{name}}` escapes its text.
enum PlanEscape: Sendable {
    /// swift-mustache's own HTML type, by Characters: what a template or partial starts with
    /// until its `{{% CONTENT_TYPE: HTML }}` (which Templates puts first in every template).
    case characters
    /// `HTMLEscape.escape`: the `HTML` type Templates registers (ByteHTMLContentType).
    case bytes
    /// `CONTENT_TYPE: TEXT`.
    case none
}

/// A variable or section name, split once when the template is compiled. swift-mustache
/// splits it on every lookup.
struct PlanName: Sendable, Equatable {
    /// The name split on ".", empty parts dropped (as `split(separator:)` does): `.` and `` are [].
    var path: [String]
    /// A name starting with "." is looked up in the current object only; others climb the
    /// context stack for their first part.
    var anchored: Bool
    /// `empty(name)`: whether a text or list is empty.
    var isEmptyTest: Bool

    /// nil for what the plan does not support: any transform but `empty`, and transforms of the
    /// sequence context (`first()` …).
    init?(_ name: String, transforms: [String]) {
        switch transforms {
        case []: isEmptyTest = false
        case ["empty"] where !name.isEmpty: isEmptyTest = true
        default: return nil
        }
        anchored = name.first == "."
        path = name.split(separator: ".").map(String.init)
    }
}
