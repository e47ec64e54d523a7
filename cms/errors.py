"""Error pages that work when the database does not."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    """handler500: a lost database connection is an outage, not a bug: say 503 and "try again".

    Both pages are rendered without a database query (they do not extend base.html), in the
    language of the URL the visitor asked for, and never show a traceback.
    """
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
            response = HttpResponseServerError(render_to_string("503.html", request=None), status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        return HttpResponseServerError(render_to_string("500.html", request=None))
