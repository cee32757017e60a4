"""Where an English machine translation came from: the vocabulary :mod:`.language` weighs.

Data only, apart from the weighing: letters one language of a script uses, agencies and sites,
dateline cities, country domains, HTML ``lang`` codes, function words, and what an article about
a country keeps of it: its places, the way its people's names are romanized, and its
institutions, currencies and calendar.
"""

from __future__ import annotations

import re

# Letters one language of a shared script uses and its neighbours do not.
LETTERS: dict[str, str] = {
    **dict.fromkeys("پچژگکی۰۱۲۳۴۵۶۷۸۹", "Persian"),
    **dict.fromkeys("ٹڈڑںےھ", "Urdu"),
    **dict.fromkeys("ڕڵۆێڤ", "Kurdish"),
    **dict.fromkeys("ةىيك٠١٢٣٤٥٦٧٨٩", "Arabic"),
    **dict.fromkeys("іїєґІЇЄҐ", "Ukrainian"),
    **dict.fromkeys("ыэъёЫЭЪЁ", "Russian"),
    **dict.fromkeys("ơưđƠƯĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "Vietnamese"),
    **dict.fromkeys("ğışĞİŞ", "Turkish"),
    **dict.fromkeys("ñ¿¡", "Spanish"),
}
# A script's default language, when no telling letter is there (Unicode name prefix -> language).
SCRIPTS: dict[str, str] = {
    "ARABIC": "Arabic",
    "CYRILLIC": "Russian",
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "HEBREW": "Hebrew",
    "GREEK": "Greek",
    "DEVANAGARI": "Hindi",
    "BENGALI": "Bengali",
    "THAI": "Thai",
    "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian",
    "TAMIL": "Tamil",
    "GURMUKHI": "Punjabi",
    "ETHIOPIC": "Amharic",
    "KHMER": "Khmer",
    "LAO": "Lao",
    "MYANMAR": "Burmese",
    "SINHALA": "Sinhala",
}
# News agencies and sites whose English copy is translated from one language.
AGENCIES: dict[str, str] = {
    **dict.fromkeys(
        [
            "IRNA",
            "ISNA",
            "ILNA",
            "IBNA",
            "Mehr",
            "MNA",
            "Tasnim",
            "Fars",
            "Tehran Times",
            "IFP",
            "Iran Front Page",
            "Nour News",
            "Didgah",
            "YJC",
            "Kayhan",
            "Hamshahri",
        ],
        "Persian",
    ),
    **dict.fromkeys(
        [
            "Shafaq News",
            "Shafaq",
            "Alsumaria",
            "Al Sumaria",
            "INA",
            "Iraqi News Agency",
            "Al-Maalouma",
            "Al Maalouma",
            "Baghdad Today",
            "ALsharqiya",
            "Al Sharqiya",
            "SANA",
            "WAFA",
            "QNA",
            "KUNA",
            "SPA",
            "MENA",
            "WAM",
            "Al-masirah",
            "Al Masirah",
            "Saba",
            "Ma'an",
            "Al-Akhbariya",
            "Al Mayadeen",
            "Iraqi News",
            "Iraq News Now",
            "Petra",
            "BNA",
            "Ahram",
            "Youm7",
            "Hespress",
        ],
        "Arabic",
    ),
    **dict.fromkeys(["Rudaw", "Kurdistan 24", "Kurdistan24", "NRT", "K24"], "Kurdish"),
    **dict.fromkeys(
        [
            "Xinhua",
            "Xinhua News Agency",
            "China News Service",
            "Chinanews",
            "CNS",
            "CCTV",
            "People's Daily",
            "Guancha",
            "The Paper",
            "Sina",
            "Sohu",
            "NetEase",
            "YCPress",
            "Fanfei News Agency",
            "CNA",
        ],
        "Chinese",
    ),
    **dict.fromkeys(
        [
            "TASS",
            "RIA Novosti",
            "RIA",
            "Interfax",
            "Izvestia",
            "Kommersant",
            "Vedomosti",
            "Lenta.ru",
            "Gazeta.ru",
            "RBC",
            "Sputnik",
            "Pravda.Ru",
            "Rossiya 24",
            "Novye Izvestia",
        ],
        "Russian",
    ),
    **dict.fromkeys(["Ukrinform", "UNIAN", "Ukrainska Pravda", "Suspilne"], "Ukrainian"),
    **dict.fromkeys(
        [
            "Europa Press",
            "EFE",
            "Infobae",
            "Andina",
            "Télam",
            "Telam",
            "Notimex",
            "Prensa Latina",
            "El Universal",
            "El País",
            "La Jornada",
            "Milenio",
            "Clarín",
        ],
        "Spanish",
    ),
    **dict.fromkeys(["Yonhap", "News1", "News 1", "Newsis", "Asia Today"], "Korean"),
    **dict.fromkeys(["Kyodo", "Jiji", "NHK", "Asahi", "Mainichi", "Yomiuri"], "Japanese"),
    **dict.fromkeys(
        ["VNA", "VnExpress", "Tuoi Tre", "SGGP", "Thanh Nien", "VietnamPlus"], "Vietnamese"
    ),
    **dict.fromkeys(
        ["Anadolu", "Anadolu Agency", "DHA", "IHA", "TRT", "Hurriyet", "Sabah"], "Turkish"
    ),
    **dict.fromkeys(["SKAI", "ANA-MPA", "Kathimerini", "ERT"], "Greek"),
    **dict.fromkeys(["Walla", "Ynet", "Maariv", "Haaretz", "Israel Hayom", "Kan"], "Hebrew"),
    **dict.fromkeys(["ANSA", "Adnkronos"], "Italian"),
    **dict.fromkeys(["DPA", "Deutsche Welle"], "German"),
    **dict.fromkeys(["Antara", "Kompas", "Tempo"], "Indonesian"),
}
# Dateline cities (and a few capitals' usual spellings) -> the language of their press.
CITIES: dict[str, str] = {
    **dict.fromkeys(
        [
            "tehran",
            "mashhad",
            "isfahan",
            "tabriz",
            "shiraz",
            "qom",
            "ahvaz",
            "kermanshah",
            "khorram abad",
            "kabul",
        ],
        "Persian",
    ),
    **dict.fromkeys(
        [
            "baghdad",
            "basra",
            "mosul",
            "najaf",
            "karbala",
            "damascus",
            "aleppo",
            "beirut",
            "cairo",
            "riyadh",
            "amman",
            "doha",
            "sanaa",
            "gaza",
            "ramallah",
            "tripoli",
            "algiers",
            "rabat",
            "tunis",
            "kuwait",
            "manama",
            "muscat",
            "abu dhabi",
            "dubai",
            "khartoum",
            "baqubah",
            "diyala",
            "kirkuk",
            "nasiriyah",
        ],
        "Arabic",
    ),
    **dict.fromkeys(["erbil", "sulaymaniyah", "duhok", "halabja"], "Kurdish"),
    **dict.fromkeys(
        ["beijing", "shanghai", "guangzhou", "shenzhen", "wuhan", "chengdu", "taipei", "hong kong"],
        "Chinese",
    ),
    **dict.fromkeys(
        [
            "moscow",
            "st. petersburg",
            "saint petersburg",
            "kazan",
            "novosibirsk",
            "vladivostok",
            "minsk",
            "sevastopol",
        ],
        "Russian",
    ),
    **dict.fromkeys(["kyiv", "kiev", "kharkiv", "odesa", "lviv", "dnipro"], "Ukrainian"),
    **dict.fromkeys(
        [
            "madrid",
            "barcelona",
            "mexico city",
            "buenos aires",
            "bogota",
            "bogotá",
            "lima",
            "santiago",
            "caracas",
            "havana",
            "quito",
            "montevideo",
            "la paz",
            "tacna",
        ],
        "Spanish",
    ),
    **dict.fromkeys(["seoul", "sejong", "busan", "pyongyang"], "Korean"),
    **dict.fromkeys(["tokyo", "osaka", "kyoto"], "Japanese"),
    **dict.fromkeys(["hanoi", "ho chi minh city", "da nang"], "Vietnamese"),
    **dict.fromkeys(["ankara", "istanbul", "izmir"], "Turkish"),
    **dict.fromkeys(["athens", "thessaloniki", "nicosia"], "Greek"),
    **dict.fromkeys(["jerusalem", "tel aviv"], "Hebrew"),
}
# Country-code domains whose sites publish in one language.
DOMAINS: dict[str, str] = {
    "ir": "Persian",
    "af": "Persian",
    "iq": "Arabic",
    "sa": "Arabic",
    "eg": "Arabic",
    "sy": "Arabic",
    "ae": "Arabic",
    "qa": "Arabic",
    "kw": "Arabic",
    "jo": "Arabic",
    "lb": "Arabic",
    "ye": "Arabic",
    "ly": "Arabic",
    "dz": "Arabic",
    "ma": "Arabic",
    "tn": "Arabic",
    "om": "Arabic",
    "bh": "Arabic",
    "sd": "Arabic",
    "ps": "Arabic",
    "krd": "Kurdish",
    "cn": "Chinese",
    "tw": "Chinese",
    "hk": "Chinese",
    "ru": "Russian",
    "by": "Russian",
    "ua": "Ukrainian",
    "es": "Spanish",
    "mx": "Spanish",
    "ar": "Spanish",
    "co": "Spanish",
    "cl": "Spanish",
    "pe": "Spanish",
    "ve": "Spanish",
    "cu": "Spanish",
    "ec": "Spanish",
    "bo": "Spanish",
    "uy": "Spanish",
    "py": "Spanish",
    "kr": "Korean",
    "jp": "Japanese",
    "vn": "Vietnamese",
    "tr": "Turkish",
    "gr": "Greek",
    "il": "Hebrew",
    "de": "German",
    "at": "German",
    "fr": "French",
    "it": "Italian",
    "br": "Portuguese",
    "pt": "Portuguese",
    "pl": "Polish",
    "id": "Indonesian",
    "th": "Thai",
}
# HTML lang codes -> language names.
LANG_CODES: dict[str, str] = {
    "fa": "Persian",
    "ar": "Arabic",
    "ckb": "Kurdish",
    "ku": "Kurdish",
    "ur": "Urdu",
    "zh": "Chinese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "es": "Spanish",
    "ko": "Korean",
    "ja": "Japanese",
    "vi": "Vietnamese",
    "tr": "Turkish",
    "el": "Greek",
    "he": "Hebrew",
    "iw": "Hebrew",
    "hi": "Hindi",
    "de": "German",
    "fr": "French",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "id": "Indonesian",
    "th": "Thai",
}
# Function words: a line made mostly of them is untranslated text (Spanish "Te puede interesar").
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "Spanish": frozenset(
        "de la que el en los del se las por un para con una su al lo como más "
        "pero sus le ya este porque esta entre cuando muy sin sobre también me "
        "hasta hay donde desde todo nos durante te puede leer".split()
    ),
    "Portuguese": frozenset(
        "de que não uma os no se na por mais as dos como mas ao ele das à seu "
        "sua ou quando muito nos já também só pelo pela até isso".split()
    ),
    "French": frozenset(
        "le la les des et est une du dans que qui pour pas sur au plus par "
        "ce avec sont aux ont lire aussi".split()
    ),
    "German": frozenset(
        "der die das und ist nicht ein eine zu den von mit sich des auf für "
        "dem im auch es an werden aus er hat dass lesen".split()
    ),
    "Turkish": frozenset("ve bir bu da de için ile olarak daha çok gibi kadar".split()),
    "Indonesian": frozenset(
        "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga baca".split()
    ),
}


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",") if w.strip()]


