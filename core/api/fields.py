"""Serializer fields the apps share."""

from rest_framework import serializers

from core.text import clean_text


class CleanTextField(serializers.CharField):
    """A text field that drops the invisible characters pasted text carries (core.text.clean_text),
    as the page's form fields do, before DRF looks at the text: a NUL is removed instead of being
    refused, and a text of nothing but zero-width spaces is blank. It cleans in run_validation, not in
    to_internal_value, because CharField's blank check runs first and must see the cleaned text."""

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str):
            data = clean_text(data)
        return super().run_validation(data)
