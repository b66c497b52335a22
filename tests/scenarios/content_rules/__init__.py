"""The course-wide content gates: key balance, stem similarity, readability, alignment, headline framing,
text about the world, notebook hygiene."""
