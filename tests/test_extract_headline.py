"""choose_title: the agreement rules that overrule the og:title default."""

from newscrawl.extract.headline import choose_title


def test_og_title_is_the_default_when_sources_just_differ():
    # A social title rewritten by the newsroom, h1 and JSON-LD carry the older headline.
    assert choose_title(
        "EPI Zahlungssystem: So kann Europa Paypal schlagen",
        "EPI Zahlungssystem: So kann Europa Paypal schlagen",
        "Statt Paypal & Co.: So könnte Europas Bezahlsystem die Konkurrenz schlagen",
        url="https://example.de/wirtschaft/epi-zahlungssystem-so-kann-europa-paypal-schlagen-1.html",
    ) == "Statt Paypal & Co.: So könnte Europas Bezahlsystem die Konkurrenz schlagen"


def test_jsonld_headline_that_spells_the_slug_beats_a_ticker_h1_and_og():
    title = choose_title(
        "Nahost-Ticker: Palästinenser von Siedlern erschossen",
        "Krieg in Israel und Gaza im News-Ticker vom 26. August bis 1. September",
        "Nahost-Ticker: Palästinenser von Siedlern erschossen",
        url="https://www.zeitung.de/welt/krieg-in-israel-und-gaza-im-news-ticker-vom-26-august-"
            "bis-1-september,UMXw2qF",
    )
    assert title == "Krieg in Israel und Gaza im News-Ticker vom 26. August bis 1. September"


def test_slug_rule_needs_h1_and_og_to_miss_the_slug():
    # The og title spells the slug too: nothing overrules the default.
    assert choose_title(
        "Kühltürme gesprengt", "Rückbau: Kühltürme von AKW Gundremmingen gesprengt",
        "Kühltürme von AKW Gundremmingen gesprengt",
        url="https://www.zeitung.de/inhalt.kuehltuerme-von-akw-gundremmingen-gesprengt.html",
    ) == "Kühltürme von AKW Gundremmingen gesprengt"


def test_kicker_that_og_and_page_disagree_on_is_dropped():
    assert choose_title(
        "«Die Zurückhaltung hat viel mit den USA zu tun»", None,
        "Iranischer Angriff auf Israel: «Die Zurückhaltung hat viel mit den USA zu tun»",
        printed_full="Eskalation im Nahen Osten - «Die Zurückhaltung hat viel mit den USA zu tun»",
        printed_kicker="Eskalation im Nahen Osten",
    ) == "«Die Zurückhaltung hat viel mit den USA zu tun»"


def test_a_label_shared_with_og_is_not_a_headline():
    assert choose_title(
        "Kommentar", None, "Streit um die Grundsteuer: Kommentar",
        printed_kicker="Meinung",
    ) == "Streit um die Grundsteuer: Kommentar"


def test_kicker_the_page_prints_too_stays_in_the_og_title():
    assert choose_title(
        "Zwei Rücktritte - und viele offene Fragen", None,
        "Ausschuss zur Ahrtal-Flut: Zwei Rücktritte - und viele offene Fragen",
        printed_kicker="Ausschuss zur Ahrtal-Flut",
    ) == "Ausschuss zur Ahrtal-Flut: Zwei Rücktritte - und viele offene Fragen"


def test_same_kicker_and_jsonld_side_with_the_printed_headline():
    assert choose_title(
        "Lego feiert Star-Wars-Tag: Alle Angebote im Überblick",
        "Lego feiert Star-Wars-Tag: Alle Angebote im Überblick",
        "Lego feiert Star-Wars-Tag: Viele neue Sets und exklusive Geschenke",
    ) == "Lego feiert Star-Wars-Tag: Alle Angebote im Überblick"


def test_same_kicker_without_jsonld_support_keeps_og():
    assert choose_title(
        "EZB-Zinsentscheid: Sinkt der Leitzins? Klare Ansage von Profis",
        "EZB-Zinsentscheid: Sinkt der Leitzins? Klare Ansage",
        "EZB-Zinsentscheid: Sinkt der Leitzins? Klare Ansage",
    ) == "EZB-Zinsentscheid: Sinkt der Leitzins? Klare Ansage"


def test_family_source_and_meta_title_come_first():
    assert choose_title("Printed", "Structured", "Social", prefer="h1") == "Printed"
    assert choose_title("Printed", "Structured", "Social", meta_title="Meta") == "Meta"
