import Foundation
import Testing
@testable import KeyAccounts

/// The loops that run on every core must give the serial result, at sizes
/// large enough that they really split the work.
@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 5, 4_095, 200_001])
    func rankingEqualsTheComparisonSort(count: Int) {
        var random = TestRandom(seed: UInt64(count))
        // Few distinct keys (ties decided by `before`), both zeros, negative
        // and huge keys: every byte of the keys' bits takes part.
        let pool: [Double] = [0, -0.0, 1, -1, 0.5, -2.75, 1e300, -1e300, 0x1p-1030, 1234.5678, 1234.5679, 7]
        let keys = (0..<count).map { _ in pool[random.int(0...(pool.count - 1))] }
        let before: @Sendable (Int, Int) -> Bool = { $0 % 3 != $1 % 3 ? $0 % 3 < $1 % 3 : $0 > $1 }
        let ranked = descendingKeys(count: count, key: { keys[$0] }, before: before)
        let expected = (0..<count).sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : before($0, $1) }
        let firstDifference = expected.indices.first { ranked[$0].index != expected[$0] || ranked[$0].key != keys[expected[$0]] }
        #expect(ranked.count == count && firstDifference == nil)
    }

    /// Many distinct keys over many magnitudes: every byte pass runs, each
    /// on every core with its own slice's counts.
    @Test func rankingOfDistinctKeysEqualsTheComparisonSort() {
        var random = TestRandom(seed: 99)
        let keys = (0..<300_001).map { _ in
            Double(random.int(0...1_000_000_000)) * pow(10, Double(random.int(-12...12))) * (random.int(0...3) == 0 ? -1 : 1)
        }
        let ranked = descendingKeys(count: keys.count, key: { keys[$0] }) { $0 < $1 }
        let expected = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
        #expect(ranked.map(\.index) == expected)
    }

    /// Keys that differ in one byte only: a single pass, which leaves the
    /// sorted keys in the scratch array (an odd number of passes).
    @Test func rankingAfterOnePassEqualsTheComparisonSort() {
        var random = TestRandom(seed: 8)
        let keys = (0..<50_000).map { _ in Double(bitPattern: 0x4090_0000_0000_0000 | UInt64(random.int(0...255)) << 16) }
        let ranked = descendingKeys(count: keys.count, key: { keys[$0] }) { $0 < $1 }
        let expected = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
        #expect(ranked.map(\.index) == expected)
    }

    @Test func descendingOrderBreaksTiesWithBefore() {
        let keys = (0..<100_000).map { Double($0 % 7) }
        let order = descendingOrder(count: keys.count, key: { keys[$0] }) { $0 > $1 }
        #expect(order.count == keys.count)
        #expect(Set(order).count == keys.count)
        #expect(order.first == 99_994)  // key 6 (99_994 = 7 x 14_284 + 6), largest index first
        for (previous, next) in zip(order, order.dropFirst()) {
            #expect(keys[previous] > keys[next] || (keys[previous] == keys[next] && previous > next))
        }
    }

    @Test(arguments: [0, 3, 4_096, 100_003])
    func parallelArrayFillsEveryIndexInOrder(count: Int) {
        let squares = parallelArray(count: count) { "\($0 * $0)" }
        #expect(squares == (0..<count).map { "\($0 * $0)" })
    }
}
