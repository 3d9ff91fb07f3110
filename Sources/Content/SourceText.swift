import BriefingCore
import Foundation

/// Decodes a content file's bytes: UTF-8 only, a leading byte-order mark dropped, CRLF and
/// CR line endings turned into LF (line numbers stay the same).
public enum SourceText {
    public static func decode(_ data: Data, file: String) throws(Diagnostic) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = firstInvalidLine(bytes)
            throw Diagnostic(SourceLocation(file: file, line: line), "文件不是有效的 UTF-8 编码",
                             hint: "请用 UTF-8 编码另存此文件（例如在编辑器中选择“UTF-8 无 BOM”）")
        }
        if !text.utf8.contains(UInt8(ascii: "\r")) { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Line of the first byte sequence that is not valid UTF-8.
    static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len: Int
            switch b {
            case 0x00...0x7F: len = 1
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return line
            }
            if i + len > bytes.count { return line }
            let chunk = Array(bytes[i..<(i + len)])
            if len > 1, String(validating: chunk, as: UTF8.self) == nil { return line }
            if b == 0x0A { line += 1 }
            i += len
        }
        return line
    }
}
