import Foundation

/// A file-system failure (disk full, no permission, read-only, vanished file): exit code 3,
/// distinct from bad input (2) and a failed number check (1). The message is Chinese and
/// names the path.
public struct IOProblem: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var hint: String

    public init(path: String, message: String, hint: String = "") {
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// From an errno value of a failed system call on `path`.
    public init(path: String, errno code: Int32, doing: String) {
        self.path = path
        switch code {
        case ENOSPC, EDQUOT:
            message = "\(doing)失败：磁盘已满（或超出配额）"
            hint = "清理磁盘空间后重试"
        case EACCES, EPERM:
            message = "\(doing)失败：没有权限"
            hint = "检查这个位置的读写权限，或换一个 --output 目录"
        case EROFS:
            message = "\(doing)失败：这是只读的文件系统"
            hint = "换一个可写的 --output 目录"
        case ENOTDIR:
            message = "\(doing)失败：路径中有一级是文件，不是文件夹"
            hint = "换一个 --output 目录，或把这个文件改名、移走"
        case ENOENT:
            message = "\(doing)失败：路径不存在"
            hint = "检查路径是否拼写正确、上级文件夹是否存在"
        case EFBIG:
            message = "\(doing)失败：文件超过了系统允许的大小"
            hint = "检查磁盘配额或 ulimit -f 的限制后重试"
        case ENAMETOOLONG:
            message = "\(doing)失败：文件名或路径太长"
            hint = "缩短文件名，或换一个层级较浅的 --output 目录"
        case EIO:
            message = "\(doing)失败：磁盘读写错误"
            hint = "检查磁盘是否正常"
        default:
            message = "\(doing)失败：系统错误 \(code)（\(String(cString: strerror(code)))）"
            hint = ""
        }
    }

    public var description: String {
        "\(path): 文件错误: \(message)" + (hint.isEmpty ? "" : "（\(hint)）")
    }
}
