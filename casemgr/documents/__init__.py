"""Generation of the office's documents (行政复议决定书 and procedural notices) as .docx files."""
