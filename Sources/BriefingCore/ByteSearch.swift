/// Substring tests on UTF-8 bytes. `String.contains(String)` resolves to Foundation's
/// `range(of:)` wherever Foundation is imported, which compares by grapheme clusters through
/// CFString: exact but about a hundred times slower, and the scans of every text run of
/// every body call it. Comparing bytes is exact for the literal needles used here.
extension StringProtocol {
    /// Whether the UTF-8 bytes of `needle` occur in these bytes.
    @inlinable public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            guard let first = n.first else { return true }
            let found = utf8.withContiguousStorageIfAvailable { h in ByteSearch.find(n, in: h, first: first) }
            return found ?? ByteSearch.find(n, in: Array(utf8), first: first)
        }
    }
}

public enum ByteSearch {
    @inlinable static func find<C: RandomAccessCollection<UInt8>>(_ n: UnsafeBufferPointer<UInt8>, in h: C, first: UInt8) -> Bool
        where C.Index == Int {
        guard n.count <= h.count else { return false }
        var i = h.startIndex
        let last = h.endIndex - n.count
        while i <= last {
            if h[i] == first {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
