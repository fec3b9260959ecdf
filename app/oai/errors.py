"""The protocol's own errors: answered with HTTP 200 and an <error code="..."> element."""


class OaiError(Exception):
    """An OAI-PMH error: its code (badArgument, badVerb...) and a message for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
