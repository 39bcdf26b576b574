"""The generic extractor on layouts no family rule knows (fixtures/generic, written for these
tests after the failure classes seen on unseen sites): the whole story, in order, and nothing
else."""

from __future__ import annotations

from pathlib import Path

from newscrawl.crawl.decoding import looks_binary
from newscrawl.extract import extract_article
from newscrawl.middlewares.badinput import response_reasons
from newscrawl.offline.chain import process_page

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "generic"


def extract(name: str, url: str = "https://news.example/2024/story.html"):
    return extract_article((PAGES / f"{name}.html").read_text(encoding="utf-8"), url)


def texts(article) -> list[str]:
    return [b.text for b in article.blocks]


def test_story_split_over_sibling_containers_without_its_comments() -> None:
    a = extract("split_body_comments")
    assert a.is_article
    body = texts(a)
    assert body[0].startswith("Die Drehbrücke am Alten Hafen")
    assert body[1].startswith("Die Träger müssen nun ersetzt werden")
    assert ("h", "Umleitung über die Werftstraße") in [(b.kind, b.text) for b in a.blocks]
    assert body[-1].startswith("Fußgänger und Radfahrer")
    assert not any("Brücke ist seit Jahren marode" in t or "Spätschicht" in t for t in body)


def test_taxonomy_classes_do_not_hide_the_article() -> None:
    a = extract("wordpress_taxonomy")
    body = texts(a)
    assert len(body) == 3 and body[0].startswith("I have worked on my own bikes")
    assert not any("Helmet test" in t or "valve clearance" in t for t in body)


def test_table_layout_and_data_table_in_the_story() -> None:
    a = extract("table_layout")
    body = texts(a)
    assert body[0].startswith("Der Tabellenführer aus Oberdorf")
    assert "1 SV Oberdorf 28" in body and "Platz Verein Punkte" in body
    assert body.index("3 FC Mühlental 21") < len(body) - 1
    assert body[-1].startswith("Am kommenden Wochenende")
    assert not any("Handball" in t for t in body)


def test_loose_text_between_breaks_is_the_body() -> None:
    a = extract("mixed_content")
    assert a.is_article
    body = " ".join(texts(a))
    assert body.startswith("The city council approved")
    assert "bus depot" in body and body.endswith("existing branch libraries.")
    assert "council library" not in body  # the tag links in the footer


def test_link_box_inside_a_paragraph_is_dropped() -> None:
    a = extract("link_box_in_paragraph")
    body = texts(a)
    assert body[1] == ("Als Grund nennt das Unternehmen gestiegene Kosten für Energie und "
                       "Personal. Der Aufsichtsrat hat der Erhöhung bereits zugestimmt.")
    assert not any("Was auf Haushalte zukommt" in t for t in body)


def test_body_only_in_json_ld_with_markup() -> None:
    a = extract("jsonld_body")
    assert a.is_article
    body = texts(a)
    assert len(body) == 4 and body[0].startswith("More than 80,000 people")
    assert not any("<p>" in t or "rights reserved" in t for t in body)


NUL_PAGE = (
    "<html><head><title>Rat beschließt Haushalt</title></head><body><article>"
    "<h1>Rat beschließt Haushalt</h1>"
    "<p>Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen.\x00 "
    "Die Debatte dauerte fast vier Stunden, am Ende stimmte eine breite Mehrheit zu.</p>"
    "<p>Größter Posten bleiben die Schulen, für die im nächsten Jahr mehr Geld bereitsteht als "
    "je zuvor; der Kämmerer mahnte dennoch zur Sparsamkeit.</p></article></body></html>"
)


def test_stray_nul_byte_page_is_an_article_not_binary() -> None:
    body = NUL_PAGE.encode("utf-8")
    assert not looks_binary(body)
    assert response_reasons(body, b"text/html; charset=utf-8") == []
    a = extract_article(NUL_PAGE, "https://stadt.example/haushalt.html")
    assert a.is_article and a.blocks[1].text.startswith("Größter Posten")


def test_binary_files_are_still_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    assert looks_binary(png)
    assert looks_binary(b"\x00\x01\x02\x03binary blob" * 100)
    assert not looks_binary("\ufeff<html>".encode("utf-16"))


