import FuzzDriver

FuzzDriver.run { bytes in ConfigurationFuzzer.run(Array(bytes)) }
