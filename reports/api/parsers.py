"""The API's multipart parser: Django's, with two refusals made into clear 400 answers.

- A file dropped for its name (nothing once the folders are gone, `.` or `..`, see reports.uploads) is
  refused with `{"attachments": ["文件名无效：…"]}`, as a file of the wrong type is.
- A request Django refuses while reading it (more files than DATA_UPLOAD_MAX_NUMBER_FILES, more fields,
  too much text) answers `{"detail": ...}` in Chinese; otherwise it would miss the API's JSON answers.
"""

from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

from reports.uploads import REQUEST_REFUSALS, NameNotingMultiPartParser, request_refused_message
from reports.validation import invalid_name_message


class UploadParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        """DRF's MultiPartParser.parse, with NameNotingMultiPartParser and the refusals above."""
        request = parser_context["request"]
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        encoding = parsers.get_encoding(parser_context)
        try:
            parser = NameNotingMultiPartParser(meta, stream, request.upload_handlers, encoding)
            data, files = parser.parse()
        except MultiPartParserError as exc:
            raise ParseError(_("无法解析提交的表单：%(error)s") % {"error": exc}) from exc
        except REQUEST_REFUSALS as exc:
            raise ParseError(request_refused_message(exc)) from exc
        if parser.refused_names:
            raise ValidationError({"attachments": [invalid_name_message(n) for n in parser.refused_names]})
        return parsers.DataAndFiles(data, files)
