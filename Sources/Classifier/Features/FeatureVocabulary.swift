/// The n-grams seen in training, each with a dense index: an open-addressing hash table from feature hash
/// to index. Lookups of unseen n-grams at classification time return nil and are ignored.
struct FeatureVocabulary: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 1_024) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// The index of `hash`, adding it when new.
    mutating func index(inserting hash: UInt64) -> Int {
        if let existing = index(of: hash) { return existing }
        if (count + 1) * 2 > keys.count { grow() }
        let index = count
        insert(hash, index: Int32(index))
        count += 1
        return index
    }

    /// The index of `hash`, or nil when training never saw it.
    func index(of hash: UInt64) -> Int? {
        let index = rawIndex(of: hash)
        return index < 0 ? nil : Int(index)
    }

    /// The index of `hash`, or -1 when training never saw it.
    @inline(__always)
    func rawIndex(of hash: UInt64) -> Int32 {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let value = values[slot]
                    if value < 0 || keys[slot] == hash { return value }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func insert(_ hash: UInt64, index: Int32) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while values[slot] >= 0 { slot = (slot + 1) & mask }
        keys[slot] = hash
        values[slot] = index
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for slot in oldKeys.indices where oldValues[slot] >= 0 {
            insert(oldKeys[slot], index: oldValues[slot])
        }
    }
}
