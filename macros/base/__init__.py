"""Shared helpers below every other layer: words and escaping (text), addresses (urls), example ids (ids) and problems."""
