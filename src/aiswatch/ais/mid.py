"""Maritime Identification Digits: the ITU MID table and ISO 3166 codes of the flags.

Source: ITU MARS (Maritime mobile Access and Retrieval System), "Table of Maritime
Identification Digits" (carried over as facts; see the comment on MID_TABLE).
"""

from __future__ import annotations

from typing import Final

__all__ = ["MID_ISO2", "MID_TABLE", "MID_TERRITORIES", "mid_country", "mid_iso2"]


# ---------------------------------------------------------------------------------------------
# Maritime Identification Digits
# ---------------------------------------------------------------------------------------------

# Source: ITU MARS (Maritime mobile Access and Retrieval System), "Table of Maritime
# Identification Digits", as ../shared/data/geo/ports/itu_MaritimeIdentificationDigits.csv.
# Texts are the CSV's "Allocated_to" verbatim. MID 306 has three rows there (three territories
# of the Kingdom of the Netherlands); its MID_TABLE text joins them with " / " and the rows
# themselves are kept in MID_TERRITORIES.
MID_TABLE: Final[dict[int, str]] = {
    201: "Albania (Republic of)",
    202: "Andorra (Principality of)",
    203: "Austria",
    204: "Portugal - Azores",
    205: "Belgium",
    206: "Belarus (Republic of)",
    207: "Bulgaria (Republic of)",
    208: "Vatican City State",
    209: "Cyprus (Republic of)",
    210: "Cyprus (Republic of)",
    211: "Germany (Federal Republic of)",
    212: "Cyprus (Republic of)",
    213: "Georgia",
    214: "Moldova (Republic of)",
    215: "Malta",
    216: "Armenia (Republic of)",
    218: "Germany (Federal Republic of)",
    219: "Denmark",
    220: "Denmark",
    224: "Spain",
    225: "Spain",
    226: "France",
    227: "France",
    228: "France",
    229: "Malta",
    230: "Finland",
    231: "Denmark - Faroe Islands",
    232: "United Kingdom of Great Britain and Northern Ireland",
    233: "United Kingdom of Great Britain and Northern Ireland",
    234: "United Kingdom of Great Britain and Northern Ireland",
    235: "United Kingdom of Great Britain and Northern Ireland",
    236: "United Kingdom of Great Britain and Northern Ireland - Gibraltar",
    237: "Greece",
    238: "Croatia (Republic of)",
    239: "Greece",
    240: "Greece",
    241: "Greece",
    242: "Morocco (Kingdom of)",
    243: "Hungary",
    244: "Netherlands (Kingdom of the)",
    245: "Netherlands (Kingdom of the)",
    246: "Netherlands (Kingdom of the)",
    247: "Italy",
    248: "Malta",
    249: "Malta",
    250: "Ireland",
    251: "Iceland",
    252: "Liechtenstein (Principality of)",
    253: "Luxembourg",
    254: "Monaco (Principality of)",
    255: "Portugal - Madeira",
    256: "Malta",
    257: "Norway",
    258: "Norway",
    259: "Norway",
    261: "Poland (Republic of)",
    262: "Montenegro",
    263: "Portugal",
    264: "Romania",
    265: "Sweden",
    266: "Sweden",
    267: "Slovak Republic",
    268: "San Marino (Republic of)",
    269: "Switzerland (Confederation of)",
    270: "Czech Republic",
    271: "Republic of Türkiye",
    272: "Ukraine",
    273: "Russian Federation",
    274: "North Macedonia (Republic of)",
    275: "Latvia (Republic of)",
    276: "Estonia (Republic of)",
    277: "Lithuania (Republic of)",
    278: "Slovenia (Republic of)",
    279: "Serbia (Republic of)",
    301: "United Kingdom of Great Britain and Northern Ireland - Anguilla",
    303: "United States of America - Alaska (State of)",
    304: "Antigua and Barbuda",
    305: "Antigua and Barbuda",
    306: "Netherlands (Kingdom of the) - Bonaire, Sint Eustatius and Saba / Curaçao / Sint Maarten (Dutch part)",
    307: "Netherlands (Kingdom of the) - Aruba",
    308: "Bahamas (Commonwealth of the)",
    309: "Bahamas (Commonwealth of the)",
    310: "United Kingdom of Great Britain and Northern Ireland - Bermuda",
    311: "Bahamas (Commonwealth of the)",
    312: "Belize",
    314: "Barbados",
    316: "Canada",
    319: "United Kingdom of Great Britain and Northern Ireland - Cayman Islands",
    321: "Costa Rica",
    323: "Cuba",
    325: "Dominica (Commonwealth of)",
    327: "Dominican Republic",
    329: "France - Guadeloupe (French Department of)",
    330: "Grenada",
    331: "Denmark - Greenland",
    332: "Guatemala (Republic of)",
    334: "Honduras (Republic of)",
    336: "Haiti (Republic of)",
    338: "United States of America",
    339: "Jamaica",
    341: "Saint Kitts and Nevis (Federation of)",
    343: "Saint Lucia",
    345: "Mexico",
    347: "France - Martinique (French Department of)",
    348: "United Kingdom of Great Britain and Northern Ireland - Montserrat",
    350: "Nicaragua",
    351: "Panama (Republic of)",
    352: "Panama (Republic of)",
    353: "Panama (Republic of)",
    354: "Panama (Republic of)",
    355: "Panama (Republic of)",
    356: "Panama (Republic of)",
    357: "Panama (Republic of)",
    358: "United States of America - Puerto Rico",
    359: "El Salvador (Republic of)",
    361: "France - Saint Pierre and Miquelon (Territorial Collectivity of)",
    362: "Trinidad and Tobago",
    364: "United Kingdom of Great Britain and Northern Ireland - Turks and Caicos Islands",
    366: "United States of America",
    367: "United States of America",
    368: "United States of America",
    369: "United States of America",
    370: "Panama (Republic of)",
    371: "Panama (Republic of)",
    372: "Panama (Republic of)",
    373: "Panama (Republic of)",
    374: "Panama (Republic of)",
    375: "Saint Vincent and the Grenadines",
    376: "Saint Vincent and the Grenadines",
    377: "Saint Vincent and the Grenadines",
    378: "United Kingdom of Great Britain and Northern Ireland - British Virgin Islands",
    379: "United States of America - United States Virgin Islands",
    401: "Afghanistan",
    403: "Saudi Arabia (Kingdom of)",
    405: "Bangladesh (People's Republic of)",
    408: "Bahrain (Kingdom of)",
    410: "Bhutan (Kingdom of)",
    412: "China (People's Republic of)",
    413: "China (People's Republic of)",
    414: "China (People's Republic of)",
    416: "China (People's Republic of) - Taiwan (Province of China)",
    417: "Sri Lanka (Democratic Socialist Republic of)",
    419: "India (Republic of)",
    422: "Iran (Islamic Republic of)",
    423: "Azerbaijan (Republic of)",
    425: "Iraq (Republic of)",
    428: "Israel (State of)",
    431: "Japan",
    432: "Japan",
    434: "Turkmenistan",
    436: "Kazakhstan (Republic of)",
    437: "Uzbekistan (Republic of)",
    438: "Jordan (Hashemite Kingdom of)",
    440: "Korea (Republic of)",
    441: "Korea (Republic of)",
    443: "State of Palestine (In accordance with Resolution 99 Rev. Dubai, 2018)",
    445: "Democratic People's Republic of Korea",
    447: "Kuwait (State of)",
    450: "Lebanon",
    451: "Kyrgyz Republic",
    453: "China (People's Republic of) - Macao (Special Administrative Region of China)",
    455: "Maldives (Republic of)",
    457: "Mongolia",
    459: "Nepal (Federal Democratic Republic of)",
    461: "Oman (Sultanate of)",
    463: "Pakistan (Islamic Republic of)",
    466: "Qatar (State of)",
    468: "Syrian Arab Republic",
    470: "United Arab Emirates",
    471: "United Arab Emirates",
    472: "Tajikistan (Republic of)",
    473: "Yemen (Republic of)",
    475: "Yemen (Republic of)",
    477: "China (People's Republic of) - Hong Kong (Special Administrative Region of China)",
    478: "Bosnia and Herzegovina",
    501: "France - Adelie Land",
    503: "Australia",
    506: "Myanmar (Union of)",
    508: "Brunei Darussalam",
    510: "Micronesia (Federated States of)",
    511: "Palau (Republic of)",
    512: "New Zealand",
    514: "Cambodia (Kingdom of)",
    515: "Cambodia (Kingdom of)",
    516: "Australia - Christmas Island (Indian Ocean)",
    518: "New Zealand - Cook Islands",
    520: "Fiji (Republic of)",
    523: "Australia - Cocos (Keeling) Islands",
    525: "Indonesia (Republic of)",
    529: "Kiribati (Republic of)",
    531: "Lao People's Democratic Republic",
    533: "Malaysia",
    536: "United States of America - Northern Mariana Islands (Commonwealth of the)",
    538: "Marshall Islands (Republic of the)",
    540: "France - New Caledonia",
    542: "New Zealand - Niue",
    544: "Nauru (Republic of)",
    546: "France - French Polynesia",
    548: "Philippines (Republic of the)",
    550: "Timor-Leste (Democratic Republic of)",
    553: "Papua New Guinea",
    555: "United Kingdom of Great Britain and Northern Ireland - Pitcairn Island",
    557: "Solomon Islands",
    559: "United States of America - American Samoa",
    561: "Samoa (Independent State of)",
    563: "Singapore (Republic of)",
    564: "Singapore (Republic of)",
    565: "Singapore (Republic of)",
    566: "Singapore (Republic of)",
    567: "Thailand",
    570: "Tonga (Kingdom of)",
    572: "Tuvalu",
    574: "Viet Nam (Socialist Republic of)",
    576: "Vanuatu (Republic of)",
    577: "Vanuatu (Republic of)",
    578: "France - Wallis and Futuna Islands",
    601: "South Africa (Republic of)",
    603: "Angola (Republic of)",
    605: "Algeria (People's Democratic Republic of)",
    607: "France - Saint Paul and Amsterdam Islands",
    608: "United Kingdom of Great Britain and Northern Ireland - Ascension Island",
    609: "Burundi (Republic of)",
    610: "Benin (Republic of)",
    611: "Botswana (Republic of)",
    612: "Central African Republic",
    613: "Cameroon (Republic of)",
    615: "Congo (Republic of the)",
    616: "Comoros (Union of the)",
    617: "Cabo Verde (Republic of)",
    618: "France - Crozet Archipelago",
    619: "Côte d'Ivoire (Republic of)",
    620: "Comoros (Union of the)",
    621: "Djibouti (Republic of)",
    622: "Egypt (Arab Republic of)",
    624: "Ethiopia (Federal Democratic Republic of)",
    625: "Eritrea",
    626: "Gabonese Republic",
    627: "Ghana",
    629: "Gambia (Republic of the)",
    630: "Guinea-Bissau (Republic of)",
    631: "Equatorial Guinea (Republic of)",
    632: "Guinea (Republic of)",
    633: "Burkina Faso",
    634: "Kenya (Republic of)",
    635: "France - Kerguelen Islands",
    636: "Liberia (Republic of)",
    637: "Liberia (Republic of)",
    638: "South Sudan (Republic of)",
    642: "Libya (State of)",
    644: "Lesotho (Kingdom of)",
    645: "Mauritius (Republic of)",
    647: "Madagascar (Republic of)",
    649: "Mali (Republic of)",
    650: "Mozambique (Republic of)",
    654: "Mauritania (Islamic Republic of)",
    655: "Malawi",
    656: "Niger (Republic of the)",
    657: "Nigeria (Federal Republic of)",
    659: "Namibia (Republic of)",
    660: "France - Reunion (French Department of)",
    661: "Rwanda (Republic of)",
    662: "Sudan (Republic of the)",
    663: "Senegal (Republic of)",
    664: "Seychelles (Republic of)",
    665: "United Kingdom of Great Britain and Northern Ireland - Saint Helena",
    666: "Somalia (Federal Republic of)",
    667: "Sierra Leone",
    668: "Sao Tome and Principe (Democratic Republic of)",
    669: "Eswatini (Kingdom of)",
    670: "Chad (Republic of)",
    671: "Togolese Republic",
    672: "Tunisia",
    674: "Tanzania (United Republic of)",
    675: "Uganda (Republic of)",
    676: "Democratic Republic of the Congo",
    677: "Tanzania (United Republic of)",
    678: "Zambia (Republic of)",
    679: "Zimbabwe (Republic of)",
    701: "Argentine Republic",
    710: "Brazil (Federative Republic of)",
    720: "Bolivia (Plurinational State of)",
    725: "Chile",
    730: "Colombia (Republic of)",
    735: "Ecuador",
    740: "United Kingdom of Great Britain and Northern Ireland - Falkland Islands (Malvinas)",
    745: "France - Guiana (French Department of)",
    750: "Guyana",
    755: "Paraguay (Republic of)",
    760: "Peru",
    765: "Suriname (Republic of)",
    770: "Uruguay (Eastern Republic of)",
    775: "Venezuela (Bolivarian Republic of)",
}

