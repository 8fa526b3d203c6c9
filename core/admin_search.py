"""The desk's search box, word by word as Django's admin reads it."""

from django.utils.text import smart_split, unescape_string_literal


def search_words(search_term: str) -> list[str]:
    """The words of a search, a quoted phrase as one, as `ModelAdmin.get_search_results` splits
    them: an admin that matches its own way still reads the box the same way."""
    words = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        words.append(bit)
    return words
