// The daemon's memory floor: a program that loads and starts the libraries `huabei-daemon` runs on (Foundation,
// libcurl with its TLS libraries, SQLite in WAL mode) and does nothing else, then prints its peak RSS. Built and
// run by `run.sh` next to this file.
import Foundation

@_silgen_name("curl_global_init") func curl_global_init(_ flags: Int) -> Int32
@_silgen_name("curl_easy_init") func curl_easy_init() -> OpaquePointer?
@_silgen_name("sqlite3_open") func sqlite3_open(_ path: UnsafePointer<CChar>, _ db: UnsafeMutablePointer<OpaquePointer?>) -> Int32
@_silgen_name("sqlite3_exec")
func sqlite3_exec(_ db: OpaquePointer?, _ sql: UnsafePointer<CChar>, _ callback: OpaquePointer?, _ argument: OpaquePointer?, _ error: OpaquePointer?) -> Int32

struct Sample: Codable {
    var id: Int
    var text: String
}

let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory()
_ = curl_global_init(3)  // CURL_GLOBAL_ALL, as the daemon's HTTP client does
_ = curl_easy_init()
var database: OpaquePointer?
_ = sqlite3_open(directory + "/floor.sqlite", &database)
_ = sqlite3_exec(database, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS t (a); INSERT INTO t VALUES (1);", nil, nil, nil)
let encoded = try JSONEncoder().encode(Sample(id: 1, text: "花呗"))
_ = try JSONDecoder().decode(Sample.self, from: encoded)
_ = URL(string: "http://127.0.0.1:8080/bot1:token/getUpdates")
_ = Date().description

let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
for line in status.split(separator: "\n") where ["VmHWM", "RssAnon", "RssFile"].contains(where: line.hasPrefix) {
    print(line.replacingOccurrences(of: "\t", with: " "))
}
