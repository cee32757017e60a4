"""The planted-error test set of the meaning checks (written for the project's tests).

``PARAGRAPHS``: machine-translated news paragraphs of different origins (Japanese, Ukrainian,
Livonian-like garbled English, Persian, Russian, Arabic, Chinese, Turkish, Korean, Spanish,
German, French, Portuguese), each with faithful renderings that stress the checks: clauses
reordered, a quotation moved to the front, "on Monday" kept as "Monday", "Russia's" for
"Russian", titles abbreviated (PM, CEO, US), names respelled (Davutoğlu / Davutoglu).
``PLANTED``: renderings with one planted meaning change each, ``(kind, paragraph key, text)``.
``SUMMARIES``: evidence passages with faithful summary sentences and planted contradictions.
"""

from __future__ import annotations

PARAGRAPHS: dict[str, tuple[str, list[str]]] = {
    "ja_quake": (
        'On the 14th, the Japan Meteorological Agency said that an earthquake with a magnitude of 6.1 occurred off the coast of Ishikawa Prefecture this morning. Chief Cabinet Secretary Hayashi told reporters, "We are confirming the damage situation as quickly as possible."',
        [
            'The Japan Meteorological Agency said a magnitude 6.1 earthquake struck off Ishikawa Prefecture this morning, the 14th. "We are confirming the extent of the damage as quickly as possible," Chief Cabinet Secretary Hayashi told reporters.',
            'On the 14th, the Japan Meteorological Agency said that a magnitude 6.1 earthquake occurred off the coast of Ishikawa Prefecture this morning. Chief Cabinet Secretary Hayashi told reporters: "We are confirming the damage situation as quickly as possible."',
        ],
    ),
    "uk_shelling": (
        "On Tuesday night, Russian troops shelled Kharkiv from multiple rocket launchers, the head of the regional military administration Oleh Syniehubov said in Telegram. According to him, two people were injured, a 67-year-old woman was hospitalized.",
        [
            "Russian troops shelled Kharkiv with multiple rocket launchers on Tuesday night, Oleh Syniehubov, head of the regional military administration, said on Telegram. He said two people were injured and a 67-year-old woman was taken to hospital.",
            "Russia's troops fired multiple rocket launchers at Kharkiv on Tuesday night, regional military administration head Oleh Syniehubov wrote on Telegram; two people were hurt and a woman aged 67 was hospitalised.",
        ],
    ),
    "fa_ambassador": (
        'The spokesman of the Ministry of Foreign Affairs of Iran Nasser Kanaani in his weekly press conference on Monday said: "The presence of foreign forces in the region is the root of the insecurity." He also said the ambassador of Switzerland was summoned yesterday.',
        [
            'At his weekly press conference on Monday, Iranian Foreign Ministry spokesman Nasser Kanaani said: "The presence of foreign forces in the region is the root of insecurity." He added that the Swiss ambassador had been summoned yesterday.',
            '"The presence of foreign forces in the region is the root of the insecurity," Iran\'s foreign ministry spokesman Nasser Kanaani told his weekly news conference Monday, adding that Switzerland\'s envoy was summoned yesterday.',
        ],
    ),
    "ru_gas": (
        'Gazprom from March 1 will reduce gas supplies through the "Turkish Stream" by a third, the company\'s official representative Sergei Kupriyanov said. Earlier this week, Deputy Prime Minister Alexander Novak stated that "the market will adapt".',
        [
            'Gazprom will cut gas supplies via the TurkStream pipeline by a third from 1 March, company spokesman Sergei Kupriyanov said. Earlier this week Deputy Prime Minister Alexander Novak said that "the market will adapt".',
            'From March 1, Gazprom will reduce gas deliveries through TurkStream by one third, said Sergei Kupriyanov, the company\'s official spokesman. Deputy PM Alexander Novak said earlier this week that "the market will adapt".',
        ],
    ),
    "liv_fish": (
        'Kolka fishermen yesterday told that the sea this winter did not freeze and the fish went to deep. The village elder Jānis Bērziņš said: "Such a winter we have not seen in fifty years."',
        [
            'Fishermen in Kolka said yesterday that the sea did not freeze this winter and the fish went deep. Village elder Jānis Bērziņš said: "We have not seen such a winter in fifty years."',
            '"We have not seen a winter like this in fifty years," said village elder Janis Berzins, as Kolka\'s fishermen told yesterday how the sea stayed unfrozen this winter and the fish moved to deeper water.',
        ],
    ),
    "ar_gaza": (
        'The Egyptian Foreign Minister Sameh Shoukry received on Thursday in Cairo the UN envoy, and they discussed the humanitarian situation in Gaza. Shoukry stressed "the need to open all crossings without conditions."',
        [
            'On Thursday in Cairo, Egypt\'s foreign minister Sameh Shoukry received the UN envoy; they discussed the humanitarian situation in Gaza. Shoukry stressed "the need to open all crossings without conditions".',
            'Egyptian Foreign Minister Sameh Shoukry met the United Nations envoy in Cairo Thursday to discuss the humanitarian situation in Gaza, stressing "the need to open all crossings without conditions."',
        ],
    ),
    "zh_trade": (
        "Ministry of Commerce spokesperson Shu Jueting said at a regular press conference today that China is willing to work with the EU to properly resolve the trade frictions through dialogue. She said that the two sides will hold a new round of talks next month in Brussels.",
        [
            "At a regular press conference today, commerce ministry spokeswoman Shu Jueting said China was willing to work with the EU to resolve trade frictions properly through dialogue. The two sides will hold a new round of talks in Brussels next month, she said.",
            "China is ready to work with the European Union to settle trade frictions through dialogue, Commerce Ministry spokesperson Shu Jueting told a regular news conference today, adding that a new round of talks will be held in Brussels next month.",
        ],
    ),
    "tr_election": (
        'Former Prime Minister Ahmet Davutoğlu announced yesterday that his party will not join the alliance. "Our doors are not closed to anyone, but we will go to the elections with our own candidate," Davutoğlu said.',
        [
            '"Our doors are not closed to anyone, but we will go to the elections with our own candidate," former prime minister Ahmet Davutoglu said yesterday, announcing that his party would not join the alliance.',
            'Former PM Ahmet Davutoğlu announced yesterday that his party would stay out of the alliance. "Our doors are not closed to anyone, but we will go into the elections with our own candidate," he said.',
        ],
    ),
    "ko_summit": (
        'President Yoon Suk Yeol will visit Washington next week for a summit with US President Joe Biden, the presidential office announced on the 10th. Yoon\'s spokesman Lee Do-woon said the two leaders "will discuss the North Korean nuclear threat and supply chains."',
        [
            'The presidential office announced on the 10th that President Yoon Suk Yeol will travel to Washington next week for a summit with U.S. President Joe Biden. The two leaders "will discuss the North Korean nuclear threat and supply chains," said Yoon\'s spokesman Lee Do-woon.',
            'South Korean President Yoon Suk Yeol is to visit Washington next week for a summit with American President Joe Biden, his office said on the 10th; spokesman Lee Do-woon said the leaders "will discuss the North Korean nuclear threat and supply chains."',
        ],
    ),
    "es_flood": (
        "The floods of this weekend in the province of Valencia left at least five dead, reported the regional president Carlos Mazón, who asked the residents to not travel until Tuesday.",
        [
            "This weekend's floods in the province of Valencia left at least five people dead, regional president Carlos Mazón reported, asking residents not to travel until Tuesday.",
            "At least five people died in the floods in Valencia province this weekend, said Carlos Mazon, the regional president, who asked residents not to travel before Tuesday.",
        ],
    ),
    "de_strike": (
        'The train drivers union GDL has announced a new strike from Wednesday evening. The chairman Claus Weselsky said in Frankfurt: "The railway leaves us no other choice."',
        [
            'The GDL train drivers\' union has called a new strike starting Wednesday evening. "The railway leaves us no other choice," chairman Claus Weselsky said in Frankfurt.',
            'The train drivers\' union GDL announced a new strike from Wednesday evening. In Frankfurt, its chairman Claus Weselsky said: "The railway is leaving us no other choice."',
        ],
    ),
    "fr_mali": (
        "The Malian junta announced Sunday the expulsion of the French ambassador Joël Meyer, who has 72 hours to leave the country. Paris \"takes note\" of the decision, indicated the Quai d'Orsay.",
        [
            "Mali's junta on Sunday announced the expulsion of French ambassador Joël Meyer, giving him 72 hours to leave the country. Paris \"takes note\" of the decision, the Quai d'Orsay said.",
            "On Sunday the junta in Mali announced that French ambassador Joel Meyer was expelled and has 72 hours to leave the country; Paris \"takes note\" of the decision, according to the Quai d'Orsay.",
        ],
    ),
    "ja_bank": (
        'Bank of Japan Governor Kazuo Ueda said at a press conference after the meeting that "it is appropriate to continue the easing" for the time being. The yen weakened to 151 yen per dollar in the evening.',
        [
            'At a news conference after the meeting, Bank of Japan Governor Kazuo Ueda said "it is appropriate to continue easing" for now. In the evening the yen weakened to 151 per dollar.',
            'BOJ Governor Kazuo Ueda told a press conference after the meeting that "it is appropriate to continue the easing" for the time being. The yen fell to 151 yen to the dollar in the evening.',
        ],
    ),
    "uk_grain": (
        "Yesterday, the Minister of Agrarian Policy Mykola Solskyi met with the Polish ambassador in Kyiv. The parties discussed the grain transit through Polish territory, which Warsaw blocked last autumn.",
        [
            "Agrarian Policy Minister Mykola Solskyi met the Polish ambassador in Kyiv yesterday. They discussed grain transit across Poland, which Warsaw blocked last autumn.",
            "In Kyiv yesterday, Minister of Agrarian Policy Mykola Solskyi met Poland's ambassador; the sides discussed the transit of grain through Polish territory, blocked by Warsaw last autumn.",
        ],
    ),
    "ir_drought": (
        "According to the head of the Iran Meteorological Organization, the rainfall in Tehran province since the beginning of the water year has decreased 40 percent compared to last year.",
        [
            "Rainfall in Tehran province has fallen 40 percent since the start of the water year compared with last year, according to the head of Iran's Meteorological Organization.",
            "According to the head of the Iranian Meteorological Organization, rainfall in Tehran province since the beginning of the water year is down 40 percent on the previous year.",
        ],
    ),
    "ru_court": (
        'The Moscow city court on Friday sentenced the former deputy defense minister Timur Ivanov to 13 years in prison. Ivanov in the last word said: "I do not admit guilt and will appeal the verdict."',
        [
            'On Friday the Moscow City Court sentenced former deputy defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said: "I do not admit guilt and will appeal the verdict."',
            '"I do not admit guilt and will appeal the verdict," Timur Ivanov, a former deputy minister of defense, said in his final statement before the Moscow city court sentenced him to 13 years in prison on Friday.',
        ],
    ),
    "ja_election": (
        "The Liberal Democratic Party will hold a presidential election on September 27, party officials said. Prime Minister Fumio Kishida announced last month that he would not run.",
        [
            "Party officials said the Liberal Democratic Party will hold its leadership election on 27 September. Prime Minister Fumio Kishida announced last month he would not stand.",
            "The ruling Liberal Democratic Party's presidential election will take place on Sept. 27, party officials said; PM Fumio Kishida said last month that he would not run.",
        ],
    ),
    "uk_drone": (
        "Air defense forces shot down 23 of 28 drones overnight, the Air Force of the Armed Forces of Ukraine reported in the morning. Spokesman Yurii Ihnat noted that the enemy attacked from the direction of Kursk.",
        [
            "Ukraine's air force said in the morning that air defences had downed 23 of 28 drones overnight. Its spokesman Yurii Ihnat said the enemy attacked from the Kursk direction.",
            "Overnight, air defence units shot down 23 of the 28 drones, the Air Force of Ukraine's Armed Forces reported in the morning; spokesman Yuriy Ignat said the attack came from the direction of Kursk.",
        ],
    ),
    "liv_choir": (
        'The song festival in Riga this summer gather 40 thousand singers, said the festival director Aira Birziņa in Tuesday. She said "the hearts of all Latvians will beat together".',
        [
            'This summer\'s song festival in Riga will bring together 40,000 singers, festival director Aira Birziņa said on Tuesday. "The hearts of all Latvians will beat together," she said.',
            'Festival director Aira Birzina said Tuesday that the song festival in Riga will gather 40 thousand singers this summer, and that "the hearts of all Latvians will beat together".',
        ],
    ),
    "pt_fire": (
        "The fires that broke out on Sunday in the Aveiro district already consumed more than 10 thousand hectares, informed the Civil Protection. The Prime Minister Luís Montenegro visited the area this afternoon.",
        [
            "Fires that broke out on Sunday in Aveiro district have already burned more than 10,000 hectares, Civil Protection said. Prime Minister Luís Montenegro visited the area this afternoon.",
            "More than 10 thousand hectares have already burned in the fires that started Sunday in the district of Aveiro, according to Civil Protection; PM Luis Montenegro toured the area this afternoon.",
        ],
    ),
    "ja_rail": (
        "JR East said that the Tohoku Shinkansen, which was suspended since yesterday due to the power failure, resumed operation at 6 a.m. today.",
        [
            "JR East said Tohoku Shinkansen services, suspended since yesterday by a power failure, resumed at 6 a.m. today.",
            "Services on the Tohoku Shinkansen resumed at 6 a.m. today after being suspended since yesterday because of a power outage, JR East said.",
        ],
    ),
    "ar_oil": (
        'Saudi Aramco announced that its net profit in the second quarter decreased by 3.4 percent, the company said in a statement to the Tadawul stock exchange. CEO Amin Nasser said "demand remains strong despite the challenges".',
        [
            'Saudi Aramco said its second-quarter net profit fell 3.4 percent, in a statement to the Tadawul stock exchange. "Demand remains strong despite the challenges," chief executive Amin Nasser said.',
            'In a filing with the Tadawul stock exchange, Saudi Aramco reported a 3.4 percent drop in second-quarter net profit. CEO Amin Nasser said "demand remains strong despite the challenges".',
        ],
    ),
    "ru_ship": (
        "Last night, the Black Sea Fleet ships repelled an attack of unmanned boats near Sevastopol, the governor Mikhail Razvozhayev reported. According to him, there are no casualties.",
        [
            "Black Sea Fleet ships repelled an attack by unmanned boats near Sevastopol last night, governor Mikhail Razvozhayev reported. He said there were no casualties.",
            "Ships of the Black Sea Fleet fought off an unmanned boat attack near Sevastopol last night, said Mikhail Razvozhayev, the governor, adding that there were no casualties.",
        ],
    ),
    "zh_space": (
        'The Shenzhou-18 crew returned to Earth early this morning, landing at the Dongfeng site in Inner Mongolia, the China Manned Space Agency said. Commander Ye Guangfu said: "We are proud to have completed the mission."',
        [
            'The Shenzhou-18 crew returned to Earth early this morning, touching down at the Dongfeng landing site in Inner Mongolia, the China Manned Space Agency said. "We are proud to have completed the mission," commander Ye Guangfu said.',
            'China\'s Manned Space Agency said the crew of Shenzhou-18 came back to Earth early this morning and landed at the Dongfeng site in Inner Mongolia. Commander Ye Guangfu said: "We are proud that we completed the mission."',
        ],
    ),
}

