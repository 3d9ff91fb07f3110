import BriefingCore

/// Slips of a Chinese keyboard in front matter that YAML cannot read: a full-width colon after a
/// key (`value：13.5`) or no space after the colon (`value:13.5`). Named with their line, the
/// character and the fix, instead of libyaml's message about the line after.
enum KeyboardSlip {
    static func find(in yaml: String, file: String, offset: Int) -> Diagnostic? {
        for (i, raw) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.drop { $0 == " " }
            if line.hasPrefix("- ") { line = line.dropFirst(2).drop { $0 == " " } }
            let key = line.prefix { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "_.-".contains($0) }
            guard !key.isEmpty else { continue }
            let rest = line.dropFirst(key.count)
            let column = raw.count - line.count + key.count + 1
            let at = SourceLocation(file: file, line: i + 1 + offset, key: String(key))
            if rest.first == "：" {
                return Diagnostic(at, "第 \(i + 1 + offset) 行第 \(column) 个字符用了全角冒号“：”",
                                  hint: "请改为半角冒号加空格：\(key): \(String(rest.dropFirst()).trimmed())")
            }
            if rest.first == ":", let next = rest.dropFirst().first, next != " ", next != "/" {
                return Diagnostic(at, "第 \(i + 1 + offset) 行第 \(column) 个字符的冒号后面少了空格",
                                  hint: "请改为：\(key): \(String(rest.dropFirst()).trimmed())")
            }
        }
        return nil
    }
}
