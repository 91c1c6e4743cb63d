import CSV
import Foundation
let path = CommandLine.arguments[1]
let start = Date()
let stream = InputStream(fileAtPath: path)!
let reader = try CSVReader(stream: stream, hasHeaderRow: true)
var rows = 0
var fields = 0
while let row = reader.next() { rows += 1; fields += row.count }
print("CSV.swift: \(rows) rows, \(fields) fields in \(Date().timeIntervalSince(start)) s")
