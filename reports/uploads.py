"""Reading evidence files from a request without losing one silently or failing without a word.

- Django's multipart parser drops, without a word, a file whose name is nothing once the folders are
  taken away, `.` or `..`: the save then succeeds without the file, and the user believes it is
  attached. The parser here drops it too but notes its name, so that the page and the API refuse the
  upload with reports.validation's message instead.
- Django refuses a request with more files than DATA_UPLOAD_MAX_NUMBER_FILES (or more fields, or too
  much text) while reading it; request_refused_message says why, in Chinese, for the page and the API.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

REQUEST_REFUSALS = (TooManyFilesSent, TooManyFieldsSent, RequestDataTooBig)


def request_refused_message(exc: Exception) -> str:
    """Why Django refused to read a request (one of REQUEST_REFUSALS)."""
    if isinstance(exc, TooManyFilesSent):
        return _("一次最多提交 %(n)s 个文件，请分批上传。") % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    if isinstance(exc, TooManyFieldsSent):
        return _("一次最多提交 %(n)s 个字段。") % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    return _("提交的文字内容超过上限，请精简后重试。")


class NameNotingMultiPartParser(MultiPartParser):
    """Django's parser, keeping the names of the files it drops in `refused_names`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_names: list[str] = []

    def sanitize_file_name(self, file_name):
        sanitized = super().sanitize_file_name(file_name)
        if sanitized is None:
            self.refused_names.append(file_name)
        return sanitized


class NameNotingUploadHandler(FileUploadHandler):
    """Parses the whole request with NameNotingMultiPartParser and the request's other upload handlers,
    and leaves the dropped names on `request.refused_file_names`."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        others = [handler for handler in self.request.upload_handlers if handler is not self]
        parser = NameNotingMultiPartParser(META, input_data, others, encoding)
        result = parser.parse()
        self.request.refused_file_names = parser.refused_names
        return result

    def receive_data_chunk(self, raw_data, start):  # never reached: handle_raw_input parses it all
        return raw_data

    def file_complete(self, file_size):
        return None


def takes_uploads(view):
    """For a page that takes files. Its request is parsed by NameNotingUploadHandler, and
    `request.refused_file_names` lists the files that were dropped for their names. A request Django
    refuses to read (too many files at once) gets a 400 page that says why and leads back to the form.

    An upload handler must be in place before anything reads the body, the CSRF check included; hence
    Django's documented pattern: the outer view is exempt, the inner one does the CSRF check. The 400
    page changes nothing, so it needs no CSRF check."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.refused_file_names = []
        request.upload_handlers.insert(0, NameNotingUploadHandler(request))
        try:
            return protected(request, *args, **kwargs)
        except REQUEST_REFUSALS as exc:
            context = {"message": request_refused_message(exc), "back": request.path}
            return render(request, "reports/upload_refused.html", context, status=400)

    return csrf_exempt(wrapper)
