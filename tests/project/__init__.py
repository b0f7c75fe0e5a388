"""The project as a whole: layers, imports, docs, examples, notebook, the suite itself, fuzzing."""
