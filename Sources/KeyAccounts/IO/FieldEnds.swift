/// Finds, 64 bytes at a time, the bytes a record splitter must stop at:
/// the delimiter, line feeds, carriage returns and quotes.
///
/// Why: the byte-by-byte loop took a branch per byte that went the other
/// way at almost every field end (29 a record in a typical export), about
/// four cycles per byte of input, the largest single cost of reading. A
/// bit mask per 64 bytes turns each field end into one count of trailing
/// zeros. Portable SIMD with wrapping arithmetic only: the compiler turns it
/// into a few vector instructions per 16 bytes on any target.
@safe
struct FieldEnds {
    private let delimiter: SIMD16<UInt8>
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The end of the valid bytes.
    private let end: Int
    /// The first byte of the window whose stops are in `pending`.
    private var window = 0
    /// Stops in the window not handed out yet, one bit per byte.
    private var pending: UInt64 = 0
    /// False once the next window would run past the bytes.
    private(set) var canScan = false

    init(bytes: UnsafeBufferPointer<UInt8>, end: Int, delimiter: UInt8) {
        precondition(end <= bytes.count)
        unsafe self.bytes = bytes
        self.end = end
        self.delimiter = SIMD16(repeating: delimiter)
    }

    /// Starts over at byte `position`: stops before it are never handed out.
    mutating func restart(at position: Int) {
        window = position
        canScan = position + 64 <= end
        pending = canScan ? stops(at: position) : 0
    }

    /// The next stop from where the scan is, or `nil` when it would have to
    /// look past the bytes (the caller then goes byte by byte).
    mutating func next() -> Int? {
        while pending == 0 {
            window += 64
            guard window + 64 <= end else {
                canScan = false
                return nil
            }
            pending = stops(at: window)
        }
        let offset = window + pending.trailingZeroBitCount
        pending &= pending &- 1
        return offset
    }

    /// One bit per byte of `start..<start + 64`, set at the stops.
    private func stops(at start: Int) -> UInt64 {
        var mask: UInt64 = 0
        for block in 0..<4 {
            let vector = unsafe UnsafeRawPointer(bytes.baseAddress! + start + block * 16)
                .loadUnaligned(as: SIMD16<UInt8>.self)
            let hits = Self.zeroLanes(vector ^ delimiter) | Self.zeroLanes(vector ^ SIMD16(repeating: Byte.newline))
                | Self.zeroLanes(vector ^ SIMD16(repeating: Byte.carriageReturn))
                | Self.zeroLanes(vector ^ SIMD16(repeating: Byte.quote))
            mask |= Self.highBits(hits) << UInt64(block * 16)
        }
        return mask
    }

    /// The line feeds in `bytes`, 16 bytes at a time (the reader's size
    /// estimate counts those of its first 4 MiB before anything else runs).
    static func lineFeedCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, offset = 0
        let lineFeeds = SIMD16<UInt8>(repeating: Byte.newline)
        while offset + 16 <= bytes.count {
            let vector = unsafe UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: SIMD16<UInt8>.self)
            count += highBits(zeroLanes(vector ^ lineFeeds)).nonzeroBitCount
            offset += 16
        }
        while offset < bytes.count {
            if unsafe bytes[offset] == Byte.newline { count += 1 }
            offset += 1
        }
        return count
    }

    /// 0x80 in each lane that is zero, below 0x80 in the others: for a byte
    /// x, x - 1 and ~x both have the top bit only when x is 0. (Comparison
    /// operators on SIMD vectors compile to a loop over the lanes here.)
    @inline(__always)
    private static func zeroLanes(_ vector: SIMD16<UInt8>) -> SIMD16<UInt8> {
        (vector &- 1) & ~vector
    }

    /// The top bit of each of the 16 lanes, lane 0 in bit 0.
    @inline(__always)
    private static func highBits(_ lanes: SIMD16<UInt8>) -> UInt64 {
        let halves = (unsafe unsafeBitCast(lanes, to: SIMD2<UInt64>.self) &>> 7) & SIMD2(repeating: 0x0101_0101_0101_0101)
        // The multiplication gathers the eight 0/1 bytes into the top byte,
        // byte i to bit 56 + i, without carries.
        let gathered = (halves &* SIMD2(repeating: 0x0102_0408_1020_4080)) &>> 56
        return gathered[0] | gathered[1] << 8
    }
}