# Places, peoples and adjectives an article about a country keeps naming (the article's focus).
# Kurdistan is left out: Arabic-language Iraqi media write of it as much as Kurdish media do.
PLACES: dict[str, list[str]] = {
    "Persian": _words(
        "Iran, Iranian, Iranians, Tehran, Islamic Republic, Khorasan, Isfahan, Mashhad, Shiraz, "
        "Tabriz, Qom, Ahvaz, Kerman, Kermanshah, Khuzestan, Sistan, Baluchestan, Mazandaran, "
        "Gilan, Hormozgan, Bushehr, Yazd, Semnan, Zanjan, Hamedan, Lorestan, Golestan, Ardabil, "
        "Qazvin, Alborz, Karaj, Chabahar, Afghanistan, Afghan, Afghans, Kabul, Herat"
    ),
    "Arabic": _words(
        "Iraq, Iraqi, Iraqis, Baghdad, Basra, Mosul, Najaf, Karbala, Anbar, Nineveh, Diyala, "
        "Dhi Qar, Saladin, Syria, Syrian, Syrians, Damascus, Aleppo, Idlib, Homs, Lebanon, "
        "Lebanese, Beirut, Egypt, Egyptian, Egyptians, Cairo, Alexandria, Saudi, Riyadh, Jeddah, "
        "Jordan, Jordanian, Amman, Yemen, Yemeni, Yemenis, Sanaa, Aden, Hodeidah, Hajjah, Marib, "
        "Qatar, Qatari, Doha, Kuwait, Kuwaiti, Bahrain, Bahraini, Manama, Oman, Omani, Muscat, "
        "Emirates, Emirati, Abu Dhabi, Dubai, Libya, Libyan, Benghazi, Tunisia, Tunisian, Tunis, "
        "Algeria, Algerian, Algiers, Morocco, Moroccan, Rabat, Sudan, Sudanese, Khartoum, "
        "Palestine, Palestinian, Palestinians, Gaza, Ramallah, West Bank"
    ),
    "Chinese": _words(
        "China, Chinese, Beijing, Shanghai, Guangzhou, Shenzhen, Wuhan, Chengdu, Chongqing, "
        "Tianjin, Hangzhou, Nanjing, Xi'an, Hong Kong, Taiwan, Taiwanese, Taipei, Macau, Xinjiang, "
        "Tibet, Guangdong, Sichuan, Hubei, Henan, Zhejiang, Jiangsu, Shandong, Yunnan, Fujian, "
        "Hunan, Hebei, Anhui, Shaanxi, Liaoning, Heilongjiang, Gansu, Guizhou, Jiangxi, Shanxi, "
        "Hainan, Inner Mongolia, Ningxia, Qinghai, Guangxi"
    ),
    "Russian": _words(
        "Russia, Russian, Russians, Moscow, Kremlin, St. Petersburg, Saint Petersburg, Siberia, "
        "Chechnya, Dagestan, Tatarstan, Novosibirsk, Yekaterinburg, Kazan, Sochi, Vladivostok, "
        "Belarus, Belarusian, Minsk, Kiev, Kharkov, Lugansk, Zaporozhye, Nikolaev, Odessa, Dnepr"
    ),
    "Ukrainian": _words(
        "Ukraine, Ukrainian, Ukrainians, Kyiv, Kharkiv, Odesa, Lviv, Dnipro, Zaporizhzhia, "
        "Luhansk, Mykolaiv, Chernihiv, Sumy, Poltava, Vinnytsia, Zhytomyr, Khmelnytskyi"
    ),
    "Spanish": _words(
        "Spain, Spanish, Madrid, Barcelona, Andalusia, Catalonia, Mexico, Mexican, Mexicans, "
        "Mexico City, Argentina, Argentine, Argentinian, Buenos Aires, Colombia, Colombian, "
        "Bogotá, Bogota, Peru, Peruvian, Lima, Chile, Chilean, Venezuela, Venezuelan, Caracas, "
        "Cuba, Cuban, Havana, Ecuador, Ecuadorian, Quito, Guayaquil, Bolivia, Bolivian, Uruguay, "
        "Uruguayan, Montevideo, Paraguay, Paraguayan, Guatemala, Guatemalan, Honduras, Honduran, "
        "El Salvador, Salvadoran, Nicaragua, Nicaraguan, Costa Rica, Panama, Panamanian, "
        "Dominican Republic, Puerto Rico"
    ),
    "Japanese": _words(
        "Japan, Japanese, Tokyo, Osaka, Kyoto, Yokohama, Hokkaido, Okinawa, Fukushima, Hiroshima, "
        "Nagasaki, Kobe, Nagoya, Sapporo, Fukuoka, Sendai"
    ),
    "Korean": _words(
        "Korea, Korean, Koreans, Seoul, Busan, Incheon, Daegu, Gwangju, Sejong, Jeju, Gyeonggi, "
        "Pyongyang"
    ),
    "Vietnamese": _words(
        "Vietnam, Viet Nam, Vietnamese, Hanoi, Ho Chi Minh City, Saigon, Da Nang, Hai Phong, "
        "Can Tho, Quang Ninh, Hung Yen, Nghe An, Hue, Dong Nai, Binh Duong"
    ),
    "Turkish": _words(
        "Turkey, Türkiye, Turkish, Turks, Ankara, Istanbul, Izmir, Antalya, Bursa, Adana, "
        "Gaziantep, Konya, Diyarbakir"
    ),
    "Greek": _words("Greece, Greek, Greeks, Athens, Thessaloniki, Crete, Piraeus, Hellenic"),
    "Hebrew": _words("Israel, Israeli, Israelis, Jerusalem, Tel Aviv, Haifa"),
    "Hindi": _words("India, Indian, New Delhi, Delhi, Mumbai, Uttar Pradesh, Bihar"),
    "Urdu": _words("Pakistan, Pakistani, Islamabad, Karachi, Lahore, Peshawar, Balochistan"),
    "Portuguese": _words(
        "Brazil, Brazilian, Brasília, São Paulo, Rio de Janeiro, Portugal, Portuguese, Lisbon"
    ),
    "French": _words("France, French, Paris, Marseille, Lyon"),
    "German": _words("Germany, German, Berlin, Munich, Hamburg, Austria, Austrian, Vienna"),
    "Italian": _words("Italy, Italian, Rome, Milan, Naples"),
    "Indonesian": _words("Indonesia, Indonesian, Jakarta, Surabaya, Bandung"),
}

