import FuzzDriver

FuzzDriver.run { bytes in TurnLogLineFuzzer.run(bytes) }
