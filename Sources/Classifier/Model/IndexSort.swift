/// An in-place ascending sort of feature indices, for the few dozen to few thousand of one message: quicksort
/// with a median-of-three pivot, insertion sort for short ranges. Integers have no identity beyond their value, so
/// the result is the same as the standard library's sort, without its generic, stable machinery.
enum IndexSort {
    static func sort(_ buffer: UnsafeMutableBufferPointer<Int32>) {
        guard buffer.count > 1 else { return }
        sort(buffer, 0, buffer.count - 1)
    }

    private static func sort(_ a: UnsafeMutableBufferPointer<Int32>, _ low: Int, _ high: Int) {
        var low = low
        var high = high
        while high - low > 16 {
            let middle = low + (high - low) / 2
            if a[middle] < a[low] { a.swapAt(middle, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[middle] { a.swapAt(high, middle) }
            let pivot = a[middle]
            var i = low
            var j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
            if j - low < high - i {
                if low < j { sort(a, low, j) }
                low = i
            } else {
                if i < high { sort(a, i, high) }
                high = j
            }
        }
        insertionSort(a, low, high)
    }

    private static func insertionSort(_ a: UnsafeMutableBufferPointer<Int32>, _ low: Int, _ high: Int) {
        guard low < high else { return }
        for index in (low + 1)...high {
            let value = a[index]
            var position = index
            while position > low, a[position - 1] > value {
                a[position] = a[position - 1]
                position -= 1
            }
            a[position] = value
        }
    }
}
