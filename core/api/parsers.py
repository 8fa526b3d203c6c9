"""The API's JSON parser: DRF's, with a body nested too deeply for Python's parser answered as
the malformed JSON it is (a 400), not a `RecursionError` (a 500)."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.") from None
