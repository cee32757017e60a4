# ruff: noqa: E501  (test data: paragraphs are kept on whole lines)
"""The planted-error test set of the translator QA checks (written for the tests).

``PARAGRAPHS``: original machine-translated paragraphs, each with a faithful rewrite (what a good
post-edit or fluent alternative looks like). ``PLANTED``: versions with one planted error each,
``(kind, original key, version text, options)``; options may give ``source``, ``strategy`` or
``kind`` (``given``). ``ARTICLES``: small articles for the article-level ``inconsistent-term``.
"""

from __future__ import annotations

PARAGRAPHS: dict[str, tuple[str, str]] = {
    "mfa": (
        'The Ministry of Foreign Affairs said in a statement on its website (www.mfa.gov.az) that the '
        'ambassador had been summoned "to explain the unacceptable remarks" made on Russian state '
        "television.",
        "In a statement posted on its website (www.mfa.gov.az), the Foreign Ministry said the ambassador "
        'had been summoned "to explain the unacceptable remarks" aired on Russian state television.',
    ),
    "press": (
        "Journalists can send their questions to press@president.az before Friday, the presidential "
        "administration announced, adding that the press conference will be broadcast live on its "
        "channel @presidentaz and under the hashtag #BakuForum.",
        "The presidential administration announced that journalists may send questions to "
        "press@president.az before Friday, and added that the press conference will be streamed live "
        "on its channel @presidentaz and under the hashtag #BakuForum.",
    ),
    "hajiyev": (
        '"We will not allow anyone to threaten the security of our citizens," Hikmet Hajiyev, '
        "assistant to the President of Azerbaijan, told reporters in Baku on Tuesday.",
        "Hikmet Hajiyev, an aide to Azerbaijan's president, told reporters in Baku on Tuesday: "
        '"We will not allow anyone to threaten the security of our citizens."',
    ),
    "why": (
        "Why did Moscow remain silent for three weeks after the crash near Aktau, and who gave the "
        "order to keep the investigation secret?",
        "Why was Moscow silent for three weeks after the crash near Aktau, and who ordered that the "
        "investigation be kept secret?",
    ),
    "crash": (
        "According to the Kazakh Ministry of Emergency Situations, 38 people were killed and 29 others "
        "were injured in the crash of the Embraer 190 aircraft, which was flying from Baku to Grozny.",
        "The Embraer 190, flying from Baku to Grozny, crashed, killing 38 people and injuring 29 "
        "others, according to the Kazakh Ministry of Emergency Situations.",
    ),
    "putin": (
        "Russian President Vladimir Putin apologised to his Azerbaijani counterpart Ilham Aliyev for "
        'the "tragic incident" in Russian airspace, but did not say that Russian air defences had hit '
        "the plane.",
        "Russia's President Vladimir Putin apologised to Azerbaijan's President Ilham Aliyev for the "
        '"tragic incident" in Russian airspace but stopped short of saying that Russian air defences '
        "struck the aircraft.",
    ),
    "transit": (
        "The two countries also signed an agreement on the transit of goods (including oil products "
        "and grain) through the port of Baku, which will take effect from 1 March.",
        "The two countries also signed a deal on the transit of goods, including oil products and "
        "grain, through the port of Baku; it takes effect on 1 March.",
    ),
    "yerevan": (
        "Officials in Yerevan have not yet commented on the report, which was first published by the "
        "news agency Armenpress and later confirmed by two independent sources.",
        "Yerevan officials have yet to comment on the report, first published by the Armenpress news "
        "agency and later confirmed by two independent sources.",
    ),
    "meeting": (
        "The meeting lasted more than four hours. The sides discussed border demarcation, the opening "
        "of transport routes and the return of refugees, but no final document was signed.",
        "The meeting went on for over four hours. The two sides talked about demarcating the border, "
        "opening transport links and the return of refugees, but signed no final document.",
    ),
    "sputnik": (
        "Azerbaijani media reported on Sunday that the Sputnik Azerbaijan office in Baku had been "
        "closed and that two of its employees, Igor Kartavykh and Yevgeny Belousov, had been detained.",
        "On Sunday Azerbaijani media said the Baku office of Sputnik Azerbaijan had been shut down and "
        "two of its staff, Igor Kartavykh and Yevgeny Belousov, detained.",
    ),
    "cop": (
        "For more information, the organisers refer readers to https://www.cop29.az/en/media and to "
        "the accreditation desk at accreditation@cop29.az.",
        "The organisers direct readers to https://www.cop29.az/en/media and to the accreditation desk "
        "at accreditation@cop29.az for further information.",
    ),
    "peskov": (
        'The Kremlin spokesman, Dmitry Peskov, said: "We regret what happened, but the investigation '
        'must be completed before any conclusions are drawn."',
        'Kremlin spokesman Dmitry Peskov said: "We regret what has happened, but the investigation has '
        'to be finished before any conclusions can be drawn."',
    ),
    "protest": (
        'Protesters outside the embassy chanted slogans against the government and demanded: "Release '
        'our journalists now!"',
        'Outside the embassy, protesters chanted anti-government slogans and demanded: "Free our '
        'journalists now!"',
    ),
    "conditions": (
        "The civil aviation agency listed the following conditions for resuming the flights:",
        "The civil aviation agency set out these conditions for the flights to resume:",
    ),
    "bayramov": (
        'Foreign Minister Jeyhun Bayramov wrote on X that "the era of colonial thinking is over".',
        'On X, Foreign Minister Jeyhun Bayramov wrote that "the era of colonial thinking is over".',
    ),
    "aliyev": (
        '"There will be no negotiations under pressure," said Ilham Aliyev, adding that Baku expects '
        "an official apology.",
        '"There will be no talks under pressure," Ilham Aliyev said, adding that Baku expects an '
        "official apology.",
    ),
    "garbled": (
        "The Ambrair 190 plane of AZAL was flying from Baku to Grozen when it crashed near Actao.",
        "The Embraer 190 of AZAL was flying from Baku to Grozny when it crashed near Aktau.",
    ),
    "garbled2": (
        "Investigators from Baku and Actao examined the wreckage of the Ambrair aircraft on Friday.",
        "On Friday investigators from Baku and Aktau examined the wreckage of the Embraer aircraft.",
    ),
    "short": ("Original Article", "Original article"),
    "latest": ("Latest news", "Latest news"),
}

