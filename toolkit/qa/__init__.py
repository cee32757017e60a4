"""Translator QA."""
