"""The public API is deliberate: `tumen.__all__` lists exactly what the package exports."""

from __future__ import annotations

import tumen


def test_all_is_exact_and_sorted() -> None:
    public = {name for name in dir(tumen) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(tumen, name)).__name__ == "module"}
    assert set(tumen.__all__) == public - modules
    assert list(tumen.__all__) == sorted(tumen.__all__, key=lambda n: (not n.isupper(), n))


def test_every_exception_is_a_tumen_error() -> None:
    for name in tumen.__all__:
        obj = getattr(tumen, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, tumen.TumenError)
