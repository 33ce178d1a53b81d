/// The two loops over a row of weights that classifying and training spend their time in, eight classes at a time in
/// SIMD lanes.
///
/// Each lane does the operations of the plain one-class-at-a-time loop in the same order (a multiply, then an add;
/// no fused multiply-add), so the results are the same to the bit. The compiler does not vectorise the plain loops
/// itself, as it cannot rule out that the row and the sums overlap.
enum RowArithmetic {
    /// `sums[c] += value * row[c]` for every class `c`.
    @inline(__always)
    static func accumulate(_ row: UnsafePointer<Float>, times value: Float, into sums: UnsafeMutablePointer<Float>, classes: Int) {
        let rowBytes = UnsafeRawPointer(row)
        let sumBytes = UnsafeMutableRawPointer(sums)
        var column = 0
        while column + 8 <= classes {
            let offset = column * MemoryLayout<Float>.stride
            let weight = rowBytes.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let sum = sumBytes.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            sumBytes.storeBytes(of: sum + value * weight, toByteOffset: offset, as: SIMD8<Float>.self)
            column += 8
        }
        while column < classes {
            sums[column] += value * row[column]
            column += 1
        }
    }

    /// `row[c] = row[c] * decay - rate * gradients[c] * value` for every class `c`: one step of gradient descent
    /// with weight decay.
    @inline(__always)
    static func descend(
        _ row: UnsafeMutablePointer<Float>, decay: Float, rate: Float, gradients: UnsafePointer<Float>, value: Float, classes: Int
    ) {
        let rowBytes = UnsafeMutableRawPointer(row)
        let gradientBytes = UnsafeRawPointer(gradients)
        var column = 0
        while column + 8 <= classes {
            let offset = column * MemoryLayout<Float>.stride
            let weight = rowBytes.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let gradient = gradientBytes.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            rowBytes.storeBytes(of: weight * decay - rate * gradient * value, toByteOffset: offset, as: SIMD8<Float>.self)
            column += 8
        }
        while column < classes {
            row[column] = row[column] * decay - rate * gradients[column] * value
            column += 1
        }
    }
}
