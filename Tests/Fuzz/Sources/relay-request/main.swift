import FuzzDriver

FuzzDriver.run { bytes in RelayRequestFuzzer.run(Array(bytes)) }
