"""How a plugin author tests a plugin: through the real pipeline, in memory."""

import auditor_shouting

from auditor.testing import audit_texts


def test_flags_capitals_only():
    audits = audit_texts(
        {
            "loud.txt": "THE COUNCIL HAS BETRAYED EVERY RESIDENT OF THIS TOWN AND WE WILL NOT FORGET IT.\n",
            "calm.txt": "The council met on Monday and approved the budget after a short debate.\n",
        },
        plugins={"shouting": auditor_shouting},
    )
    assert [f["code"] for f in audits["loud.txt"]["findings"] if f["plugin"] == "shouting"] == [
        "shouting.mostly-capitals"
    ]
    assert not [f for f in audits["calm.txt"]["findings"] if f["plugin"] == "shouting"]
