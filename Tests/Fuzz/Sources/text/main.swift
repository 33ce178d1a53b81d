import FuzzDriver

_ = TextFuzzer.redactor  // trains the classifier once, before the first input is timed
FuzzDriver.run { bytes in TextFuzzer.run(Array(bytes)) }
