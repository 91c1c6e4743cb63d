/// The Pareto class of a client by its turnover (SPEC.md section 3).
public enum ABCClass: String, CaseIterable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    case a = "A", b = "B", c = "C"

    public var description: String { rawValue }
    public static func < (lhs: ABCClass, rhs: ABCClass) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where one client stands in the turnover ranking.
public struct ABCPosition: Hashable, Sendable {
    public var abcClass: ABCClass
    /// Beside the class in one word: a million positions are held while tiers.csv is written.
    private var storedRank: Int32
    /// 1 = largest turnover; ties broken by account_id ascending.
    public var rank: Int {
        get { Int(storedRank) }
        set { storedRank = Int32(newValue) }
    }
    /// The client's turnover over the total.
    public var share: Double
    /// Turnover of all clients ranked strictly above, over the total: the
    /// figure the class is decided on.
    public var shareBefore: Double
    /// `shareBefore + share`: the cumulative share including this client.
    public var cumulativeShare: Double

    public init(abcClass: ABCClass, rank: Int, share: Double, shareBefore: Double, cumulativeShare: Double) {
        self.abcClass = abcClass
        self.storedRank = Int32(rank)
        self.share = share
        self.shareBefore = shareBefore
        self.cumulativeShare = cumulativeShare
    }
}

public enum ABCAnalysis {
    /// Classifies every account.
    ///
    /// A client is A when the turnover ranked strictly above it is below
    /// `cutoffs.a` of the total, else B when below `cutoffs.b`, else C; a
    /// client with zero turnover is always C. The running sum is taken in
    /// rank order, and the total is that sum's last value, so the
    /// comparison uses the very additions a spreadsheet would.
    ///
    /// - Returns: one position per account, in the order of `accounts`.
    /// - Complexity: O(n log n).
    public static func classify(_ accounts: [Account], cutoffs: ABCCutoffs) -> [ABCPosition] {
        // The ranking carries each turnover, so both passes below read it in
        // rank order instead of jumping through a million accounts.
        let ranked = rankedTurnovers(accounts)
        // The running sum where each core's part of the ranking begins, then
        // the total: the same additions in the same order as one pass, so
        // the parts can be classified on every core with identical results.
        let workers = parallelWorkers(for: ranked.count)
        let bounds = (0...workers).map { $0 * ranked.count / workers }
        var startingSums: [Double] = []
        var total = 0.0
        for worker in 0..<workers {
            startingSums.append(total)
            for rank in bounds[worker]..<bounds[worker + 1] { total += ranked[rank].key }
        }
        // Every slot is written once (the ranking is a permutation), so the
        // array is not filled with placeholders first.
        return unsafe [ABCPosition](unsafeUninitializedCapacity: accounts.count) { positions, initialized in
            let shared = unsafe SharedBuffer(positions)
            _ = parallelMap(eachOf: Array(0..<workers)) { [total, startingSums] worker in
                unsafe fill(shared, ranked: ranked, ranks: bounds[worker]..<bounds[worker + 1],
                            running: startingSums[worker], total: total, cutoffs: cutoffs)
            }
            initialized = accounts.count
        }
    }

    /// Classifies the clients at `ranks`, `running` being the turnover ranked above the first.
    private static func fill(_ positions: SharedBuffer<ABCPosition>, ranked: [RankedKey], ranks: Range<Int>,
                             running: Double, total: Double, cutoffs: ABCCutoffs) {
        var running = running
        for rank in ranks {
            let entry = ranked[rank]
            let turnover = entry.key, before = running
            running += turnover
            let abcClass: ABCClass
            if turnover <= 0 || total <= 0 {
                abcClass = .c
            } else if before < cutoffs.a * total {
                abcClass = .a
            } else if before < cutoffs.b * total {
                abcClass = .b
            } else {
                abcClass = .c
            }
            let share = total > 0 ? turnover / total : 0
            let shareBefore = total > 0 ? before / total : 0
            unsafe positions.initialize(entry.index, to: ABCPosition(
                abcClass: abcClass, rank: rank + 1, share: share, shareBefore: shareBefore,
                cumulativeShare: total > 0 ? (before + turnover) / total : 0))
        }
    }

    /// Turnovers in rank order (descending, ties by account_id ascending), with the account's index.
    static func rankedTurnovers(_ accounts: [Account]) -> [RankedKey] {
        descendingKeys(count: accounts.count, key: { accounts[$0].turnover }) { accounts[$0].id < accounts[$1].id }
    }

    /// Indices of `accounts` by turnover descending, ties by account_id ascending.
    public static func rankOrder(_ accounts: [Account]) -> [Int] {
        rankedTurnovers(accounts).map(\.index)
    }
}

/// Indices `0..<count` by `key` descending, equal keys by `before` (true
/// when the first index goes first): the order of both rankings of the tier rule.
///
/// Sorts (key, index) pairs rather than indices with a comparator that looks
/// the keys up: at a million clients the lookups, not the comparisons, were
/// most of the time. Ties are rare, so `before` may look up what it needs.
func descendingOrder(count: Int, key: @Sendable (Int) -> Double, before: @Sendable (Int, Int) -> Bool) -> [Int] {
    descendingKeys(count: count, key: key, before: before).map { $0.index }
}

/// One entry of a ranking: the key ranked on and the index it belongs to.
struct RankedKey {
    var key: Double
    private var storedIndex: Int32
    var index: Int { Int(storedIndex) }

    init(key: Double, index: Int) {
        self.key = key
        self.storedIndex = Int32(index)
    }
}