PORTUGUESE_PAGE = (
    "<html lang='pt'><head><title>Leitura em família</title></head><body><article>"
    "<h1>Leitura em família</h1>"
    "<p>O professor apresenta, neste vídeo, uma loja incrível nos Estados Unidos, repleta de "
    "materiais didáticos, livros e jogos para ensinar as crianças a ler com fluência.</p>"
    "<p>Pois bem, aqui nos Estados Unidos isso é muito comum, e acontece de forma lúdica.</p>"
    "<p>No Brasil isso não é muito comum. Quando você fala sobre fluência de leitura, muita "
    "gente estranha, mas os pais podem começar em casa, lendo em voz alta todos os dias.</p>"
    "<p>Então veja como os brasileiros ainda estão discutindo problemas em coisas que aqui são "
    "comuns, divertidas e fazem parte da rotina das escolas e das bibliotecas públicas.</p>"
    "</article></body></html>"
)


def test_prose_in_a_language_the_scramble_tables_do_not_know_is_kept() -> None:
    a = extract_article(PORTUGUESE_PAGE, "https://blog.example/leitura")
    assert [b.text[:9] for b in a.blocks] == ["O profess", "Pois bem,", "No Brasil", "Então vej"]
    assert a.paywall_blocks_dropped == 0


def test_round_up_list_in_paragraphs_is_story_text() -> None:
    a = extract("prose_list_roundup")
    body = texts(a)
    assert body[0].startswith("Good morning!")
    assert [t[:34] for t in body[1:4]] == ["The state attorney general is inve",
                                           "The phone carrier's chief executiv",
                                           "The search company has bought a sm"]
    # An item whose linked headline is longer than its sentence is still a round-up item.
    assert body[4].startswith("A new instalment of the famous shooter series")
    assert body[-1].startswith("Have a smart speaker?")
    # Headline + excerpt lists under a label are teaser lists, not the story.
    assert not any("harbour bridge" in t or "autonomous race" in t for t in body)


def test_short_sentences_in_an_unspaced_script_are_not_a_menu() -> None:
    record = process_page((PAGES / "japanese_short_sentences.html").read_text(encoding="utf-8"),
                          "https://blog.example.jp/2016/12/story.html")
    assert record is not None
    lines = record["body"].split("\n\n")
    assert "報道によると、販売されたのは「脱獄」した端末。" in lines
    assert "もちろん、メーカーは「脱獄」を認めていません。" in lines
    assert len(lines) == 7 and "ホーム" not in record["body"]


def test_paragraph_breaks_buttons_and_an_escaped_article_body() -> None:
    body = texts(extract("breaks_and_escaped_body"))
    # <br><br> separates paragraphs; the shop button between them is a link, not a paragraph;
    # articleBody with tags and twice-escaped quotes still vouches for all of them.
    assert len(body) == 5
    assert body[2].startswith("Just months after the last laptop was released")
    assert body[2].endswith("a bigger battery.")
    assert body[3].startswith('"We listened to the people') and body[3].endswith("evening.")
    assert body[4].startswith("Interestingly, it is smaller")
    assert not any("shop" in t for t in body)


def test_the_article_with_the_headline_not_the_excerpts_of_other_posts() -> None:
    body = texts(extract("related_post_articles"))
    assert len(body) == 2 and body[0].startswith("Viver uma verdadeira experiência")
    assert not any("otimismo" in t or "família" in t for t in body)


def test_short_lines_that_recur_in_the_story_are_kept() -> None:
    record = process_page((PAGES / "repeated_short_lines.html").read_text(encoding="utf-8"),
                          "https://kitchen.example/2019/11/meal-prep.html")
    assert record is not None
    lines = record["body"].split("\n\n")
    assert lines.count("Eat every 2–3 hours") == 3 and lines.count("Meal 1") == 2


def test_body_only_in_the_framework_state() -> None:
    a = extract("framework_state")
    assert a.is_article and not a.needs_rendering
    body = texts(a)
    assert len(body) == 3 and body[0].startswith("After two years of building")
    assert body[2].endswith("at night.")
    assert not any("cookies" in t or "ferry stops" in t for t in body)


def test_embedded_post_in_a_hinted_wrapper_is_story_text() -> None:
    body = texts(extract("embedded_post"))
    assert body[1].startswith("Yes this is real and yes the state spent")
    assert body[2] == "— Jane Example (@janeexample) November 18, 2019"
    assert body[3].startswith("The governor saw the reaction")
    assert not any("Share on Facebook" in t for t in body)


def test_caption_in_a_box_with_its_image_is_not_body() -> None:
    body = texts(extract("image_box_caption"))
    assert len(body) == 2 and body[0].startswith("BERLIN -- The space agency")
    assert not any("file photo" in t for t in body)


