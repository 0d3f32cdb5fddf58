from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from dangvu.core.params import BadParameter


class ChosenLanguageMiddleware:
    """Vietnamese unless the user chose English with the language switcher (a cookie).

    Django's LocaleMiddleware would also follow the browser's Accept-Language, and many browsers
    in Vietnam are set to English: officers would get English menus beside Vietnamese rules.
    API clients (no cookie) get Vietnamese too, so labels in API answers are stable.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class BadParameterMiddleware:
    """A page asked with an invalid query parameter answers 400 with the Vietnamese messages of
    `dangvu.core.params.BadParameter` (the API answers its own 400, dangvu.api.errors): never 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return render(request, "400.html", {"errors": list(exception.errors.values())}, status=400)
        return None
