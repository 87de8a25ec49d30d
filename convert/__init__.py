"""Accessible publication converter: one document model, pluggable writers."""

from convert.pipeline import Conversion, convert
from convert.readers import read
from convert.writers import get_writer

__all__ = ["Conversion", "convert", "get_writer", "read"]
