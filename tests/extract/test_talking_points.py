"""Who a Department cable instructs to deliver its talking points (issue 17), read from
instruction sentences of dev-split cables."""
from prolifwatch.extract.talking_points import addressed, instructed_office


def test_a_request_naming_the_embassy_instructs_it():
    # 09STATE4134 ¶4, line breaks as printed
    text = ("4. (U) Action Request: Request Embassy Madrid approach\nappropriate Spanish government officials "
            "to deliver\ntalking points/non-paper in paragraph 5 below")
    assert instructed_office(text) == "Embassy Madrid"


def test_post_is_requested_instructs_post():
    # 08STATE18255 ¶2
    text = ("We have strong reason to believe the aircraft are intended for delivery to Iranian civil airline "
            "Mahan Air. Post is requested to approach the ROKG on an immediate basis and, drawing on the points "
            "in para 3, seek its assistance in grounding the identified aircraft")
    assert instructed_office(text) == "Post"


def test_an_embassy_report_instructs_no_one():
    # 08BEIJING2322 ¶2: a meeting report; the Embassy and Post are not told to act
    text = ("Acting U/S Rood stressed U.S. concern regarding Iranian transfers of Chinese conventional weapons "
            "to militants in Iraq, Lebanon and Afghanistan and urged China to cease arms sales to Iran.")
    assert instructed_office(text) is None


def test_the_government_a_talking_point_addresses():
    assert addressed("-- We strongly request your government's assistance in taking immediate steps") == \
        "your government"
    assert addressed("-- We encourage you to investigate this information") == "you"
    assert addressed("We want to share this information with Spanish officials") is None
