import FuzzDriver
import Foundation

FuzzDriver.run { bytes in MatrixSyncFuzzer.run(Data(bytes)) }