def test_call_to_action_box_inside_the_story_is_not_story() -> None:
    a = extract("cta_box")
    body = texts(a)
    assert body[0].startswith("A post shared thousands of times")
    assert body[-1].startswith("We rate the claim false")
    assert len(body) == 4
    assert not any("Dear reader" in t or "becoming a member" in t for t in body)


def test_a_style_sheet_in_the_sidebar_does_not_outweigh_the_story() -> None:
    # An inline SVG logo with 25 kB of CSS in a sidebar widget weighed like 25 kB of prose: the
    # sidebar (three stat lines) was read as the article.
    a = extract("style_sheet_in_sidebar")
    body = texts(a)
    assert len(body) == 4 and body[0].startswith("Die Gemeinde Lindenau hat am Montag")
    assert not any("Fälle heute" in t or "Partner" in t for t in body)


def test_lead_named_in_data_attributes_and_declared_article_body() -> None:
    # Generated class names ("css-q9w8e7") say nothing; the lead is named in data-manual. The
    # free first paragraph sits beside the metered part, both in itemprop="articleBody".
    a = extract("hashed_classes_metered_body")
    assert a.teaser and a.teaser.startswith("Seit Sonntag pendelt ein Elektroschiff")
    body = texts(a)
    assert len(body) == 7
    assert body[0].startswith("Als die Fähre am Sonntagmorgen")
    assert body[-1].startswith("Der Bund hat den Umbau")


def test_form_labels_are_not_story_text() -> None:
    # A search or feedback widget inside the story's column: its <label> is UI text.
    paragraphs = "".join(
        f"<p>Der Gemeinderat hat in seiner Sitzung den Punkt {i} der Tagesordnung beraten und "
        f"nach längerer Aussprache mit großer Mehrheit beschlossen.</p>" for i in range(1, 6))
    page = ("<html><body><article><h1>Gemeinderat tagt</h1>" + paragraphs +
            "<div class='finder'><label for='q'>FIND YOUR NEXT CAR</label>"
            "<input id='q'></div></article></body></html>")
    article = extract_article(page, "https://news.example/2024/rat.html")
    assert len(texts(article)) == 5
    assert not any("FIND YOUR" in t for t in texts(article))


def test_layers_that_open_with_a_close_button_are_not_story() -> None:
    # A "like us" prompt and a feedback flyout after the story, inside its column, with class
    # names no hint knows: each opens with an icon button its markup names a close control.
    body = texts(extract("closable_layers"))
    assert body[0].startswith("Vom kommenden Montag an fährt die Linie 47")
    assert body[-1].startswith("Die Fahrkarten des Verkehrsverbunds")
    assert not any("gefallen" in t or "Facebook" in t or "Meinung" in t or "Gesamtnote" in t
                   for t in body)
    # A close button labelled with a word, and a layer named a dialog in a compound class.
    assert not any("Startseite" in t or "Menüleiste" in t or "App" in t for t in body)
    # Boxes that open with an icon button that closes nothing stay: a fact box with a bookmark
    # toggle, a picture stage with its arrows.
    assert "Die Haltestellen" in body
    assert "Der neue Elektrobus bei der ersten Probefahrt am Bahnhof." in body


def test_a_list_that_finishes_an_open_sentence_or_answers_a_question_is_story_text() -> None:
    # "Wer jetzt …" leads into the list that finishes the sentence, as a colon would, and a
    # short question heads the list that answers it; a bullet box between two paragraphs,
    # after a full stop, stays furniture.
    paragraphs = "".join(
        f"<p>Die Volkshochschule bietet im Frühjahr {i} neue Kurse an, die Anmeldung ist ab "
        f"sofort im Internet und in der Geschäftsstelle am Markt möglich.</p>" for i in (12, 14))
    page = ("<html><body><article><h1>Neue Kurse an der Volkshochschule</h1>" + paragraphs +
            "<p>Wer jetzt …</p><ul><li>einen Sprachkurs für den Urlaub sucht</li>"
            "<li>am Abend gern töpfert oder malt</li></ul>"
            "<p>… sollte sich bald anmelden, denn die Plätze sind begrenzt und schnell "
            "vergeben.</p>"
            "<ul><li>Kurse ab 40 Euro</li><li>Ermäßigung für Schüler</li></ul>"
            "<p>Was ist neu im Programm?</p><ul><li>Ein Kurs für Smartphone-Fotografie</li>"
            "<li>Plattdeutsch für Anfänger</li></ul>"
            "<p>Das Programmheft liegt in der Stadtbücherei und im Rathaus aus, dort gibt es "
            "auch Beratung.</p></article></body></html>")
    body = texts(extract_article(page, "https://news.example/2024/vhs.html"))
    assert "einen Sprachkurs für den Urlaub sucht" in body
    assert "am Abend gern töpfert oder malt" in body
    assert "Kurse ab 40 Euro" not in body
    # A short question over a list is its heading set as a paragraph.
    assert "Plattdeutsch für Anfänger" in body


