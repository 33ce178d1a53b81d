import Testing
@testable import Classifier

@Suite("DocumentMatrix")
struct DocumentMatrixTests {
    @Test("rows are stored sorted and distinct, and weigh exactly like a SparseVector")
    func rowsMatchSparseVectors() {
        let rows: [[Int32]] = [[3, 1, 3, 0, 3], [2], [4, 0, 4, 1], []]
        let idf: [Float] = [1.5, 1.2, 2.0, 1.1, 1.9]
        var matrix = DocumentMatrix()
        for (label, row) in rows.enumerated() {
            var features = row
            matrix.append(features: &features, label: label)
        }
        #expect(matrix.rowCount == 4)
        #expect(matrix.offsets == [0, 3, 4, 7, 7])
        #expect(matrix.indices == [0, 1, 3, 2, 0, 1, 4])
        #expect(matrix.labels == [0, 1, 2, 3])
        #expect(matrix.documentFrequencies(featureCount: 5) == [2, 2, 1, 1, 1])
        matrix.weigh(by: idf)
        for (row, features) in rows.enumerated() {
            let vector = SparseVector(featureIndices: features, idf: idf)
            let range = Int(matrix.offsets[row])..<Int(matrix.offsets[row + 1])
            #expect(Array(matrix.indices[range]) == vector.indices)
            #expect(Array(matrix.values[range]) == vector.values)
        }
    }

    @Test("weighing gives back the capacity the arrays grew into")
    func fitted() {
        var matrix = DocumentMatrix()
        for row in 0..<1_000 {
            var features = (0..<Int32(row % 37 + 1)).map { $0 * 3 }
            matrix.append(features: &features, label: row % 4)
        }
        matrix.weigh(by: [Float](repeating: 1, count: 200))
        #expect(matrix.indices.capacity <= matrix.indices.count + matrix.indices.count / 8)
        #expect(matrix.values.capacity <= matrix.values.count + matrix.values.count / 8)
    }
}
