from django.conf import settings
from django.utils import translation


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
