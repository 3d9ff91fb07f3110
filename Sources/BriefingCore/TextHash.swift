/// FNV-1a over UTF-8 bytes: a cheap, stable fingerprint of a text (not for security).
public enum TextHash {
    public static func of(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var copy = s
        copy.withUTF8 { bytes in
            for b in bytes {
                h ^= UInt64(b)
                h &*= 0x0000_0100_0000_01B3
            }
        }
        return h
    }
}
