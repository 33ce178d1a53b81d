import FuzzDriver
import Foundation

FuzzDriver.run { bytes in BotAPIAnswerFuzzer.run(Data(bytes)) }
