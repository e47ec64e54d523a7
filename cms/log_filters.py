"""Keep personal data out of the logs: log a member's id, never their email address."""

import logging
import re

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
REDACTED = "[email address removed]"


class RedactEmailAddresses(logging.Filter):
    """Rewrite each record's message and traceback with email addresses replaced.

    Database errors quote the row that failed ("Key (email)=(...) already exists") and library
    code logs addresses it could not deliver to; the logs are kept longer and seen by more people
    than the database, so the addresses never reach them.
    """

    def filter(self, record):
        message = record.getMessage()
        if EMAIL_ADDRESS.search(message):
            record.msg, record.args = EMAIL_ADDRESS.sub(REDACTED, message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = EMAIL_ADDRESS.sub(REDACTED, record.exc_text)
        return True