# the glossary the glossary-miss cases use (faithful rewrites of "garbled" follow it)
GLOSSARY_TOML = """
keep = ["AZAL"]

[terms]
Ambrair = "Embraer"
Actao = "Aktau"
Grozen = "Grozny"
"""

PERSIAN = ("وزارت امور خارجه جمهوری آذربایجان در بیانیه‌ای اعلام کرد که سفیر روسیه برای توضیح "
           "اظهارات غیرقابل قبول احضار شده است.")
SPANISH = ("El Ministerio de Asuntos Exteriores de Azerbaiyán informó en un comunicado que el embajador "
           "ruso fue convocado para explicar las declaraciones inaceptables de la televisión estatal.")
RUSSIAN = ("Министерство иностранных дел Азербайджана заявило, что посол России был вызван для "
           "объяснения недопустимых высказываний на государственном телевидении.")

VACCINE = ("A new study published on Monday found that the vaccine reduced hospital admissions by "
           "more than half among older adults, researchers said, adding that further trials will be "
           "needed before the results can be confirmed.")

PLANTED: list[tuple[str, str, str, dict]] = [
    # --- url-mismatch
    ("url-mismatch", "mfa", "In a statement on its website, the Foreign Ministry said the ambassador had "
     'been summoned "to explain the unacceptable remarks" made on Russian state television.', {}),
    ("url-mismatch", "cop", "The organisers direct readers to https://www.cop29.az/en/news and to the "
     "accreditation desk at accreditation@cop29.az for further information.", {}),
    ("url-mismatch", "cop", "The organisers direct readers to https://www.cop29.com/en/media and to the "
     "accreditation desk at accreditation@cop29.az for further information.", {}),
    ("url-mismatch", "mfa", "In a statement on its website (www.mfa.gov.ru), the Foreign Ministry said "
     'the ambassador had been summoned "to explain the unacceptable remarks" on Russian state TV.', {}),
    ("url-mismatch", "yerevan", "Yerevan officials have yet to comment on the report, first published by "
     "the Armenpress news agency (armenpress.am) and later confirmed by two independent sources.", {}),
    # --- email-mismatch
    ("email-mismatch", "press", "The presidential administration announced that journalists may send "
     "questions to press@president.com before Friday, and added that the press conference will be "
     "streamed live on its channel @presidentaz and under the hashtag #BakuForum.", {}),
    ("email-mismatch", "press", "The presidential administration announced that journalists may send "
     "questions by e-mail before Friday, and added that the press conference will be streamed live on "
     "its channel @presidentaz and under the hashtag #BakuForum.", {}),
    ("email-mismatch", "cop", "The organisers direct readers to https://www.cop29.az/en/media and to the "
     "accreditation desk at accreditations@cop29.az for further information.", {}),
    ("email-mismatch", "cop", "The organisers direct readers to https://www.cop29.az/en/media and to the "
     "accreditation desk for further information.", {}),
    ("email-mismatch", "press", "Journalists can send questions to press@presiden.az before Friday, the "
     "presidential administration said, adding that the press conference will be broadcast live on "
     "its channel @presidentaz and under the hashtag #BakuForum.", {}),
    # --- handle-mismatch
    ("handle-mismatch", "press", "The presidential administration announced that journalists may send "
     "questions to press@president.az before Friday, and added that the press conference will be "
     "streamed live on its channel and under the hashtag #BakuForum.", {}),
    ("handle-mismatch", "press", "The presidential administration announced that journalists may send "
     "questions to press@president.az before Friday, and added that the press conference will be "
     "streamed live on its channel @presidentaz and under the hashtag #BakuForum2024.", {}),
    ("handle-mismatch", "press", "The presidential administration announced that journalists may send "
     "questions to press@president.az before Friday, and added that the press conference will be "
     "streamed live on its channel @president_az and under the hashtag #BakuForum.", {}),
    ("handle-mismatch", "press", "The presidential administration announced that journalists may send "
     "questions to press@president.az before Friday, and added that the press conference will be "
     "streamed live on its channel @presidentaz.", {}),
    ("handle-mismatch", "press", "The presidential administration announced that journalists may send "
     "questions to press@president.az before Friday, and added that the press conference will be "
     "streamed live on its channel @presidentaz and under the hashtag #Baku_Forum.", {}),
    # --- unpaired-bracket
    ("unpaired-bracket", "mfa", "In a statement posted on its website (www.mfa.gov.az, the Foreign "
     'Ministry said the ambassador had been summoned "to explain the unacceptable remarks" aired on '
     "Russian state television.", {}),
    ("unpaired-bracket", "transit", "The two countries also signed a deal on the transit of goods "
     "(including oil products and grain through the port of Baku; it takes effect on 1 March.", {}),
    ("unpaired-bracket", "transit", "The two countries also signed a deal on the transit of goods, "
     "including oil products and grain) through the port of Baku; it takes effect on 1 March.", {}),
    ("unpaired-bracket", "yerevan", "Yerevan officials have yet to comment on the report [first "
     "published by the Armenpress news agency and later confirmed by two independent sources.", {}),
    ("unpaired-bracket", "mfa", "In a statement posted on its website www.mfa.gov.az), the Foreign "
     'Ministry said the ambassador had been summoned "to explain the unacceptable remarks" aired on '
     "Russian state television.", {}),
    # --- unpaired-quote
    ("unpaired-quote", "hajiyev", '"We will not allow anyone to threaten the security of our citizens, '
     "Hikmet Hajiyev, an aide to Azerbaijan's president, told reporters in Baku on Tuesday.", {}),
    ("unpaired-quote", "putin", "Russia's President Vladimir Putin apologised to Azerbaijan's President "
     "Ilham Aliyev for the “tragic incident in Russian airspace but stopped short of saying that "
     "Russian air defences struck the aircraft.", {}),
    ("unpaired-quote", "peskov", "Kremlin spokesman Dmitry Peskov said: We regret what has happened, but "
     'the investigation has to be finished before any conclusions can be drawn."', {}),
    ("unpaired-quote", "mfa", "In a statement posted on its website (www.mfa.gov.az), the Foreign "
     'Ministry said the ambassador had been summoned "to explain the unacceptable remarks aired on '
     "Russian state television.", {}),
    ("unpaired-quote", "protest", 'Outside the embassy, protesters chanted anti-government slogans and '
     'demanded: "Free our journalists now!', {}),
    # --- doubled-word
    ("doubled-word", "yerevan", "Yerevan officials have yet to comment on the the report, first "
     "published by the Armenpress news agency and later confirmed by two independent sources.", {}),
    ("doubled-word", "meeting", "The meeting went on for over four hours. The two sides talked about "
     "demarcating the border, opening transport links and and the return of refugees, but signed no "
     "final document.", {}),
    ("doubled-word", "sputnik", "On Sunday Azerbaijani media said the Baku office of Sputnik Azerbaijan "
     "had been shut down and two of its staff, Igor Kartavykh and Yevgeny Belousov, were were "
     "detained.", {}),
    ("doubled-word", "why", "Why was Moscow silent for three weeks after the crash near Aktau, and who "
     "ordered that the investigation be kept secret to to the public?", {}),
    ("doubled-word", "transit", "The The two countries also signed a deal on the transit of goods, "
     "including oil products and grain, through the port of Baku; it takes effect on 1 March.", {}),
    # --- spacing
    ("spacing", "yerevan", "Yerevan officials have yet to comment on the report , first published by the "
     "Armenpress news agency and later confirmed by two independent sources.", {}),
    ("spacing", "meeting", "The meeting went on for over four hours.The two sides talked about "
     "demarcating the border, opening transport links and the return of refugees, but signed no final "
     "document.", {}),
    ("spacing", "sputnik", "On Sunday Azerbaijani media said the Baku office of Sputnik Azerbaijan had "
     "been shut down and two of its staff,Igor Kartavykh and Yevgeny Belousov, detained.", {"kind": "given"}),
    ("spacing", "transit", "The two countries also signed a deal on the transit of goods ( including oil "
     "products and grain ) through the port of Baku; it takes effect on 1 March.", {"kind": "given"}),
    ("spacing", "why", "Why was Moscow silent for three weeks after the crash near Aktau,  and who "
     "ordered that the investigation be kept secret?", {"kind": "given"}),
    # --- end-punctuation
    ("end-punctuation", "why", "Moscow was silent for three weeks after the crash near Aktau, and someone "
     "ordered that the investigation be kept secret.", {}),
    ("end-punctuation", "hajiyev", "Hikmet Hajiyev, an aide to Azerbaijan's president, told reporters in "
     'Baku on Tuesday: "We will not allow anyone to threaten the security of our citizens"', {}),
    ("end-punctuation", "conditions", "The civil aviation agency set out these conditions for the flights "
     "to resume.", {}),
    ("end-punctuation", "protest", "Outside the embassy, protesters chanted anti-government slogans and "
     'demanded: "Free our journalists now."', {}),
    ("end-punctuation", "meeting", "The meeting went on for over four hours. The two sides talked about "
     "demarcating the border, opening transport links and the return of refugees, but signed no final "
     "document?", {}),
    # --- length-ratio
    ("length-ratio", "crash", "The Embraer 190 crashed, killing 38 people.", {"strategy": "post-edit"}),
    ("length-ratio", "meeting", "The meeting lasted more than four hours.", {"strategy": "fluent"}),
    ("length-ratio", "putin", "Russia's President Vladimir Putin apologised to Azerbaijan's President "
     'Ilham Aliyev for the "tragic incident" in Russian airspace but stopped short of saying that '
     "Russian air defences struck the aircraft. The apology came after days of pressure from Baku, "
     "where officials had demanded that Moscow admit its responsibility, punish those responsible and "
     "pay compensation to the families of the victims and to the airline, which lost one of its newest "
     "aircraft in the crash.", {"strategy": "post-edit"}),
    ("length-ratio", "short", VACCINE, {"strategy": "fluent"}),
    ("length-ratio", "latest", "Latest news from the region: officials in Baku and Moscow said on Monday "
     "that talks on the return of the detained journalists would resume next week in Istanbul.",
     {"strategy": "post-edit"}),
    # --- untranslated
    ("untranslated", "mfa", PERSIAN, {"source": PERSIAN}),
    ("untranslated", "mfa", PERSIAN, {"kind": "given"}),
    ("untranslated", "mfa", SPANISH, {"kind": "given"}),
    ("untranslated", "mfa", SPANISH, {"source": SPANISH, "kind": "given"}),
    ("untranslated", "mfa", RUSSIAN, {"kind": "given"}),
    # --- refusal
    ("refusal", "short", "I'm sorry, but I cannot assist with that request.", {}),
    ("refusal", "yerevan", "As an AI language model, I cannot verify news reports, but here is the text: "
     "Yerevan officials have yet to comment on the report, first published by the Armenpress news "
     "agency and later confirmed by two independent sources.", {}),
    ("refusal", "yerevan", "Yerevan officials have yet to comment on the report, first published by the "
     "Armenpress news agency and later confirmed by two independent sources. Let me know if you need "
     "any further changes.", {}),
    ("refusal", "latest", "Please provide the paragraph you would like me to rewrite.", {}),
    ("refusal", "sputnik", "On Sunday Azerbaijani media said the Baku office of Sputnik Azerbaijan had "
     "been shut down and two of its staff, Igor Kartavykh and Yevgeny Belousov, detained. I have "
     "corrected the grammar and kept all the facts.", {}),
    # --- lost-speaker
    ("lost-speaker", "hajiyev", "An aide to Azerbaijan's president told reporters in Baku on Tuesday: "
     '"We will not allow anyone to threaten the security of our citizens."', {}),
    ("lost-speaker", "peskov", 'The Kremlin\'s spokesman said: "We regret what has happened, but the '
     'investigation has to be finished before any conclusions can be drawn."', {}),
    ("lost-speaker", "crash", "The Embraer 190, flying from Baku to Grozny, crashed, killing 38 people "
     "and injuring 29 others, according to the emergencies ministry.", {}),
    ("lost-speaker", "bayramov", 'The foreign minister wrote on X that "the era of colonial thinking is '
     'over".', {}),
    ("lost-speaker", "aliyev", '"There will be no talks under pressure," the president said, adding that '
     "Baku expects an official apology.", {}),
    # --- glossary-miss (GLOSSARY_TOML)
    ("glossary-miss", "garbled", "The Ambrair 190 of AZAL was flying from Baku to Grozny when it crashed "
     "near Aktau.", {}),
    ("glossary-miss", "garbled", "The Embrair 190 of AZAL was flying from Baku to Grozny when it crashed "
     "near Aktau.", {}),
    ("glossary-miss", "garbled", "The Embraer 190 of Azerbaijan Airlines was flying from Baku to Grozny "
     "when it crashed near Aktau.", {}),
    ("glossary-miss", "garbled", "The Embraer 190 of AZAL was flying from Baku to Grozen when it crashed "
     "near Aktau.", {}),
    ("glossary-miss", "garbled2", "On Friday investigators from Baku and Aqtau examined the wreckage of "
     "the Embraer aircraft.", {}),
]