# How a language's personal names come out in Latin letters: a given name of its own spelling
# followed by a capitalized name, or a pattern of its names (Russian patronymics).
_GIVEN = {
    "Persian": "Mohammad, Mohammadreza, Alireza, Hamidreza, Gholamreza, Hossein, Mehdi, Mahdi, "
    "Javad, Reza, Ebrahim, Esmaeil, Mohsen, Masoud, Mojtaba, Saeed, Ehsan, Kazem, "
    "Abdolreza, Abbas, Hassan, Ali, Amir, Hamid, Mahmoud, Majid, Vahid, Nasser, "
    "Mostafa, Morteza, Hojjat, Sadegh, Gholam, Farhad, Ghasem, Zahra, Fatemeh, Massoud",
    "Arabic": "Mohammed, Muhammad, Ahmed, Mustafa, Hussein, Ibrahim, Khalid, Khaled, Abdullah, "
    "Omar, Nouri, Haider, Qais, Adel, Fuad, Faleh, Hadi, Ammar, Falih, Salah, Saleh, "
    "Walid, Youssef, Yousef, Tariq, Nabil, Sami, Ayman, Bashar, Nabih, Faisal, Mahmoud",
    "Russian": "Vladimir, Sergey, Sergei, Dmitry, Dmitri, Alexei, Aleksei, Alexey, Nikolai, "
    "Nikolay, Yuri, Yury, Mikhail, Andrei, Andrey, Igor, Oleg, Alexander, Aleksandr, "
    "Yevgeny, Evgeny, Valentina, Svetlana, Tatiana, Vyacheslav, Gennady, Anatoly, "
    "Vasily, Pyotr, Maxim, Denis, Anton, Konstantin, Viktor, Boris, Valery",
    "Ukrainian": "Volodymyr, Oleksandr, Oleksiy, Oleksii, Mykola, Mykhailo, Dmytro, Serhiy, "
    "Serhii, Andriy, Andrii, Yuriy, Yurii, Petro, Vasyl, Hryhoriy, Yevhen, Olha, "
    "Iryna, Tetiana, Kateryna, Oleh, Ihor, Vitaliy, Vitalii, Denys, Taras, Bohdan",
    "Spanish": "José, Jesús, Andrés, Martín, Ramón, Héctor, Óscar, Sebastián, Nicolás, Iván, "
    "Fernando, Alejandro, Francisco, Javier, Guillermo, Ricardo, Claudia, Marcelo, "
    "Rafael, Gustavo, Horacio",
}
NAMES: dict[str, re.Pattern[str]] = {
    lang: re.compile(
        r"\b(?:" + "|".join(re.escape(n) for n in _words(given)) + r")"
        r"(?:[ -][A-Z][\w'’-]+)"
    )
    for lang, given in _GIVEN.items()
}
NAMES["Russian"] = re.compile(
    NAMES["Russian"].pattern + r"|\b[A-Z][a-z]+(?:ovich|evich|ovna|evna)\b"
)
NAMES["Ukrainian"] = re.compile(
    NAMES["Ukrainian"].pattern + r"|\b[A-Z][a-z]+(?:enko|chuk|iuk|yuk)\b"
)
NAMES["Arabic"] = re.compile(
    NAMES["Arabic"].pattern + r"|\b(?:Abdul|Abdel|Abu|bin|ibn) [A-Z][\w'’-]+|\b[Aa]l-[A-Z][a-z]{2,}"
)
NAMES["Persian"] = re.compile(
    NAMES["Persian"].pattern + r"|\b[A-Z][a-z]+(?:zadeh|pour|nejad|nezhad|abadi)\b"
)
NAMES["Chinese"] = re.compile(
    r"\b(?:Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Zhou|Xu|Sun|Zhu|Hu|Guo|He|Lin|Luo|Gao|Zheng|"
    r"Liang|Xie|Song|Tang|Feng|Deng|Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai|Jiang|Du|Ye|Cheng|"
    r"Wei|Su|Lu|Ding|Ren|Shen|Yao|Xi|Qian|Kong|Bai|Cui|Mao|Qiu|Qin|Jia|Xue|Yan|Hou|Duan|Hao|"
    r"Shao|Meng|Yin|Fang|Shi|Fu|Geng|Kang|Wen)"
    r" (?:[BCDFGHJKLMNPQRSTWXYZ]h?[a-z]{0,3}(?:[aeiou][a-z]{0,3}))"
    r"(?:[bcdfghjklmnpqrstwxyz]h?[aeiou]"
    r"[a-z]{0,3})?\b(?![ -][A-Z])"
)
NAMES["Vietnamese"] = re.compile(
    r"\b(?:Nguyen|Tran|Pham|Hoang|Huynh|Phan|Vu|Vo|Dang|Bui|Ngo|Duong) (?:[A-Z][a-z]{1,5} ){0,2}"
    r"[A-Z][a-z]{1,5}\b"
)
NAMES["Korean"] = re.compile(
    r"\b(?:Kim|Lee|Park|Choi|Jung|Kang|Cho|Yoon|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Yoo|"
    r"Hong|Jeon|Moon|Yang|Son|Bae|Baek|Nam|Chung|Ko) [A-Z][a-z]+-[a-z]+\b"
)
NAMES["Spanish"] = re.compile(
    NAMES["Spanish"].pattern + r"|\b[A-Z][a-zñ]*[áéíóú][a-zñ]*ez\b"
)  # López, Pérez, Sánchez
NAMES["Greek"] = re.compile(r"\b[A-Z][a-z]+(?:opoulos|poulos|idis|akis|iadis)\b")
NAMES["Turkish"] = re.compile(r"\b[A-Z][a-z]+oğlu\b|\b[A-Z][a-z]+oglu\b")