# The CSV rows of every MID that the ITU table allocates to more than one territory.
MID_TERRITORIES: Final[dict[int, tuple[str, ...]]] = {
    306: (
        "Netherlands (Kingdom of the) - Bonaire, Sint Eustatius and Saba",
        "Netherlands (Kingdom of the) - Curaçao",
        "Netherlands (Kingdom of the) - Sint Maarten (Dutch part)",
    ),
}

# MID -> ISO 3166-1 alpha-2 code of the flag (hand-curated for aiswatch from the MID table
# above and ISO 3166-1; not an ITU table). Rule: a territory with its own ISO 3166-1 code gets
# that code (Faroe Islands FO, Greenland GL, Gibraltar GI, Hong Kong HK, Macao MO, Taiwan TW,
# Puerto Rico PR, ...); one without gets its state's (Azores and Madeira PT, Alaska US).
# Exceptions: 306 covers three territories with codes of their own (BQ, CW, SX) and gets the
# state they share, NL; 501 Adelie Land (which ISO 3166-1 counts under AQ, Antarctica) gets TF,
# the French Southern and Antarctic Lands it is administered with, like 607, 618 and 635.
MID_ISO2: Final[dict[int, str]] = {
    201: "AL",  # Albania (Republic of)
    202: "AD",  # Andorra (Principality of)
    203: "AT",  # Austria
    204: "PT",  # Portugal - Azores
    205: "BE",  # Belgium
    206: "BY",  # Belarus (Republic of)
    207: "BG",  # Bulgaria (Republic of)
    208: "VA",  # Vatican City State
    209: "CY",  # Cyprus (Republic of)
    210: "CY",  # Cyprus (Republic of)
    211: "DE",  # Germany (Federal Republic of)
    212: "CY",  # Cyprus (Republic of)
    213: "GE",  # Georgia
    214: "MD",  # Moldova (Republic of)
    215: "MT",  # Malta
    216: "AM",  # Armenia (Republic of)
    218: "DE",  # Germany (Federal Republic of)
    219: "DK",  # Denmark
    220: "DK",  # Denmark
    224: "ES",  # Spain
    225: "ES",  # Spain
    226: "FR",  # France
    227: "FR",  # France
    228: "FR",  # France
    229: "MT",  # Malta
    230: "FI",  # Finland
    231: "FO",  # Denmark - Faroe Islands
    232: "GB",  # United Kingdom of Great Britain and Northern Ireland
    233: "GB",  # United Kingdom of Great Britain and Northern Ireland
    234: "GB",  # United Kingdom of Great Britain and Northern Ireland
    235: "GB",  # United Kingdom of Great Britain and Northern Ireland
    236: "GI",  # United Kingdom of Great Britain and Northern Ireland - Gibraltar
    237: "GR",  # Greece
    238: "HR",  # Croatia (Republic of)
    239: "GR",  # Greece
    240: "GR",  # Greece
    241: "GR",  # Greece
    242: "MA",  # Morocco (Kingdom of)
    243: "HU",  # Hungary
    244: "NL",  # Netherlands (Kingdom of the)
    245: "NL",  # Netherlands (Kingdom of the)
    246: "NL",  # Netherlands (Kingdom of the)
    247: "IT",  # Italy
    248: "MT",  # Malta
    249: "MT",  # Malta
    250: "IE",  # Ireland
    251: "IS",  # Iceland
    252: "LI",  # Liechtenstein (Principality of)
    253: "LU",  # Luxembourg
    254: "MC",  # Monaco (Principality of)
    255: "PT",  # Portugal - Madeira
    256: "MT",  # Malta
    257: "NO",  # Norway
    258: "NO",  # Norway
    259: "NO",  # Norway
    261: "PL",  # Poland (Republic of)
    262: "ME",  # Montenegro
    263: "PT",  # Portugal
    264: "RO",  # Romania
    265: "SE",  # Sweden
    266: "SE",  # Sweden
    267: "SK",  # Slovak Republic
    268: "SM",  # San Marino (Republic of)
    269: "CH",  # Switzerland (Confederation of)
    270: "CZ",  # Czech Republic
    271: "TR",  # Republic of Türkiye
    272: "UA",  # Ukraine
    273: "RU",  # Russian Federation
    274: "MK",  # North Macedonia (Republic of)
    275: "LV",  # Latvia (Republic of)
    276: "EE",  # Estonia (Republic of)
    277: "LT",  # Lithuania (Republic of)
    278: "SI",  # Slovenia (Republic of)
    279: "RS",  # Serbia (Republic of)
    301: "AI",  # United Kingdom of Great Britain and Northern Ireland - Anguilla
    303: "US",  # United States of America - Alaska (State of)
    304: "AG",  # Antigua and Barbuda
    305: "AG",  # Antigua and Barbuda
    306: "NL",  # Netherlands - Bonaire, Sint Eustatius and Saba (BQ) / Curaçao (CW) / Sint Maarten (SX)
    307: "AW",  # Netherlands (Kingdom of the) - Aruba
    308: "BS",  # Bahamas (Commonwealth of the)
    309: "BS",  # Bahamas (Commonwealth of the)
    310: "BM",  # United Kingdom of Great Britain and Northern Ireland - Bermuda
    311: "BS",  # Bahamas (Commonwealth of the)
    312: "BZ",  # Belize
    314: "BB",  # Barbados
    316: "CA",  # Canada
    319: "KY",  # United Kingdom of Great Britain and Northern Ireland - Cayman Islands
    321: "CR",  # Costa Rica
    323: "CU",  # Cuba
    325: "DM",  # Dominica (Commonwealth of)
    327: "DO",  # Dominican Republic
    329: "GP",  # France - Guadeloupe (French Department of)
    330: "GD",  # Grenada
    331: "GL",  # Denmark - Greenland
    332: "GT",  # Guatemala (Republic of)
    334: "HN",  # Honduras (Republic of)
    336: "HT",  # Haiti (Republic of)
    338: "US",  # United States of America
    339: "JM",  # Jamaica
    341: "KN",  # Saint Kitts and Nevis (Federation of)
    343: "LC",  # Saint Lucia
    345: "MX",  # Mexico
    347: "MQ",  # France - Martinique (French Department of)
    348: "MS",  # United Kingdom of Great Britain and Northern Ireland - Montserrat
    350: "NI",  # Nicaragua
    351: "PA",  # Panama (Republic of)
    352: "PA",  # Panama (Republic of)
    353: "PA",  # Panama (Republic of)
    354: "PA",  # Panama (Republic of)
    355: "PA",  # Panama (Republic of)
    356: "PA",  # Panama (Republic of)
    357: "PA",  # Panama (Republic of)
    358: "PR",  # United States of America - Puerto Rico
    359: "SV",  # El Salvador (Republic of)
    361: "PM",  # France - Saint Pierre and Miquelon (Territorial Collectivity of)
    362: "TT",  # Trinidad and Tobago
    364: "TC",  # United Kingdom of Great Britain and Northern Ireland - Turks and Caicos Islands
    366: "US",  # United States of America
    367: "US",  # United States of America
    368: "US",  # United States of America
    369: "US",  # United States of America
    370: "PA",  # Panama (Republic of)
    371: "PA",  # Panama (Republic of)
    372: "PA",  # Panama (Republic of)
    373: "PA",  # Panama (Republic of)
    374: "PA",  # Panama (Republic of)
    375: "VC",  # Saint Vincent and the Grenadines
    376: "VC",  # Saint Vincent and the Grenadines
    377: "VC",  # Saint Vincent and the Grenadines
    378: "VG",  # United Kingdom of Great Britain and Northern Ireland - British Virgin Islands
    379: "VI",  # United States of America - United States Virgin Islands
    401: "AF",  # Afghanistan
    403: "SA",  # Saudi Arabia (Kingdom of)
    405: "BD",  # Bangladesh (People's Republic of)
    408: "BH",  # Bahrain (Kingdom of)
    410: "BT",  # Bhutan (Kingdom of)
    412: "CN",  # China (People's Republic of)
    413: "CN",  # China (People's Republic of)
    414: "CN",  # China (People's Republic of)
    416: "TW",  # China (People's Republic of) - Taiwan (Province of China)
    417: "LK",  # Sri Lanka (Democratic Socialist Republic of)
    419: "IN",  # India (Republic of)
    422: "IR",  # Iran (Islamic Republic of)
    423: "AZ",  # Azerbaijan (Republic of)
    425: "IQ",  # Iraq (Republic of)
    428: "IL",  # Israel (State of)
    431: "JP",  # Japan
    432: "JP",  # Japan
    434: "TM",  # Turkmenistan
    436: "KZ",  # Kazakhstan (Republic of)
    437: "UZ",  # Uzbekistan (Republic of)
    438: "JO",  # Jordan (Hashemite Kingdom of)
    440: "KR",  # Korea (Republic of)
    441: "KR",  # Korea (Republic of)
    443: "PS",  # State of Palestine (In accordance with Resolution 99 Rev. Dubai, 2018)
    445: "KP",  # Democratic People's Republic of Korea
    447: "KW",  # Kuwait (State of)
    450: "LB",  # Lebanon
    451: "KG",  # Kyrgyz Republic
    453: "MO",  # China (People's Republic of) - Macao (Special Administrative Region of China)
    455: "MV",  # Maldives (Republic of)
    457: "MN",  # Mongolia
    459: "NP",  # Nepal (Federal Democratic Republic of)
    461: "OM",  # Oman (Sultanate of)
    463: "PK",  # Pakistan (Islamic Republic of)
    466: "QA",  # Qatar (State of)
    468: "SY",  # Syrian Arab Republic
    470: "AE",  # United Arab Emirates
    471: "AE",  # United Arab Emirates
    472: "TJ",  # Tajikistan (Republic of)
    473: "YE",  # Yemen (Republic of)
    475: "YE",  # Yemen (Republic of)
    477: "HK",  # China (People's Republic of) - Hong Kong (Special Administrative Region of China)
    478: "BA",  # Bosnia and Herzegovina
    501: "TF",  # France - Adelie Land
    503: "AU",  # Australia
    506: "MM",  # Myanmar (Union of)
    508: "BN",  # Brunei Darussalam
    510: "FM",  # Micronesia (Federated States of)
    511: "PW",  # Palau (Republic of)
    512: "NZ",  # New Zealand
    514: "KH",  # Cambodia (Kingdom of)
    515: "KH",  # Cambodia (Kingdom of)
    516: "CX",  # Australia - Christmas Island (Indian Ocean)
    518: "CK",  # New Zealand - Cook Islands
    520: "FJ",  # Fiji (Republic of)
    523: "CC",  # Australia - Cocos (Keeling) Islands
    525: "ID",  # Indonesia (Republic of)
    529: "KI",  # Kiribati (Republic of)
    531: "LA",  # Lao People's Democratic Republic
    533: "MY",  # Malaysia
    536: "MP",  # United States of America - Northern Mariana Islands (Commonwealth of the)
    538: "MH",  # Marshall Islands (Republic of the)
    540: "NC",  # France - New Caledonia
    542: "NU",  # New Zealand - Niue
    544: "NR",  # Nauru (Republic of)
    546: "PF",  # France - French Polynesia
    548: "PH",  # Philippines (Republic of the)
    550: "TL",  # Timor-Leste (Democratic Republic of)
    553: "PG",  # Papua New Guinea
    555: "PN",  # United Kingdom of Great Britain and Northern Ireland - Pitcairn Island
    557: "SB",  # Solomon Islands
    559: "AS",  # United States of America - American Samoa
    561: "WS",  # Samoa (Independent State of)
    563: "SG",  # Singapore (Republic of)
    564: "SG",  # Singapore (Republic of)
    565: "SG",  # Singapore (Republic of)
    566: "SG",  # Singapore (Republic of)
    567: "TH",  # Thailand
    570: "TO",  # Tonga (Kingdom of)
    572: "TV",  # Tuvalu
    574: "VN",  # Viet Nam (Socialist Republic of)
    576: "VU",  # Vanuatu (Republic of)
    577: "VU",  # Vanuatu (Republic of)
    578: "WF",  # France - Wallis and Futuna Islands
    601: "ZA",  # South Africa (Republic of)
    603: "AO",  # Angola (Republic of)
    605: "DZ",  # Algeria (People's Democratic Republic of)
    607: "TF",  # France - Saint Paul and Amsterdam Islands
    608: "SH",  # United Kingdom of Great Britain and Northern Ireland - Ascension Island
    609: "BI",  # Burundi (Republic of)
    610: "BJ",  # Benin (Republic of)
    611: "BW",  # Botswana (Republic of)
    612: "CF",  # Central African Republic
    613: "CM",  # Cameroon (Republic of)
    615: "CG",  # Congo (Republic of the)
    616: "KM",  # Comoros (Union of the)
    617: "CV",  # Cabo Verde (Republic of)
    618: "TF",  # France - Crozet Archipelago
    619: "CI",  # Côte d'Ivoire (Republic of)
    620: "KM",  # Comoros (Union of the)
    621: "DJ",  # Djibouti (Republic of)
    622: "EG",  # Egypt (Arab Republic of)
    624: "ET",  # Ethiopia (Federal Democratic Republic of)
    625: "ER",  # Eritrea
    626: "GA",  # Gabonese Republic
    627: "GH",  # Ghana
    629: "GM",  # Gambia (Republic of the)
    630: "GW",  # Guinea-Bissau (Republic of)
    631: "GQ",  # Equatorial Guinea (Republic of)
    632: "GN",  # Guinea (Republic of)
    633: "BF",  # Burkina Faso
    634: "KE",  # Kenya (Republic of)
    635: "TF",  # France - Kerguelen Islands
    636: "LR",  # Liberia (Republic of)
    637: "LR",  # Liberia (Republic of)
    638: "SS",  # South Sudan (Republic of)
    642: "LY",  # Libya (State of)
    644: "LS",  # Lesotho (Kingdom of)
    645: "MU",  # Mauritius (Republic of)
    647: "MG",  # Madagascar (Republic of)
    649: "ML",  # Mali (Republic of)
    650: "MZ",  # Mozambique (Republic of)
    654: "MR",  # Mauritania (Islamic Republic of)
    655: "MW",  # Malawi
    656: "NE",  # Niger (Republic of the)
    657: "NG",  # Nigeria (Federal Republic of)
    659: "NA",  # Namibia (Republic of)
    660: "RE",  # France - Reunion (French Department of)
    661: "RW",  # Rwanda (Republic of)
    662: "SD",  # Sudan (Republic of the)
    663: "SN",  # Senegal (Republic of)
    664: "SC",  # Seychelles (Republic of)
    665: "SH",  # United Kingdom of Great Britain and Northern Ireland - Saint Helena
    666: "SO",  # Somalia (Federal Republic of)
    667: "SL",  # Sierra Leone
    668: "ST",  # Sao Tome and Principe (Democratic Republic of)
    669: "SZ",  # Eswatini (Kingdom of)
    670: "TD",  # Chad (Republic of)
    671: "TG",  # Togolese Republic
    672: "TN",  # Tunisia
    674: "TZ",  # Tanzania (United Republic of)
    675: "UG",  # Uganda (Republic of)
    676: "CD",  # Democratic Republic of the Congo
    677: "TZ",  # Tanzania (United Republic of)
    678: "ZM",  # Zambia (Republic of)
    679: "ZW",  # Zimbabwe (Republic of)
    701: "AR",  # Argentine Republic
    710: "BR",  # Brazil (Federative Republic of)
    720: "BO",  # Bolivia (Plurinational State of)
    725: "CL",  # Chile
    730: "CO",  # Colombia (Republic of)
    735: "EC",  # Ecuador
    740: "FK",  # United Kingdom of Great Britain and Northern Ireland - Falkland Islands (Malvinas)
    745: "GF",  # France - Guiana (French Department of)
    750: "GY",  # Guyana
    755: "PY",  # Paraguay (Republic of)
    760: "PE",  # Peru
    765: "SR",  # Suriname (Republic of)
    770: "UY",  # Uruguay (Eastern Republic of)
    775: "VE",  # Venezuela (Bolivarian Republic of)
}


def mid_country(mid: int) -> str | None:
    """The ITU "allocated to" text of a MID, or None when the MID is not allocated."""
    return MID_TABLE.get(mid)


def mid_iso2(mid: int) -> str | None:
    """ISO 3166-1 alpha-2 code of the flag a MID stands for, or None when not allocated."""
    return MID_ISO2.get(mid)
