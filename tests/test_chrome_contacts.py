"""Contact lines of the story's authors under it are chrome (chrome/contacts.py); addresses
that are no author's, and lines above the end, are not."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from newscrawl.article import Block
from newscrawl.chrome import clean_blocks
from newscrawl.chrome.contacts import is_author_contact, surnames
from newscrawl.items import ArticleItem
from newscrawl.pipelines.chrome import ChromeRemovalPipeline

PROSE = [Block("p", f"Der Gemeinderat hat am Dienstag den Bebauungsplan {i} für das neue "
                    "Wohngebiet am Mühlbach mit großer Mehrheit beschlossen.") for i in (1, 2, 3)]


def test_contact_lines_in_several_wordings() -> None:
    names = surnames(["Anna Schmidt", "Amy Kuperinsky"])
    assert is_author_contact("Kontakt zur Autorin: anna.schmidt@kreisblatt.example", names)
    assert is_author_contact("Have a tip? Amy Kuperinsky may be reached at ak@nj.example. "
                             "Follow her on Twitter @AmyKup or on Facebook.", names)
    assert is_author_contact("Folgen Sie Anna Schmidt auf X: @schmidt_kb", names)


def test_addresses_that_are_no_contact_of_the_author() -> None:
    names = surnames(["Anna Schmidt"])
    # The paper's tip line, an embedded post's sign-off, the author named without an address.
    assert not is_author_contact("Hinweise an die Redaktion: redaktion@kreisblatt.example", names)
    assert not is_author_contact("— Polizei Altdorf (@polizei_altdorf) 12. März 2024", names)
    assert not is_author_contact("Anna Schmidt hat mit dem Bürgermeister gesprochen.", names)
    assert not is_author_contact("Kontakt: anna.schmidt@kreisblatt.example", [])


def test_only_the_last_lines_and_only_with_the_authors() -> None:
    contact = Block("p", "Kontakt zur Autorin: anna.schmidt@kreisblatt.example")
    result = clean_blocks([*PROSE, contact], authors=["Anna Schmidt"])
    assert result.blocks == PROSE
    assert result.dropped == [(contact.text, "author_contact")]
    # Higher up the same line is the story's; without the item's authors nothing is known.
    assert clean_blocks([contact, *PROSE], authors=["Anna Schmidt"]).blocks[0] == contact
    assert clean_blocks([*PROSE, contact]).blocks[-1] == contact


def test_the_pipeline_passes_the_items_authors() -> None:
    crawler = get_crawler()
    contact = Block("p", "Mail an die Autorin: anna.schmidt@kreisblatt.example")
    item = ChromeRemovalPipeline.from_crawler(crawler).process_item(
        ArticleItem(title="Neues Wohngebiet am Mühlbach", authors=["Anna Schmidt"],
                    blocks=[*PROSE, contact], images=[]), None)
    assert item["blocks"] == PROSE
    assert crawler.stats.get_value("newscrawl/chrome/dropped/author_contact") == 1
