"""The program as plain objects: load and validate content/ (no Streamlit here)."""

from modules.curriculum.loader import ContentProblem, LoadResult, load_program

__all__ = ["ContentProblem", "LoadResult", "load_program"]
