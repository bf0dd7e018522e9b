// Placeholder: the Storage module is built in its own files.
