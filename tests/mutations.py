"""A document changed the way copying and editing change one: a few characters deleted, inserted
(brackets, marks, digits, role words) or a run duplicated, drawn by hypothesis."""


def mutated(data, text: str, marks: str, *, longest: int = 12) -> str:
    from hypothesis import strategies as st

    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        kind = data.draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if kind == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, longest)) :]
        elif kind == "insert":
            text = text[:at] + data.draw(st.sampled_from(list(marks))) + text[at:]
        else:
            text = text[:at] + text[at : at + 2 * longest] + text[at:]
    return text