PLANTED: list[tuple[str, str, str]] = [
    # ------------------------------------------------------------ changed-time
    ("changed-time", "ja_quake", 'On the 14th, the Japan Meteorological Agency said that a magnitude 6.1 earthquake occurred off the coast of Ishikawa Prefecture last night. Chief Cabinet Secretary Hayashi told reporters: "We are confirming the damage situation as quickly as possible."'),
    ("changed-time", "uk_shelling", "On Tuesday morning, Russian troops shelled Kharkiv with multiple rocket launchers, Oleh Syniehubov, head of the regional military administration, said on Telegram. He said two people were injured and a 67-year-old woman was taken to hospital."),
    ("changed-time", "fa_ambassador", 'At his weekly press conference on Monday, Iranian Foreign Ministry spokesman Nasser Kanaani said: "The presence of foreign forces in the region is the root of insecurity." He added that the Swiss ambassador had been summoned on Sunday.'),
    ("changed-time", "ru_gas", 'Gazprom will cut gas supplies via the TurkStream pipeline by a third from 1 March, company spokesman Sergei Kupriyanov said. Last week Deputy Prime Minister Alexander Novak said that "the market will adapt".'),
    ("changed-time", "liv_fish", 'Fishermen in Kolka said on Sunday that the sea did not freeze this winter and the fish went deep. Village elder Jānis Bērziņš said: "We have not seen such a winter in fifty years."'),
    ("changed-time", "liv_fish", 'Fishermen in Kolka said yesterday that the sea did not freeze last winter and the fish went deep. Village elder Jānis Bērziņš said: "We have not seen such a winter in fifty years."'),
    ("changed-time", "ar_gaza", 'On Wednesday in Cairo, Egypt\'s foreign minister Sameh Shoukry received the UN envoy; they discussed the humanitarian situation in Gaza. Shoukry stressed "the need to open all crossings without conditions".'),
    ("changed-time", "zh_trade", "At a regular press conference today, commerce ministry spokeswoman Shu Jueting said China was willing to work with the EU to resolve trade frictions properly through dialogue. The two sides will hold a new round of talks in Brussels next week, she said."),
    ("changed-time", "tr_election", '"Our doors are not closed to anyone, but we will go to the elections with our own candidate," former prime minister Ahmet Davutoglu said on Monday, announcing that his party would not join the alliance.'),
    ("changed-time", "ko_summit", 'The presidential office announced on the 10th that President Yoon Suk Yeol will travel to Washington this week for a summit with U.S. President Joe Biden. The two leaders "will discuss the North Korean nuclear threat and supply chains," said Yoon\'s spokesman Lee Do-woon.'),
    ("changed-time", "es_flood", "Last weekend's floods in the province of Valencia left at least five people dead, regional president Carlos Mazón reported, asking residents not to travel until Tuesday."),
    ("changed-time", "de_strike", 'The GDL train drivers\' union has called a new strike starting Thursday evening. "The railway leaves us no other choice," chairman Claus Weselsky said in Frankfurt.'),
    ("changed-time", "fr_mali", "Mali's junta on Saturday announced the expulsion of French ambassador Joël Meyer, giving him 72 hours to leave the country. Paris \"takes note\" of the decision, the Quai d'Orsay said."),
    ("changed-time", "ja_bank", 'At a news conference after the meeting, Bank of Japan Governor Kazuo Ueda said "it is appropriate to continue easing" for now. On Friday evening the yen weakened to 151 per dollar.'),
    ("changed-time", "uk_grain", "Agrarian Policy Minister Mykola Solskyi met the Polish ambassador in Kyiv yesterday. They discussed grain transit across Poland, which Warsaw blocked last spring."),
    ("changed-time", "uk_grain", "Agrarian Policy Minister Mykola Solskyi met the Polish ambassador in Kyiv on Tuesday. They discussed grain transit across Poland, which Warsaw blocked last autumn."),
    ("changed-time", "ir_drought", "Rainfall in Tehran province has fallen 40 percent since the start of the water year compared with two years ago, according to the head of Iran's Meteorological Organization."),
    ("changed-time", "ru_court", 'On Thursday the Moscow City Court sentenced former deputy defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said: "I do not admit guilt and will appeal the verdict."'),
    ("changed-time", "ja_election", "Party officials said the Liberal Democratic Party will hold its leadership election on 27 September. Prime Minister Fumio Kishida announced last week he would not stand."),
    ("changed-time", "uk_drone", "Ukraine's air force said in the morning that air defences had downed 23 of 28 drones last week. Its spokesman Yurii Ihnat said the enemy attacked from the Kursk direction."),
    ("changed-time", "liv_choir", 'Next summer\'s song festival in Riga will bring together 40,000 singers, festival director Aira Birziņa said on Tuesday. "The hearts of all Latvians will beat together," she said.'),
    ("changed-time", "pt_fire", "Fires that broke out on Sunday in Aveiro district have already burned more than 10,000 hectares, Civil Protection said. Prime Minister Luís Montenegro visited the area this morning."),
    ("changed-time", "ja_rail", "JR East said Tohoku Shinkansen services, suspended since yesterday by a power failure, resumed at 6 a.m. on Sunday."),
    ("changed-time", "ru_ship", "Black Sea Fleet ships repelled an attack by unmanned boats near Sevastopol on Saturday night, governor Mikhail Razvozhayev reported. He said there were no casualties."),
    ("changed-time", "zh_space", 'The Shenzhou-18 crew returned to Earth last night, touching down at the Dongfeng landing site in Inner Mongolia, the China Manned Space Agency said. "We are proud to have completed the mission," commander Ye Guangfu said.'),
    # ------------------------------------------------------------ changed-role
    ("changed-role", "ja_quake", 'On the 14th, the Japan Meteorological Agency said that a magnitude 6.1 earthquake occurred off the coast of Ishikawa Prefecture this morning. Deputy Chief Cabinet Secretary Hayashi told reporters: "We are confirming the damage situation as quickly as possible."'),
    ("changed-role", "uk_shelling", "Russian troops shelled Kharkiv with multiple rocket launchers on Tuesday night, Oleh Syniehubov, deputy head of the regional military administration, said on Telegram. He said two people were injured and a 67-year-old woman was taken to hospital."),
    ("changed-role", "fa_ambassador", 'At his weekly press conference on Monday, Iranian Deputy Foreign Minister Nasser Kanaani said: "The presence of foreign forces in the region is the root of insecurity." He added that the Swiss ambassador had been summoned yesterday.'),
    ("changed-role", "ru_gas", 'Gazprom will cut gas supplies via the TurkStream pipeline by a third from 1 March, company spokesman Sergei Kupriyanov said. Earlier this week Prime Minister Alexander Novak said that "the market will adapt".'),
    ("changed-role", "ar_gaza", 'On Thursday in Cairo, Egypt\'s former foreign minister Sameh Shoukry received the UN envoy; they discussed the humanitarian situation in Gaza. Shoukry stressed "the need to open all crossings without conditions".'),
    ("changed-role", "ar_gaza", 'On Thursday in Cairo, Egyptian President Sameh Shoukry received the UN envoy; they discussed the humanitarian situation in Gaza. Shoukry stressed "the need to open all crossings without conditions".'),
    ("changed-role", "zh_trade", "At a regular press conference today, Commerce Minister Shu Jueting said China was willing to work with the EU to resolve trade frictions properly through dialogue. The two sides will hold a new round of talks in Brussels next month, she said."),
    ("changed-role", "tr_election", '"Our doors are not closed to anyone, but we will go to the elections with our own candidate," prime minister Ahmet Davutoglu said yesterday, announcing that his party would not join the alliance.'),
    ("changed-role", "ko_summit", 'The presidential office announced on the 10th that President Yoon Suk Yeol will travel to Washington next week for a summit with U.S. President Joe Biden. The two leaders "will discuss the North Korean nuclear threat and supply chains," said Yoon\'s chief of staff Lee Do-woon.'),
    ("changed-role", "es_flood", "This weekend's floods in the province of Valencia left at least five people dead, regional vice president Carlos Mazón reported, asking residents not to travel until Tuesday."),
    ("changed-role", "de_strike", 'The GDL train drivers\' union has called a new strike starting Wednesday evening. "The railway leaves us no other choice," deputy chairman Claus Weselsky said in Frankfurt.'),
    ("changed-role", "fr_mali", "Mali's junta on Sunday announced the expulsion of French consul Joël Meyer, giving him 72 hours to leave the country. Paris \"takes note\" of the decision, the Quai d'Orsay said."),
    ("changed-role", "ja_bank", 'At a news conference after the meeting, Bank of Japan Deputy Governor Kazuo Ueda said "it is appropriate to continue easing" for now. In the evening the yen weakened to 151 per dollar.'),
    ("changed-role", "uk_grain", "Deputy Agrarian Policy Minister Mykola Solskyi met the Polish ambassador in Kyiv yesterday. They discussed grain transit across Poland, which Warsaw blocked last autumn."),
    ("changed-role", "uk_grain", "Agrarian Policy Minister Mykola Solskyi met the Polish foreign minister in Kyiv yesterday. They discussed grain transit across Poland, which Warsaw blocked last autumn."),
    ("changed-role", "ir_drought", "Rainfall in Tehran province has fallen 40 percent since the start of the water year compared with last year, according to the deputy head of Iran's Meteorological Organization."),
    ("changed-role", "ru_court", 'On Friday the Moscow City Court sentenced deputy defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said: "I do not admit guilt and will appeal the verdict."'),
    ("changed-role", "ru_court", 'On Friday the Moscow City Court sentenced former defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said: "I do not admit guilt and will appeal the verdict."'),
    ("changed-role", "ja_election", "Party officials said the Liberal Democratic Party will hold its leadership election on 27 September. Former Prime Minister Fumio Kishida announced last month he would not stand."),
    ("changed-role", "uk_drone", "Ukraine's air force said in the morning that air defences had downed 23 of 28 drones overnight. Its commander Yurii Ihnat said the enemy attacked from the Kursk direction."),
    ("changed-role", "liv_choir", 'This summer\'s song festival in Riga will bring together 40,000 singers, culture minister Aira Birziņa said on Tuesday. "The hearts of all Latvians will beat together," she said.'),
    ("changed-role", "pt_fire", "Fires that broke out on Sunday in Aveiro district have already burned more than 10,000 hectares, Civil Protection said. President Luís Montenegro visited the area this afternoon."),
    ("changed-role", "ar_oil", 'Saudi Aramco said its second-quarter net profit fell 3.4 percent, in a statement to the Tadawul stock exchange. "Demand remains strong despite the challenges," energy minister Amin Nasser said.'),
    ("changed-role", "ar_oil", 'Saudi Aramco said its second-quarter net profit fell 3.4 percent, in a statement to the Tadawul stock exchange. "Demand remains strong despite the challenges," former chief executive Amin Nasser said.'),
    ("changed-role", "ru_ship", "Black Sea Fleet ships repelled an attack by unmanned boats near Sevastopol last night, acting governor Mikhail Razvozhayev reported. He said there were no casualties."),
    ("changed-role", "zh_space", 'The Shenzhou-18 crew returned to Earth early this morning, touching down at the Dongfeng landing site in Inner Mongolia, the China Manned Space Agency said. "We are proud to have completed the mission," deputy commander Ye Guangfu said.'),
    # ------------------------------------------------------------ added-explanation
    ("added-explanation", "ja_quake", 'On the 14th, the Japan Meteorological Agency said that a magnitude 6.1 earthquake occurred off the coast of Ishikawa Prefecture, a region on the Sea of Japan known for its hot springs, this morning. Chief Cabinet Secretary Hayashi told reporters: "We are confirming the damage situation as quickly as possible."'),
    ("added-explanation", "uk_shelling", "Russian troops shelled Kharkiv, Ukraine's second-largest city, with multiple rocket launchers on Tuesday night, Oleh Syniehubov, head of the regional military administration, said on Telegram. He said two people were injured and a 67-year-old woman was taken to hospital."),
    ("added-explanation", "fa_ambassador", 'At his weekly press conference on Monday, Iranian Foreign Ministry spokesman Nasser Kanaani said: "The presence of foreign forces in the region is the root of insecurity." He added that the Swiss ambassador, who represents American interests in Tehran, had been summoned yesterday.'),
    ("added-explanation", "ru_gas", 'Gazprom, the state-controlled energy giant, will cut gas supplies via the TurkStream pipeline by a third from 1 March, company spokesman Sergei Kupriyanov said. Earlier this week Deputy Prime Minister Alexander Novak said that "the market will adapt".'),
    ("added-explanation", "liv_fish", 'Fishermen in Kolka, a village at the tip of the Courland peninsula, said yesterday that the sea did not freeze this winter and the fish went deep. Village elder Jānis Bērziņš said: "We have not seen such a winter in fifty years."'),
    ("added-explanation", "ar_gaza", 'On Thursday in Cairo, Egypt\'s foreign minister Sameh Shoukry received the UN envoy, who had arrived from a tour of refugee camps in Jordan; they discussed the humanitarian situation in Gaza. Shoukry stressed "the need to open all crossings without conditions".'),
    ("added-explanation", "zh_trade", "At a regular press conference today, commerce ministry spokeswoman Shu Jueting said China was willing to work with the EU, its largest trading partner, to resolve trade frictions properly through dialogue. The two sides will hold a new round of talks in Brussels next month, she said."),
    ("added-explanation", "tr_election", '"Our doors are not closed to anyone, but we will go to the elections with our own candidate," former prime minister Ahmet Davutoglu said yesterday, announcing that his Future Party, which broke away from the ruling AKP, would not join the alliance.'),
    ("added-explanation", "ko_summit", 'The presidential office announced on the 10th that President Yoon Suk Yeol will travel to Washington next week for a summit with U.S. President Joe Biden. The two leaders "will discuss the North Korean nuclear threat and supply chains," said Yoon\'s spokesman Lee Do-woon, a former television journalist.'),
    ("added-explanation", "es_flood", "This weekend's floods in the province of Valencia, home to a large orange-growing industry on the Mediterranean coast, left at least five people dead, regional president Carlos Mazón reported, asking residents not to travel until Tuesday."),
    ("added-explanation", "de_strike", 'The GDL train drivers\' union, which represents most locomotive drivers at Deutsche Bahn, has called a new strike starting Wednesday evening. "The railway leaves us no other choice," chairman Claus Weselsky said in Frankfurt.'),
    ("added-explanation", "fr_mali", "Mali's junta on Sunday announced the expulsion of French ambassador Joël Meyer (a career diplomat who previously served in Morocco), giving him 72 hours to leave the country. Paris \"takes note\" of the decision, the Quai d'Orsay said."),
    ("added-explanation", "uk_grain", "Agrarian Policy Minister Mykola Solskyi met the Polish ambassador in Kyiv yesterday. They discussed grain transit across Poland, which Warsaw blocked last autumn after protests by farmers angry about cheap imports."),
    ("added-explanation", "ir_drought", "Rainfall in Tehran province, which is home to the sprawling capital and its suburbs, has fallen 40 percent since the start of the water year compared with last year, according to the head of Iran's Meteorological Organization."),
    ("added-explanation", "uk_drone", "Ukraine's air force said in the morning that air defences had downed 23 of 28 drones overnight. Its spokesman Yurii Ihnat said the enemy attacked from the Kursk direction, a Russian border region where fighting has raged for months."),
    ("added-explanation", "pt_fire", "Fires that broke out on Sunday in Aveiro district, a coastal area south of Porto, have already burned more than 10,000 hectares, Civil Protection said. Prime Minister Luís Montenegro visited the area this afternoon."),
    ("added-explanation", "ja_rail", "JR East said Tohoku Shinkansen services — the bullet train line linking the capital with the northern tip of Honshu — suspended since yesterday by a power failure, resumed at 6 a.m. today."),
    ("added-explanation", "ar_oil", 'Saudi Aramco, the world\'s largest oil exporter, said its second-quarter net profit fell 3.4 percent, in a statement to the Tadawul stock exchange. "Demand remains strong despite the challenges," chief executive Amin Nasser said.'),
    ("added-explanation", "ru_ship", "Black Sea Fleet ships repelled an attack by unmanned boats near Sevastopol, the main naval base on the annexed Crimean peninsula, last night, governor Mikhail Razvozhayev reported. He said there were no casualties."),
    ("added-explanation", "zh_space", 'The Shenzhou-18 crew returned to Earth early this morning, touching down at the Dongfeng landing site in Inner Mongolia, the China Manned Space Agency said. Dongfeng is a remote desert base near the Jiuquan launch centre. "We are proud to have completed the mission," commander Ye Guangfu said.'),
    # ------------------------------------------------------------ lost-quote
    ("lost-quote", "ja_quake", "On the 14th, the Japan Meteorological Agency said that a magnitude 6.1 earthquake occurred off the coast of Ishikawa Prefecture this morning. Chief Cabinet Secretary Hayashi told reporters that they were confirming the damage situation as quickly as possible."),
    ("lost-quote", "fa_ambassador", "At his weekly press conference on Monday, Iranian Foreign Ministry spokesman Nasser Kanaani said that the presence of foreign forces in the region was the root of insecurity. He added that the Swiss ambassador had been summoned yesterday."),
    ("lost-quote", "ru_gas", "Gazprom will cut gas supplies via the TurkStream pipeline by a third from 1 March, company spokesman Sergei Kupriyanov said. Earlier this week Deputy Prime Minister Alexander Novak said that the market would adapt."),
    ("lost-quote", "liv_fish", "Fishermen in Kolka said yesterday that the sea did not freeze this winter and the fish went deep. Village elder Jānis Bērziņš said they had not seen such a winter in fifty years."),
    ("lost-quote", "ar_gaza", "On Thursday in Cairo, Egypt's foreign minister Sameh Shoukry received the UN envoy; they discussed the humanitarian situation in Gaza. Shoukry stressed the need to open all crossings without conditions."),
    ("lost-quote", "tr_election", "Former prime minister Ahmet Davutoglu said yesterday that his party would not join the alliance. He said its doors were not closed to anyone, but that it would go to the elections with its own candidate."),
    ("lost-quote", "ko_summit", "The presidential office announced on the 10th that President Yoon Suk Yeol will travel to Washington next week for a summit with U.S. President Joe Biden. Yoon's spokesman Lee Do-woon said the two leaders would discuss the North Korean nuclear threat and supply chains."),
    ("lost-quote", "de_strike", "The GDL train drivers' union has called a new strike starting Wednesday evening. Chairman Claus Weselsky said in Frankfurt that the railway left them no other choice."),
    ("lost-quote", "ja_bank", "At a news conference after the meeting, Bank of Japan Governor Kazuo Ueda said it was appropriate to continue easing for now. In the evening the yen weakened to 151 per dollar."),
    ("lost-quote", "ru_court", "On Friday the Moscow City Court sentenced former deputy defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said he did not admit guilt and would appeal the verdict."),
    ("lost-quote", "liv_choir", "This summer's song festival in Riga will bring together 40,000 singers, festival director Aira Birziņa said on Tuesday. She said the hearts of all Latvians will beat together."),
    ("lost-quote", "ar_oil", "Saudi Aramco said its second-quarter net profit fell 3.4 percent, in a statement to the Tadawul stock exchange. Chief executive Amin Nasser said demand remained strong despite the challenges."),
    ("lost-quote", "zh_space", "The Shenzhou-18 crew returned to Earth early this morning, touching down at the Dongfeng landing site in Inner Mongolia, the China Manned Space Agency said. Commander Ye Guangfu said the crew was proud to have completed the mission."),
    ("lost-quote", "ko_summit", "The presidential office announced on the 10th that President Yoon Suk Yeol will travel to Washington next week for a summit with U.S. President Joe Biden. The two leaders will discuss the North Korean nuclear threat and supply chains, said Yoon's spokesman Lee Do-woon."),
    # ------------------------------------------------------------ dropped-name
    ("dropped-name", "ja_quake", 'On the 14th, the Japan Meteorological Agency said that a magnitude 6.1 earthquake occurred off the coast this morning. Chief Cabinet Secretary Hayashi told reporters: "We are confirming the damage situation as quickly as possible."'),
    ("dropped-name", "uk_shelling", "Russian troops shelled the city with multiple rocket launchers on Tuesday night, Oleh Syniehubov, head of the regional military administration, said on Telegram. He said two people were injured and a 67-year-old woman was taken to hospital."),
    ("dropped-name", "fa_ambassador", 'At his weekly press conference on Monday, Iranian Foreign Ministry spokesman Nasser Kanaani said: "The presence of foreign forces in the region is the root of insecurity." He added that the ambassador had been summoned yesterday.'),
    ("dropped-name", "liv_fish", 'Fishermen said yesterday that the sea did not freeze this winter and the fish went deep. Village elder Jānis Bērziņš said: "We have not seen such a winter in fifty years."'),
    ("dropped-name", "ar_gaza", 'On Thursday in Cairo, Egypt\'s foreign minister Sameh Shoukry received the UN envoy; they discussed the humanitarian situation. Shoukry stressed "the need to open all crossings without conditions".'),
    ("dropped-name", "zh_trade", "At a regular press conference today, commerce ministry spokeswoman Shu Jueting said China was willing to work with the EU to resolve trade frictions properly through dialogue. The two sides will hold a new round of talks next month, she said."),
    ("dropped-name", "ko_summit", 'The presidential office announced on the 10th that President Yoon Suk Yeol will travel to Washington next week for a summit with the U.S. president. The two leaders "will discuss the North Korean nuclear threat and supply chains," said Yoon\'s spokesman Lee Do-woon.'),
    ("dropped-name", "es_flood", "This weekend's floods in the province left at least five people dead, regional president Carlos Mazón reported, asking residents not to travel until Tuesday."),
    ("dropped-name", "de_strike", 'The GDL train drivers\' union has called a new strike starting Wednesday evening. "The railway leaves us no other choice," chairman Claus Weselsky said.'),
    ("dropped-name", "fr_mali", "Mali's junta on Sunday announced the expulsion of the French ambassador, giving him 72 hours to leave the country. Paris \"takes note\" of the decision, the Quai d'Orsay said."),
    ("dropped-name", "ja_bank", 'At a news conference after the meeting, Governor Kazuo Ueda said "it is appropriate to continue easing" for now. In the evening the yen weakened to 151 per dollar.'),
    ("dropped-name", "uk_grain", "Agrarian Policy Minister Mykola Solskyi met the Polish ambassador yesterday. They discussed grain transit across Poland, which Warsaw blocked last autumn."),
    ("dropped-name", "ir_drought", "Rainfall in the province has fallen 40 percent since the start of the water year compared with last year, according to the head of Iran's Meteorological Organization."),
    ("dropped-name", "ru_court", 'On Friday the city court sentenced former deputy defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said: "I do not admit guilt and will appeal the verdict."'),
    ("dropped-name", "ja_election", "Party officials said the party will hold its leadership election on 27 September. Prime Minister Fumio Kishida announced last month he would not stand."),
    ("dropped-name", "uk_drone", "Ukraine's air force said in the morning that air defences had downed 23 of 28 drones overnight. Its spokesman Yurii Ihnat said the enemy attacked from the north."),
    ("dropped-name", "liv_choir", 'This summer\'s song festival will bring together 40,000 singers, festival director Aira Birziņa said on Tuesday. "The hearts of all Latvians will beat together," she said.'),
    ("dropped-name", "pt_fire", "Fires that broke out on Sunday have already burned more than 10,000 hectares, Civil Protection said. Prime Minister Luís Montenegro visited the area this afternoon."),
    ("dropped-name", "ja_rail", "The operator said Tohoku Shinkansen services, suspended since yesterday by a power failure, resumed at 6 a.m. today."),
    ("dropped-name", "ar_oil", 'Saudi Aramco said its second-quarter net profit fell 3.4 percent, in a statement to the stock exchange. "Demand remains strong despite the challenges," chief executive Amin Nasser said.'),
    ("dropped-name", "ru_ship", "Black Sea Fleet ships repelled an attack by unmanned boats last night, governor Mikhail Razvozhayev reported. He said there were no casualties."),
    ("dropped-name", "zh_space", 'The Shenzhou-18 crew returned to Earth early this morning, touching down at the Dongfeng landing site, the China Manned Space Agency said. "We are proud to have completed the mission," commander Ye Guangfu said.'),
    # ------------------------------------------------------------ dropped-date
    ("dropped-date", "uk_shelling", "Russian troops shelled Kharkiv with multiple rocket launchers, Oleh Syniehubov, head of the regional military administration, said on Telegram. He said two people were injured and a 67-year-old woman was taken to hospital."),
    ("dropped-date", "ru_gas", 'Gazprom will cut gas supplies via the TurkStream pipeline by a third, company spokesman Sergei Kupriyanov said. Earlier this week Deputy Prime Minister Alexander Novak said that "the market will adapt".'),
    ("dropped-date", "zh_trade", "At a regular press conference today, commerce ministry spokeswoman Shu Jueting said China was willing to work with the EU to resolve trade frictions properly through dialogue. The two sides will hold a new round of talks in Brussels, she said."),
    ("dropped-date", "es_flood", "This weekend's floods in the province of Valencia left at least five people dead, regional president Carlos Mazón reported, asking residents not to travel for now."),
    ("dropped-date", "ru_court", 'The Moscow City Court sentenced former deputy defence minister Timur Ivanov to 13 years in prison. In his final statement Ivanov said: "I do not admit guilt and will appeal the verdict."'),
    ("dropped-date", "ja_election", "Party officials said the Liberal Democratic Party will hold its leadership election in September. Prime Minister Fumio Kishida announced last month he would not stand."),
    ("dropped-date", "liv_choir", 'This summer\'s song festival in Riga will bring together 40,000 singers, festival director Aira Birziņa said. "The hearts of all Latvians will beat together," she said.'),
    ("dropped-date", "ar_gaza", 'In Cairo, Egypt\'s foreign minister Sameh Shoukry received the UN envoy; they discussed the humanitarian situation in Gaza. Shoukry stressed "the need to open all crossings without conditions".'),
    ("dropped-date", "fr_mali", "Mali's junta announced the expulsion of French ambassador Joël Meyer, giving him 72 hours to leave the country. Paris \"takes note\" of the decision, the Quai d'Orsay said."),
    ("dropped-date", "uk_grain", "Agrarian Policy Minister Mykola Solskyi met the Polish ambassador in Kyiv. They discussed grain transit across Poland, which Warsaw blocked last autumn."),
    ("dropped-date", "pt_fire", "Fires that broke out in Aveiro district have already burned more than 10,000 hectares, Civil Protection said. Prime Minister Luís Montenegro visited the area this afternoon."),
]