def test_a_media_strip_named_in_a_compound_class_is_not_story() -> None:
    # "inlinegallery", "bildergalerie": the gallery's counters are not story text, and the
    # list the story introduces before the gallery still follows its colon.
    paragraphs = "".join(
        f"<p>Fünf Betriebe aus dem Landkreis haben den Zuschlag für das Förderprogramm {i} "
        f"bekommen, wie das Wirtschaftsministerium am Montag mitteilte.</p>" for i in (1, 2))
    slides = "".join(
        f"<div class='bildergalerie-item'><span class='zaehler'>Bild {i} von 3</span>"
        f"<figure><img src='/b{i}.jpg'><figcaption>Halle {i}</figcaption></figure></div>"
        for i in (1, 2, 3))
    page = ("<html><body><article><h1>Fünf Betriebe gefördert</h1>" + paragraphs +
            "<p>Ausgewählt wurden:</p><div class='bildergalerie'>" + slides + "</div>"
            "<ul><li>Schreinerei Huber, Altdorf</li><li>Brauerei Lindenhof, Lindenau</li></ul>"
            "<p>Die Betriebe erhalten zusammen 1,2 Millionen Euro für neue Maschinen und die "
            "Ausbildung von Fachkräften.</p></article></body></html>")
    body = texts(extract_article(page, "https://news.example/2024/foerderung.html"))
    assert not any(t.startswith("Bild ") for t in body)
    assert "Schreinerei Huber, Altdorf" in body and "Brauerei Lindenhof, Lindenau" in body


HOVER_CARD = (
    "<span class='person'><a href='/personen/max-huber'>Max Huber</a><span class='card'>"
    "<img src='/huber.jpg'><a href='/personen/max-huber'>Max Huber</a>"
    "<a href='/politik/kreisklinik-entscheidung-im-mai-4711.html'>Huber will die Kreisklinik "
    "erhalten: Entscheidung im Mai erwartet</a> <a href='/politik/haushalt-2024-4702.html'>"
    "Haushalt 2024: Kreistag streitet über neue Schulden</a></span></span>")


def test_a_hover_card_inside_a_sentence_is_not_story_text() -> None:
    # A name link whose hover card (the person's latest stories) sits in the same paragraph,
    # in the lead and in the body; the sentence around it stays whole. Two short links side
    # by side in a sentence are the sentence's.
    page = ("<html><body><article><h1>Neues Kreishaus bis 2027</h1>"
            f"<p class='intro'>Landrat {HOVER_CARD} (CSU) hat am Montag den Plan für das neue "
            "Kreishaus vorgestellt, das bis 2027 fertig sein soll.</p>"
            "<p>Das Gebäude soll 48 Millionen Euro kosten und alle Ämter des Landkreises an "
            "einem Ort zusammenführen, die bisher auf sechs Standorte verteilt sind.</p>"
            f"<p>Kritik kam von der Opposition: {HOVER_CARD.replace('Max Huber', 'Anna Berg')} "
            "(Grüne) nannte die Kosten zu hoch.</p>"
            "<p>Der Bericht des <a href='/k'>Kreisbauamts</a> <a href='/r'>zum Raumbedarf</a> "
            "liegt seit März vor und soll im Kreistag beraten werden.</p>"
            "</article></body></html>")
    a = extract_article(page, "https://news.example/2024/kreishaus.html")
    assert a.teaser == ("Landrat Max Huber (CSU) hat am Montag den Plan für das neue Kreishaus "
                        "vorgestellt, das bis 2027 fertig sein soll.")
    body = texts(a)
    assert "Kritik kam von der Opposition: Anna Berg (Grüne) nannte die Kosten zu hoch." in body
    assert not any("Kreisklinik" in t or "Schulden" in t for t in body)
    assert ("Der Bericht des Kreisbauamts zum Raumbedarf liegt seit März vor und soll im "
            "Kreistag beraten werden.") in body
