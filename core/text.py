"""Cleaning the text people type or paste into the portal.

Text copied from Word, WPS or a web page carries characters nobody sees: vertical tabs and form feeds
(Word's manual line and page breaks), the Unicode line and paragraph separators, zero-width spaces and
joiners, byte-order marks, sometimes a NUL. Stored as they are, they show as boxes, make two texts
that look the same compare unequal, and break the Excel export (openpyxl refuses control characters
in a cell). Django's form fields would also refuse a NUL with an English message the user cannot act
on. So text fields clean their input before anything else looks at it.
"""

import re
import unicodedata

# Everything that ends a line becomes "\n": Windows (\r\n) and old Mac (\r) line ends, Word's manual line
# break (\x0b) and page break (\x0c), the Unicode line and paragraph separators, and NEL (\x85).
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_KEPT_CONTROLS = {"\t", "\n"}


def _is_invisible(char: str) -> bool:
    """A control character other than tab and newline (Cc), a format character such as a zero-width
    space, a joiner, a direction mark or a byte-order mark (Cf), or half of a surrogate pair that no
    valid text contains and no database can store (Cs)."""
    if char in _KEPT_CONTROLS:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def clean_text(value: str) -> str:
    """`value` with its line breaks made "\\n" and its invisible characters removed (see _is_invisible).
    Spaces, tabs and everything visible are kept as typed; trimming is the field's business."""
    value = _LINE_BREAKS.sub("\n", value)
    return "".join(char for char in value if not _is_invisible(char))