# (originals, {version: renderings}, paragraph index and version expected to be flagged)
ARTICLES: list[tuple[list[str], dict[str, list[str]], tuple[int, str]]] = [
    (["The plane crashed near Actao on Wednesday.", "Rescuers reached Actao within an hour."],
     {"fluent": ["The plane crashed near Aktau on Wednesday.", "Rescue teams reached Aqtau within an hour."]},
     (1, "fluent")),
    (["The flight from Baku to Grozen was diverted.", "Grozen airport was closed because of fog."],
     {"post-edit": ["The flight from Baku to Grozny was diverted.", "Groznyy airport was closed because of fog."]},
     (1, "post-edit")),
    (["The Ambrair jet had been delivered in 2013.", "The Ambrair manufacturer sent experts."],
     {"fluent": ["The Embraer jet had been delivered in 2013.", "The Embrair manufacturer sent experts."]},
     (1, "fluent")),
    (["President Aliyev spoke on the phone.", "Aliyev demanded an apology."],
     {"deepl": ["President Aliyev spoke on the phone.", "Aliev demanded an apology."]},
     (1, "deepl")),
    (["Minister Bayramov met the envoy.", "Later Bayramov left for Ankara.", "Bayramov returned on Friday."],
     {"fluent": ["Minister Bayramov met the envoy.", "Later Bairamov left for Ankara.",
                 "Bayramov came back on Friday."]},
     (1, "fluent")),
]
# the original itself spelling one name two ways: (originals, paragraph index expected)
ORIGINAL_ARTICLES: list[tuple[list[str], int]] = [
    (["Fighting resumed in Karabakh on Monday.", "Refugees returned to Karabagh in the spring."], 1),
    (["Ilham Aliyev met the envoy.", "Aliev later left for Ankara.", "Aliyev returned on Friday."], 1),
    (["The Sputnik office was closed.", "Two Sputnik employees were detained.",
      "The Spoutnik journalists were released."], 2),
    (["Nakhchivan borders Turkey.", "The Nakhchevan exclave has its own parliament.",
      "Nakhchivan is connected by air."], 1),
    (["Yerevan denied the report.", "Officials in Yerevan spoke later.", "Erevan later confirmed it."], 2),
]
