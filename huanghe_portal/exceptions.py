class TransitionNotAllowed(Exception):
    """A workflow step that the record's current state (or a missing prerequisite) forbids.

    Answered as 409 by the API and as an error message on the HTML side.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PrerequisiteMissing(TransitionNotAllowed):
    """A step whose prerequisite (such as a concluded legality review) is missing."""
