"""What every write endpoint does with its input: validate it with a request serializer (400 with
the field's Vietnamese message), then hand the values to a service."""


class ServiceInputMixin:
    def _input(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer

    def _validated(self, serializer_class, **kwargs) -> dict:
        return self._input(serializer_class, **kwargs).validated_data
