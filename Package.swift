// swift-tools-version:6.0
import PackageDescription

// No package dependencies: the toolchain's modules and the operating system's C libraries only.
// Imports point down this list; `.ci/check-imports` verifies every first-party `import` is declared here.
let package = Package(
    name: "EnrollmentConsole",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "enrollment-console", targets: ["EnrollmentConsole"]),
        .executable(name: "EnrollmentBench", targets: ["EnrollmentBench"]),
    ],
    targets: [
        .target(name: "CSystemShims", linkerSettings: [.linkedLibrary("crypt")]),
        .target(name: "HTTPWire"),
        .target(name: "HTTPServer", dependencies: ["HTTPWire", "CSystemShims"]),
        .target(name: "Templating"),
        .target(name: "Web", dependencies: ["HTTPWire", "Templating"]),
        .target(name: "Storage", dependencies: ["CSystemShims"]),
        .target(name: "Enrollment", dependencies: ["Storage"]),
        .target(name: "Mail"),
        .target(
            name: "ConsoleApp",
            dependencies: [
                "HTTPWire", "HTTPServer", "Templating", "Web", "Storage", "Enrollment", "Mail", "CSystemShims",
            ]
        ),
        .executableTarget(name: "EnrollmentConsole", dependencies: ["ConsoleApp"]),
        .executableTarget(
            name: "EnrollmentBench",
            dependencies: ["ConsoleApp", "Enrollment", "Storage", "HTTPWire", "HTTPServer", "Templating", "Web"]
        ),
        // Helpers every test target may use (a seeded generator, temporary folders); no code of ours.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HTTPWireTests", dependencies: ["HTTPWire", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPWire"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "WebTests", dependencies: ["Web", "HTTPWire", "Templating", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(
            name: "EnrollmentTests", dependencies: ["Enrollment", "Storage", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ConsoleAppTests",
            dependencies: ["ConsoleApp", "HTTPWire", "HTTPServer", "Web", "Enrollment", "Storage", "Templating"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
