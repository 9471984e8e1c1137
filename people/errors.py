class ServiceError(Exception):
    """A state change a service refuses, with a message for the member (translatable) and
    the HTTP status that fits it. Every app's refusals derive from this, so the API turns
    them into ``{"detail": message}`` in one place (``cms.api.exception_handler``)."""

    status_code = 400

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message
