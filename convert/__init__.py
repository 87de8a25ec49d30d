"""Accessible publication converter: one document model, pluggable writers."""
