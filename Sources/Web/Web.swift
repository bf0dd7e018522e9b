// Placeholder: the Web module is built in its own files.
