"""Sources that are not plain text: a file format's bytes in, text in the shape the readers read out."""
