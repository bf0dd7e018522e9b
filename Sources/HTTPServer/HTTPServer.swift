// Placeholder: the HTTPServer module is built in its own files.
