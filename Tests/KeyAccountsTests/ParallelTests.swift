import Testing
@testable import KeyAccounts

/// The loops that run on every core must give the serial result, at sizes
/// large enough that they really split the work.
@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 5, 4_095, 65_535, 65_536, 200_001])
    func parallelSortEqualsTheSerialSort(count: Int) {
        var random = TestRandom(seed: UInt64(count))
        // Few distinct keys, so the tie-breaking index decides often.
        let items = (0..<count).map { (key: random.int(0...50), index: $0) }
        let order: @Sendable ((key: Int, index: Int), (key: Int, index: Int)) -> Bool = {
            $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index
        }
        var sorted = items
        parallelSort(&sorted, by: order)
        let expected = items.sorted(by: order)
        #expect(sorted.map(\.index) == expected.map(\.index))
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
