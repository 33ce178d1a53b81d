import FuzzDriver

FuzzDriver.run { bytes in IntentFileFuzzer.run(Array(bytes)) }