/// `descendingOrder` with the keys: the entries in ranking order.
///
/// A radix sort on the keys' bits (eight passes of one byte, those where
/// every key has the same byte skipped), then a comparison sort inside each
/// run of equal keys only: at a million clients the comparison sort of the
/// whole ranking was most of the tier stage. Equal keys compare as `==`
/// does (-0 and +0 are one key), so the order is the one a comparison sort
/// by (key descending, `before`) gives.
func descendingKeys(count: Int, key: @Sendable (Int) -> Double, before: @Sendable (Int, Int) -> Bool) -> [RankedKey] {
    var entries = parallelArray(count: count) { RankedKey(key: key($0), index: $0) }
    radixSortDescending(&entries)
    // Runs of equal keys put in order by `before`, on every core: each core
    // takes the runs that start in its part of the ranking (a part's first
    // run may have begun in the part before, and belongs to that one).
    let workers = parallelWorkers(for: count)
    let bounds = (0...workers).map { $0 * count / workers }
    unsafe entries.withUnsafeMutableBufferPointer { buffer in
        let shared = unsafe SharedBuffer(buffer)
        _ = parallelMap(eachOf: Array(0..<workers)) { worker in
            let entries = unsafe shared.buffer
            var runStart = bounds[worker]
            while unsafe runStart > 0 && runStart < count && entries[runStart].key == entries[runStart - 1].key {
                runStart += 1
            }
            while runStart < bounds[worker + 1] {
                var runEnd = runStart + 1
                while unsafe runEnd < count && entries[runEnd].key == entries[runStart].key { runEnd += 1 }
                if runEnd - runStart > 1 {
                    var run = unsafe UnsafeMutableBufferPointer(rebasing: entries[runStart..<runEnd])
                    unsafe run.sort { before($0.index, $1.index) }
                }
                runStart = runEnd
            }
        }
    }
    return entries
}

/// Sorts `entries` by key descending (stable: equal keys keep their order).
///
/// Least significant byte first; each pass on every core: each core counts
/// the bytes of its slice, and places its slice's entries after those of
/// the slices before it in every bucket, so the passes stay stable and the
/// order is the same on any number of cores.
private func radixSortDescending(_ entries: inout [RankedKey]) {
    let count = entries.count
    guard count > 1 else { return }
    // Bits that order as the keys do, inverted for descending order: a
    // negative key has all bits flipped, a positive one its sign bit set.
    @Sendable func descendingBits(_ key: Double) -> UInt64 {
        let bits = (key + 0.0).bitPattern  // -0 + 0 is +0
        return ~(bits >> 63 == 1 ? ~bits : bits | (1 << 63))
    }
    let workers = parallelWorkers(for: count)
    let bounds = (0...workers).map { $0 * count / workers }
    // Every slot of the scratch array is written by the first pass.
    var scratch = unsafe [RankedKey](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    var sortedInScratch = false
    unsafe entries.withUnsafeMutableBufferPointer { entriesBuffer in
        unsafe scratch.withUnsafeMutableBufferPointer { scratchBuffer in
            var source = unsafe SharedBuffer(entriesBuffer), target = unsafe SharedBuffer(scratchBuffer)
            // The byte totals of every digit, to skip the bytes all keys share.
            let unsorted = unsafe source
            let totals = parallelMap(eachOf: Array(0..<workers)) { worker in
                var histogram = [Int](repeating: 0, count: 8 * 256)
                for index in bounds[worker]..<bounds[worker + 1] {
                    let bits = descendingBits(unsafe unsorted.buffer[index].key)
                    for digit in 0..<8 { histogram[digit * 256 + Int((bits >> (digit * 8)) & 0xFF)] += 1 }
                }
                return histogram
            }.reduce(into: [Int](repeating: 0, count: 8 * 256)) { sum, part in
                for bucket in sum.indices { sum[bucket] += part[bucket] }
            }
            var inTarget = false
            for digit in 0..<8 where !totals[digit * 256..<(digit + 1) * 256].contains(count) {
                // Each slice's counts of this byte, in the order the last pass left the entries.
                let (from, to) = unsafe (source, target)
                let counts = parallelMap(eachOf: Array(0..<workers)) { worker in
                    var histogram = [Int](repeating: 0, count: 256)
                    for index in bounds[worker]..<bounds[worker + 1] {
                        histogram[Int((descendingBits(unsafe from.buffer[index].key) >> (digit * 8)) & 0xFF)] += 1
                    }
                    return histogram
                }
                // starts[worker][byte]: where the slice's first entry with that byte goes.
                var starts = [[Int]](repeating: [Int](repeating: 0, count: 256), count: workers)
                var running = 0
                for bucket in 0..<256 {
                    for worker in 0..<workers {
                        starts[worker][bucket] = running
                        running += counts[worker][bucket]
                    }
                }
                let firstSlots = starts
                _ = parallelMap(eachOf: Array(0..<workers)) { worker in
                    var next = firstSlots[worker]
                    for index in bounds[worker]..<bounds[worker + 1] {
                        let entry = unsafe from.buffer[index]
                        let bucket = Int((descendingBits(entry.key) >> (digit * 8)) & 0xFF)
                        unsafe to.buffer[next[bucket]] = entry
                        next[bucket] += 1
                    }
                }
                unsafe swap(&source, &target)
                inTarget.toggle()
            }
            sortedInScratch = inTarget
        }
    }
    // After an odd number of passes the sorted keys are in the scratch array.
    if sortedInScratch { swap(&entries, &scratch) }
}
