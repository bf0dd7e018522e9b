print("enrollment-console: not yet wired")
