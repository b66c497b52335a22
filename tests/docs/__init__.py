"""Documentation that must say exactly what the code does (each test module named after its page in docs/)."""