# (evidence passage, faithful summary sentences, planted [(kind, summary sentence)])
SUMMARIES: list[tuple[str, list[str], list[tuple[str, str]]]] = [
    (
        "Russian forces attacked Ukrainian positions near Bakhmut overnight with artillery and drones. The Ukrainian general staff said the assault was repelled. Kyiv also reported shelling in the Kherson region.",
        [
            "Russian forces attacked Ukrainian positions near Bakhmut, but the assault was repelled.",
            "Ukrainian positions near Bakhmut were attacked by Russian forces overnight.",
            "Russia's artillery and drone attack on Ukrainian positions near Bakhmut was repelled, the Ukrainian general staff said.",
        ],
        [
            ("swapped-role", "Ukrainian forces attacked Russian positions near Bakhmut overnight with artillery and drones."),
            ("swapped-role", "Russian positions near Bakhmut were attacked by Ukrainian forces overnight."),
            ("contradicts-evidence", "Russian forces attacked Ukrainian positions near Kherson overnight with artillery and drones."),
        ],
    ),
    (
        "Azerbaijan accused Russia of shooting down the passenger plane, which was flying from Baku to Grozny. Moscow has not accepted responsibility. The crash near Aktau killed 38 people and injured 29 others.",
        [
            "Azerbaijan accused Russia of downing the plane, which was flying from Baku to Grozny.",
            "The crash near Aktau killed 38 people and left 29 injured; Baku blames Moscow.",
            "Baku has accused Moscow of shooting down the Baku-Grozny flight, while Russia has not accepted responsibility.",
        ],
        [
            ("swapped-role", "Russia accused Azerbaijan of shooting down the passenger plane."),
            ("swapped-role", "The passenger plane was flying from Grozny to Baku when it was shot down."),
            ("swapped-role", "The crash near Aktau killed 29 people and injured 38 others."),
            ("contradicts-evidence", "The crash near Aktau killed 29 people."),
        ],
    ),
    (
        "Israeli aircraft struck targets in southern Lebanon on Tuesday, and Hezbollah fired rockets at northern Israel in response. Lebanese officials said three civilians were killed in Nabatieh.",
        [
            "Israeli aircraft struck southern Lebanon, and Hezbollah answered with rockets fired at northern Israel.",
            "Lebanese officials said three civilians were killed in Nabatieh after Israeli strikes in southern Lebanon.",
        ],
        [
            ("swapped-role", "Lebanese aircraft struck targets in northern Israel on Tuesday."),
            ("swapped-role", "Hezbollah struck targets in southern Lebanon, and Israel fired rockets in response."),
            ("contradicts-evidence", "Israeli officials said three civilians were killed in Nabatieh."),
        ],
    ),
    (
        "China's coast guard blocked a Philippine supply boat near the Second Thomas Shoal on Sunday, Manila said. Beijing said the Philippine vessel had intruded into Chinese waters.",
        [
            "Manila said the Chinese coast guard blocked a Philippine supply boat near the Second Thomas Shoal on Sunday.",
            "A Philippine supply boat was blocked by China's coast guard near the Second Thomas Shoal, Manila said.",
        ],
        [
            ("swapped-role", "The Philippine coast guard blocked a Chinese supply boat near the Second Thomas Shoal on Sunday."),
            ("swapped-role", "A Chinese supply boat was blocked by the Philippine coast guard near the Second Thomas Shoal."),
        ],
    ),
    (
        "Turkish President Recep Tayyip Erdogan met Greek Prime Minister Kyriakos Mitsotakis in Athens, where the two leaders signed a declaration of friendship. Erdogan invited Mitsotakis to visit Ankara next year.",
        [
            "Erdogan and Mitsotakis signed a declaration of friendship in Athens.",
            "The Turkish president invited the Greek prime minister to Ankara next year.",
        ],
        [
            ("swapped-role", "Mitsotakis invited Erdogan to visit Athens next year."),
            ("contradicts-evidence", "Erdogan and Mitsotakis signed a declaration of friendship in Ankara."),
        ],
    ),
    (
        "Kenya beat Uganda 3-1 in the regional final in Nairobi on Saturday, with two goals from the Kenyan captain. Uganda's only goal came from a penalty.",
        [
            "Kenya beat Uganda 3-1 in the regional final in Nairobi.",
            "Uganda lost 3-1 to Kenya in the regional final, scoring only from a penalty.",
        ],
        [
            ("swapped-role", "Uganda beat Kenya 3-1 in the regional final in Nairobi."),
            ("contradicts-evidence", "Kenya beat Uganda 3-1 in the regional final in Kampala."),
        ],
    ),
    (
        "The European Commission fined Google 2.4 billion euros for abusing its dominance in online shopping searches. Google said it would appeal the decision.",
        [
            "The European Commission fined Google 2.4 billion euros for abusing its dominance.",
            "Google was fined 2.4 billion euros by the European Commission and will appeal.",
        ],
        [
            ("swapped-role", "Google fined the European Commission 2.4 billion euros."),
        ],
    ),
    (
        "Ukrainian drones hit an oil depot in Russia's Bryansk region, local governor Alexander Bogomaz said. The Russian defence ministry said 14 drones were destroyed over Bryansk and 6 over Kursk.",
        [
            "Ukrainian drones hit an oil depot in the Bryansk region, governor Alexander Bogomaz said.",
            "Russia's defence ministry said it destroyed 14 drones over Bryansk and 6 over Kursk.",
        ],
        [
            ("swapped-role", "Russian drones hit an oil depot in Ukraine's Bryansk region."),
            ("swapped-role", "The Russian defence ministry said 6 drones were destroyed over Bryansk and 14 over Kursk."),
            ("contradicts-evidence", "Ukrainian drones hit an oil depot in Russia's Kursk region, governor Alexander Bogomaz said."),
        ],
    ),
    (
        "Armenian Prime Minister Nikol Pashinyan said Azerbaijan had violated the ceasefire near Sotk on Tuesday. Baku denied the claim and accused Yerevan of provocation.",
        [
            "Pashinyan said Azerbaijan violated the ceasefire near Sotk on Tuesday; Baku denied it.",
            "Azerbaijan denied Armenian claims of a ceasefire violation and accused Yerevan of provocation.",
        ],
        [
            ("swapped-role", "Azerbaijan said Armenia had violated the ceasefire near Sotk, and Yerevan denied the claim."),
            ("swapped-role", "Yerevan denied the claim and accused Baku of provocation."),
        ],
    ),
    (
        "Japan's Toyota overtook Germany's Volkswagen as the world's largest carmaker last year, selling 11.2 million vehicles against 9.2 million.",
        [
            "Toyota overtook Volkswagen as the world's largest carmaker last year.",
            "Japan's Toyota sold 11.2 million vehicles last year, more than Volkswagen's 9.2 million.",
        ],
        [
            ("swapped-role", "Volkswagen overtook Toyota as the world's largest carmaker last year."),
            ("swapped-role", "Toyota sold 9.2 million vehicles against Volkswagen's 11.2 million."),
        ],
    ),
]
