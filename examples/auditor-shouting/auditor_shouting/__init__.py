"""An example third-party auditor plugin.

It flags documents whose article text (boilerplate removed) is mostly upper-case letters:
a common sign of scraped forum posts or mangled feeds. It shows the three things most
plugins need: a configuration key, a per-document finding with a location, and a code
prefixed with the plugin's entry-point name (``shouting.``).
"""

from __future__ import annotations

from auditor import hookimpl
from auditor.model import ConfigField, Finding

__version__ = "0.2.0"


@hookimpl
def auditor_register_config(register):
    register(
        ConfigField(
            "max_upper_ratio",
            float,
            0.6,
            "Flag documents whose letters are more upper-case than this.",
        )
    )
    register(ConfigField("min_letters", int, 40, "Ignore documents with fewer letters than this."))


@hookimpl
def auditor_analyze(view, ctx, register):
    text = view.clean.text
    letters = [c for c in text if c.isalpha()]
    if len(letters) < ctx.config["min_letters"]:
        return
    ratio = sum(c.isupper() for c in letters) / len(letters)
    if ratio > ctx.config["max_upper_ratio"]:
        first = next(i for i, c in enumerate(text) if c.isalpha())
        start = view.clean.to_original(first)
        register(
            Finding(
                code=f"{ctx.name}.mostly-capitals",
                severity="warning",
                message=f"{ratio:.0%} of the article's letters are capitals",
                start=start,
                end=start + 1,
            )
        )
