// Placeholder: the Mail module is built in its own files.
