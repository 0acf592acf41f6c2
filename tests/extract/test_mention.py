import dataclasses
import inspect

import pytest

from prolifwatch.extract.mention import Mention


def test_hand_written_init_takes_every_field_with_its_default():
    params = inspect.signature(Mention.__init__).parameters
    fields = dataclasses.fields(Mention)
    assert [p for p in params if p != "self"] == [f.name for f in fields]
    for f in fields:
        if f.default is not dataclasses.MISSING:
            assert params[f.name].default == f.default, f.name


def test_mentions_stay_frozen_and_get_their_own_attributes():
    a, b = Mention("Country", "Iran", 0, 4), Mention("Country", "Iran", 0, 4)
    assert a.attributes == {} and a.attributes is not b.attributes
    assert a == dataclasses.replace(b, attributes={"role": "capital"}) and hash(a) == hash(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = 1
