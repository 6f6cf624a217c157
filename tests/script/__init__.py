"""Tests of the repository's own tooling in script/."""
