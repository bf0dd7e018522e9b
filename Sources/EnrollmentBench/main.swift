print("EnrollmentBench: not yet wired")