# Institutions, currencies and calendars of one country.
TERMS: dict[str, re.Pattern[str]] = {
    lang: re.compile(pattern)
    for lang, pattern in {
        "Persian": r"\b(?:Majlis|Ayatollah|Hojatoleslam|Hojjatoleslam|Supreme Leader|Guardian "
        r"Council|Expediency Council|IRGC|Basij|rials?|tomans?|Farvardin|Ordibehesht|"
        r"Khordad|Mordad|Shahrivar|Aban|Azar|Bahman|Esfand|[Ss]olar [Hh]ijri|Nowruz|"
        r"Leader of the Islamic Revolution)\b",
        "Arabic": r"\b(?:Hashd|Popular Mobilization|PMF|dinars?|riyals?|dirhams?|Council of "
        r"Representatives|Emir|Hezbollah|Houthis?|Ansar Allah|Sadrist|Muharram|Shawwal|"
        r"Dhu al-Hijjah)\b",
        "Chinese": r"\b(?:yuan|RMB|renminbi|CPC|Communist Party of China|NPC|CPPCC|"
        r"State Council of "
        r"China|Spring Festival|Politburo Standing Committee|netizens?|high-quality development|"
        r"relevant departments)\b",
        "Russian": r"\b(?:rubles?|roubles?|State Duma|Duma|Federation Council|Rosneft|Gazprom|"
        r"Roskomnadzor)\b",
        "Ukrainian": r"\b(?:hryvnias?|hryvnyas?|Verkhovna Rada)\b",
        "Spanish": r"\b(?:pesos?|bolívares|soles|Mañanera|mañanera|Congreso)\b",
        "Japanese": r"\b(?:yen|Chief Cabinet Secretary|National Diet|Liberal Democratic Party|"
        r"Self-Defense Forces|Reiwa|Heisei|[A-Z][a-z]+ Prefecture)\b",
        "Korean": r"\b(?:\d[\d,.]* (?:million |billion |trillion )?won|Blue House|Cheong Wa Dae|"
        r"chaebol)\b",
        "Vietnamese": r"\b(?:\d[\d,.]* (?:million |billion )?(?:dong|VND)|People's Committee|"
        r"Communist Party of Vietnam|National Assembly of Vietnam)\b",
        "Turkish": r"\b(?:Turkish lira|liras?|Grand National Assembly|AK Party)\b",
        "Hebrew": r"\b(?:shekels?|NIS|Knesset|IDF)\b",
        "Hindi": r"\b(?:rupees?|Lok Sabha|Rajya Sabha|crores?|lakhs?)\b",
        "Greek": r"\b(?:Hellenic Parliament|New Democracy|SYRIZA)\b",
    }.items()
}
