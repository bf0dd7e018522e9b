// Placeholder: the ConsoleApp module is built in its own files.
