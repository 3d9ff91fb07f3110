/// Why an import stopped, in Chinese, with the exit code the command returns:
/// 2 for input the user has to fix, 3 for an I/O error writing the output (DESIGN §4).
public struct ImportFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    static func input(_ message: String) -> ImportFailure { ImportFailure(message, exitCode: 2) }
    static func io(_ message: String) -> ImportFailure { ImportFailure(message, exitCode: 3) }
}
