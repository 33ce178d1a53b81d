/// The n-grams seen in training, each with a dense index: an open-addressing hash table from feature hash
/// to index. Lookups of unseen n-grams at classification time return nil and are ignored.
///
/// A key and its index share one slot, so a lookup (a random place in a table of a megabyte or two, for every
/// n-gram of every message) touches one cache line, not one in a key array and another in an index array.
struct FeatureVocabulary: Sendable {
    private struct Slot {
        var key: UInt64
        /// The feature's index; -1 for an empty slot.
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 1_024) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: capacity)
        mask = capacity - 1
    }

    /// The index of `hash`, adding it when new.
    mutating func index(inserting hash: UInt64) -> Int {
        if let existing = index(of: hash) { return existing }
        if (count + 1) * 2 > slots.count { grow() }
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
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry.value < 0 || entry.key == hash { return entry.value }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func insert(_ hash: UInt64, index: Int32) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].value >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(key: hash, value: index)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.value >= 0 {
            insert(entry.key, index: entry.value)
        }
    }
}
