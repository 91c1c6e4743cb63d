// Fixed reference tables of the generator: countries with a few ISO 3166-2
// regions and the coordinates of each region's main city, languages, legal
// forms, name parts, industries and the Kano features.

// MARK: - Languages (ISO 639-1)

let languageCodes = ["de", "en", "fr", "it", "nl", "pl", "cs", "es", "pt",
                     "sv", "da", "no", "fi", "zh", "ja", "hi", "tr", "hu"]

enum Lang {
    static let de = 0, en = 1, fr = 2, it = 3, nl = 4, pl = 5, cs = 6, es = 7, pt = 8
    static let sv = 9, da = 10, no = 11, fi = 12, zh = 13, ja = 14, hi = 15, tr = 16, hu = 17
    static func bit(_ l: Int) -> UInt32 { UInt32(1) << UInt32(l) }
}

// MARK: - Industries

let industryNames = ["retail", "automotive", "chemicals", "food", "logistics",
                     "machinery", "pharma", "construction", "energy", "electronics"]
/// Share of clients per industry (a German industrial supplier's book).
let industryWeights: [Double] = [10, 14, 10, 11, 10, 16, 6, 9, 6, 8]
/// Which Altman model family the industry's balance sheets use.
let industryIsManufacturing = [false, true, true, true, false, true, true, false, false, true]

// MARK: - Countries and regions

struct Region {
    let code: String      // ISO 3166-2
    let city: String
    let lat: Double
    let lon: Double
    let weight: Double    // share of the country's clients
}

enum Style: Int {
    case german, french, italian, spanish, dutch, polish, czech, english, swedish,
         danish, norwegian, finnish, chinese, japanese, portuguese, indian, turkish, hungarian
}

struct Country {
    let code: String
    let hqWeight: Double          // among foreign headquarters (DE is fixed at 70 %)
    let buyWeight: Double         // as an extra country where a client buys
    let languages: [Int]          // main language(s), most used first
    let style: Style
    let forms: [String]           // legal forms
    let formWeights: [Double]
    let regions: [Region]
}

let countries: [Country] = [
    Country(code: "DE", hqWeight: 0, buyWeight: 12, languages: [Lang.de], style: .german,
            forms: ["GmbH", "AG", "GmbH & Co. KG", "KG", "SE", "e.K."],
            formWeights: [50, 10, 22, 7, 2, 4],
            regions: [
                Region(code: "DE-NW", city: "Köln", lat: 50.9375, lon: 6.9603, weight: 22),
                Region(code: "DE-BY", city: "München", lat: 48.1351, lon: 11.5820, weight: 18),
                Region(code: "DE-BW", city: "Stuttgart", lat: 48.7758, lon: 9.1829, weight: 16),
                Region(code: "DE-NI", city: "Hannover", lat: 52.3759, lon: 9.7320, weight: 9),
                Region(code: "DE-HE", city: "Frankfurt am Main", lat: 50.1109, lon: 8.6821, weight: 9),
                Region(code: "DE-SN", city: "Dresden", lat: 51.0504, lon: 13.7373, weight: 4),
                Region(code: "DE-RP", city: "Mainz", lat: 49.9929, lon: 8.2473, weight: 4.5),
                Region(code: "DE-BE", city: "Berlin", lat: 52.5200, lon: 13.4050, weight: 4.5),
                Region(code: "DE-HH", city: "Hamburg", lat: 53.5511, lon: 9.9937, weight: 3.5),
                Region(code: "DE-SH", city: "Kiel", lat: 54.3233, lon: 10.1228, weight: 3),
                Region(code: "DE-TH", city: "Erfurt", lat: 50.9848, lon: 11.0299, weight: 2.5),
                Region(code: "DE-BB", city: "Potsdam", lat: 52.3906, lon: 13.0645, weight: 2.5),
                Region(code: "DE-ST", city: "Magdeburg", lat: 52.1205, lon: 11.6276, weight: 2.3),
                Region(code: "DE-MV", city: "Rostock", lat: 54.0924, lon: 12.0991, weight: 1.5),
                Region(code: "DE-SL", city: "Saarbrücken", lat: 49.2402, lon: 6.9969, weight: 1.2),
                Region(code: "DE-HB", city: "Bremen", lat: 53.0793, lon: 8.8017, weight: 1.0),
            ]),
    Country(code: "FR", hqWeight: 3.5, buyWeight: 7, languages: [Lang.fr], style: .french,
            forms: ["SA", "SAS", "SARL"], formWeights: [30, 50, 20],
            regions: [
                Region(code: "FR-IDF", city: "Paris", lat: 48.8566, lon: 2.3522, weight: 35),
                Region(code: "FR-ARA", city: "Lyon", lat: 45.7640, lon: 4.8357, weight: 16),
                Region(code: "FR-GES", city: "Strasbourg", lat: 48.5734, lon: 7.7521, weight: 12),
                Region(code: "FR-HDF", city: "Lille", lat: 50.6292, lon: 3.0573, weight: 10),
                Region(code: "FR-PAC", city: "Marseille", lat: 43.2965, lon: 5.3698, weight: 10),
                Region(code: "FR-OCC", city: "Toulouse", lat: 43.6047, lon: 1.4442, weight: 9),
                Region(code: "FR-NAQ", city: "Bordeaux", lat: 44.8378, lon: -0.5792, weight: 8),
            ]),
    Country(code: "AT", hqWeight: 3.0, buyWeight: 6, languages: [Lang.de], style: .german,
            forms: ["GmbH", "AG", "GmbH & Co KG"], formWeights: [70, 15, 15],
            regions: [
                Region(code: "AT-9", city: "Wien", lat: 48.2082, lon: 16.3738, weight: 35),
                Region(code: "AT-4", city: "Linz", lat: 48.3069, lon: 14.2858, weight: 20),
                Region(code: "AT-6", city: "Graz", lat: 47.0707, lon: 15.4395, weight: 18),
                Region(code: "AT-5", city: "Salzburg", lat: 47.8095, lon: 13.0550, weight: 12),
                Region(code: "AT-7", city: "Innsbruck", lat: 47.2692, lon: 11.4041, weight: 15),
            ]),
    Country(code: "CH", hqWeight: 3.0, buyWeight: 5, languages: [Lang.de, Lang.fr, Lang.it], style: .german,
            forms: ["AG", "GmbH"], formWeights: [60, 40],
            regions: [
                Region(code: "CH-ZH", city: "Zürich", lat: 47.3769, lon: 8.5417, weight: 35),
                Region(code: "CH-BS", city: "Basel", lat: 47.5596, lon: 7.5886, weight: 15),
                Region(code: "CH-BE", city: "Bern", lat: 46.9480, lon: 7.4474, weight: 15),
                Region(code: "CH-GE", city: "Genève", lat: 46.2044, lon: 6.1432, weight: 14),
                Region(code: "CH-VD", city: "Lausanne", lat: 46.5197, lon: 6.6323, weight: 12),
                Region(code: "CH-TI", city: "Lugano", lat: 46.0037, lon: 8.9511, weight: 9),
            ]),
    Country(code: "NL", hqWeight: 3.0, buyWeight: 6, languages: [Lang.nl], style: .dutch,
            forms: ["B.V.", "N.V."], formWeights: [85, 15],
            regions: [
                Region(code: "NL-NH", city: "Amsterdam", lat: 52.3676, lon: 4.9041, weight: 30),
                Region(code: "NL-ZH", city: "Rotterdam", lat: 51.9244, lon: 4.4777, weight: 30),
                Region(code: "NL-NB", city: "Eindhoven", lat: 51.4416, lon: 5.4697, weight: 20),
                Region(code: "NL-UT", city: "Utrecht", lat: 52.0907, lon: 5.1214, weight: 12),
                Region(code: "NL-GE", city: "Arnhem", lat: 51.9851, lon: 5.8987, weight: 8),
            ]),
    Country(code: "BE", hqWeight: 1.8, buyWeight: 4, languages: [Lang.nl, Lang.fr], style: .dutch,
            forms: ["NV", "BV"], formWeights: [40, 60],
            regions: [
                Region(code: "BE-VAN", city: "Antwerpen", lat: 51.2194, lon: 4.4025, weight: 32),
                Region(code: "BE-BRU", city: "Bruxelles", lat: 50.8503, lon: 4.3517, weight: 30),
                Region(code: "BE-VOV", city: "Gent", lat: 51.0543, lon: 3.7174, weight: 20),
                Region(code: "BE-WLG", city: "Liège", lat: 50.6326, lon: 5.5797, weight: 18),
            ]),
    Country(code: "PL", hqWeight: 2.2, buyWeight: 5, languages: [Lang.pl], style: .polish,
            forms: ["sp. z o.o.", "S.A."], formWeights: [80, 20],
            regions: [
                Region(code: "PL-14", city: "Warszawa", lat: 52.2297, lon: 21.0122, weight: 30),
                Region(code: "PL-24", city: "Katowice", lat: 50.2649, lon: 19.0238, weight: 18),
                Region(code: "PL-30", city: "Poznań", lat: 52.4064, lon: 16.9252, weight: 16),
                Region(code: "PL-02", city: "Wrocław", lat: 51.1079, lon: 17.0385, weight: 14),
                Region(code: "PL-12", city: "Kraków", lat: 50.0647, lon: 19.9450, weight: 12),
                Region(code: "PL-22", city: "Gdańsk", lat: 54.3520, lon: 18.6466, weight: 10),
            ]),
    Country(code: "CZ", hqWeight: 1.5, buyWeight: 4, languages: [Lang.cs], style: .czech,
            forms: ["s.r.o.", "a.s."], formWeights: [75, 25],
            regions: [
                Region(code: "CZ-10", city: "Praha", lat: 50.0755, lon: 14.4378, weight: 45),
                Region(code: "CZ-64", city: "Brno", lat: 49.1951, lon: 16.6068, weight: 25),
                Region(code: "CZ-80", city: "Ostrava", lat: 49.8209, lon: 18.2625, weight: 18),
                Region(code: "CZ-32", city: "Plzeň", lat: 49.7384, lon: 13.3736, weight: 12),
            ]),
    Country(code: "IT", hqWeight: 2.5, buyWeight: 5, languages: [Lang.it], style: .italian,
            forms: ["S.p.A.", "S.r.l."], formWeights: [35, 65],
            regions: [
                Region(code: "IT-25", city: "Milano", lat: 45.4642, lon: 9.1900, weight: 35),
                Region(code: "IT-21", city: "Torino", lat: 45.0703, lon: 7.6869, weight: 15),
                Region(code: "IT-34", city: "Padova", lat: 45.4064, lon: 11.8768, weight: 16),
                Region(code: "IT-45", city: "Bologna", lat: 44.4949, lon: 11.3426, weight: 15),
                Region(code: "IT-52", city: "Firenze", lat: 43.7696, lon: 11.2558, weight: 9),
                Region(code: "IT-62", city: "Roma", lat: 41.9028, lon: 12.4964, weight: 10),
            ]),
    Country(code: "ES", hqWeight: 1.6, buyWeight: 4, languages: [Lang.es], style: .spanish,
            forms: ["S.A.", "S.L."], formWeights: [35, 65],
            regions: [
                Region(code: "ES-MD", city: "Madrid", lat: 40.4168, lon: -3.7038, weight: 35),
                Region(code: "ES-CT", city: "Barcelona", lat: 41.3874, lon: 2.1686, weight: 32),
                Region(code: "ES-PV", city: "Bilbao", lat: 43.2630, lon: -2.9350, weight: 13),
                Region(code: "ES-VC", city: "Valencia", lat: 39.4699, lon: -0.3763, weight: 12),
                Region(code: "ES-AN", city: "Sevilla", lat: 37.3891, lon: -5.9845, weight: 8),
            ]),
    Country(code: "GB", hqWeight: 1.8, buyWeight: 4, languages: [Lang.en], style: .english,
            forms: ["Ltd", "plc"], formWeights: [80, 20],
            regions: [
                Region(code: "GB-LND", city: "London", lat: 51.5074, lon: -0.1278, weight: 40),
                Region(code: "GB-MAN", city: "Manchester", lat: 53.4808, lon: -2.2426, weight: 18),
                Region(code: "GB-BIR", city: "Birmingham", lat: 52.4862, lon: -1.8904, weight: 18),
                Region(code: "GB-LDS", city: "Leeds", lat: 53.8008, lon: -1.5491, weight: 12),
                Region(code: "GB-GLG", city: "Glasgow", lat: 55.8642, lon: -4.2518, weight: 12),
            ]),
    Country(code: "SE", hqWeight: 0.8, buyWeight: 2, languages: [Lang.sv], style: .swedish,
            forms: ["AB"], formWeights: [1],
            regions: [
                Region(code: "SE-AB", city: "Stockholm", lat: 59.3293, lon: 18.0686, weight: 50),
                Region(code: "SE-O", city: "Göteborg", lat: 57.7089, lon: 11.9746, weight: 30),
                Region(code: "SE-M", city: "Malmö", lat: 55.6050, lon: 13.0038, weight: 20),
            ]),
    Country(code: "DK", hqWeight: 0.7, buyWeight: 2, languages: [Lang.da], style: .danish,
            forms: ["A/S", "ApS"], formWeights: [60, 40],
            regions: [
                Region(code: "DK-84", city: "København", lat: 55.6761, lon: 12.5683, weight: 55),
                Region(code: "DK-82", city: "Aarhus", lat: 56.1629, lon: 10.2039, weight: 25),
                Region(code: "DK-83", city: "Odense", lat: 55.4038, lon: 10.4024, weight: 20),
            ]),
    Country(code: "NO", hqWeight: 0.4, buyWeight: 1, languages: [Lang.no], style: .norwegian,
            forms: ["AS", "ASA"], formWeights: [80, 20],
            regions: [
                Region(code: "NO-03", city: "Oslo", lat: 59.9139, lon: 10.7522, weight: 55),
                Region(code: "NO-46", city: "Bergen", lat: 60.3913, lon: 5.3221, weight: 25),
                Region(code: "NO-50", city: "Trondheim", lat: 63.4305, lon: 10.3951, weight: 20),
            ]),
    Country(code: "FI", hqWeight: 0.4, buyWeight: 1, languages: [Lang.fi], style: .finnish,
            forms: ["Oy", "Oyj"], formWeights: [80, 20],
            regions: [
                Region(code: "FI-18", city: "Helsinki", lat: 60.1699, lon: 24.9384, weight: 55),
                Region(code: "FI-11", city: "Tampere", lat: 61.4978, lon: 23.7610, weight: 20),
                Region(code: "FI-19", city: "Turku", lat: 60.4518, lon: 22.2666, weight: 15),
                Region(code: "FI-14", city: "Oulu", lat: 65.0121, lon: 25.4651, weight: 10),
            ]),
    Country(code: "US", hqWeight: 1.5, buyWeight: 4, languages: [Lang.en], style: .english,
            forms: ["Inc.", "LLC", "Corp."], formWeights: [50, 35, 15],
            regions: [
                Region(code: "US-NY", city: "New York", lat: 40.7128, lon: -74.0060, weight: 22),
                Region(code: "US-IL", city: "Chicago", lat: 41.8781, lon: -87.6298, weight: 18),
                Region(code: "US-MI", city: "Detroit", lat: 42.3314, lon: -83.0458, weight: 16),
                Region(code: "US-CA", city: "Los Angeles", lat: 34.0522, lon: -118.2437, weight: 18),
                Region(code: "US-TX", city: "Houston", lat: 29.7604, lon: -95.3698, weight: 14),
                Region(code: "US-GA", city: "Atlanta", lat: 33.7490, lon: -84.3880, weight: 12),
            ]),
    Country(code: "CN", hqWeight: 1.0, buyWeight: 3, languages: [Lang.zh], style: .chinese,
            forms: ["Co., Ltd."], formWeights: [1],
            regions: [
                Region(code: "CN-SH", city: "Shanghai", lat: 31.2304, lon: 121.4737, weight: 35),
                Region(code: "CN-GD", city: "Shenzhen", lat: 22.5431, lon: 114.0579, weight: 25),
                Region(code: "CN-JS", city: "Suzhou", lat: 31.2989, lon: 120.5853, weight: 22),
                Region(code: "CN-BJ", city: "Beijing", lat: 39.9042, lon: 116.4074, weight: 18),
            ]),
    Country(code: "JP", hqWeight: 0.5, buyWeight: 1, languages: [Lang.ja], style: .japanese,
            forms: ["Co., Ltd.", "K.K."], formWeights: [60, 40],
            regions: [
                Region(code: "JP-13", city: "Tokyo", lat: 35.6762, lon: 139.6503, weight: 50),
                Region(code: "JP-27", city: "Osaka", lat: 34.6937, lon: 135.5023, weight: 28),
                Region(code: "JP-23", city: "Nagoya", lat: 35.1815, lon: 136.9066, weight: 22),
            ]),
    Country(code: "BR", hqWeight: 0.4, buyWeight: 1, languages: [Lang.pt], style: .portuguese,
            forms: ["Ltda.", "S.A."], formWeights: [70, 30],
            regions: [
                Region(code: "BR-SP", city: "São Paulo", lat: -23.5505, lon: -46.6333, weight: 50),
                Region(code: "BR-RJ", city: "Rio de Janeiro", lat: -22.9068, lon: -43.1729, weight: 20),
                Region(code: "BR-MG", city: "Belo Horizonte", lat: -19.9167, lon: -43.9345, weight: 15),
                Region(code: "BR-PR", city: "Curitiba", lat: -25.4284, lon: -49.2733, weight: 15),
            ]),
    Country(code: "IN", hqWeight: 0.4, buyWeight: 1, languages: [Lang.en, Lang.hi], style: .indian,
            forms: ["Pvt. Ltd.", "Ltd."], formWeights: [70, 30],
            regions: [
                Region(code: "IN-MH", city: "Mumbai", lat: 19.0760, lon: 72.8777, weight: 35),
                Region(code: "IN-KA", city: "Bengaluru", lat: 12.9716, lon: 77.5946, weight: 25),
                Region(code: "IN-DL", city: "Delhi", lat: 28.7041, lon: 77.1025, weight: 22),
                Region(code: "IN-TN", city: "Chennai", lat: 13.0827, lon: 80.2707, weight: 18),
            ]),
    Country(code: "TR", hqWeight: 0.6, buyWeight: 1.5, languages: [Lang.tr], style: .turkish,
            forms: ["A.Ş.", "Ltd. Şti."], formWeights: [55, 45],
            regions: [
                Region(code: "TR-34", city: "İstanbul", lat: 41.0082, lon: 28.9784, weight: 50),
                Region(code: "TR-16", city: "Bursa", lat: 40.1885, lon: 29.0610, weight: 18),
                Region(code: "TR-35", city: "İzmir", lat: 38.4237, lon: 27.1428, weight: 17),
                Region(code: "TR-06", city: "Ankara", lat: 39.9334, lon: 32.8597, weight: 15),
            ]),
    Country(code: "HU", hqWeight: 0.6, buyWeight: 2, languages: [Lang.hu], style: .hungarian,
            forms: ["Kft.", "Zrt."], formWeights: [75, 25],
            regions: [
                Region(code: "HU-BU", city: "Budapest", lat: 47.4979, lon: 19.0402, weight: 60),
                Region(code: "HU-GS", city: "Győr", lat: 47.6875, lon: 17.6504, weight: 22),
                Region(code: "HU-HB", city: "Debrecen", lat: 47.5316, lon: 21.6273, weight: 18),
            ]),
    Country(code: "PT", hqWeight: 0.4, buyWeight: 1, languages: [Lang.pt], style: .portuguese,
            forms: ["Lda.", "S.A."], formWeights: [70, 30],
            regions: [
                Region(code: "PT-11", city: "Lisboa", lat: 38.7223, lon: -9.1393, weight: 45),
                Region(code: "PT-13", city: "Porto", lat: 41.1579, lon: -8.6291, weight: 35),
                Region(code: "PT-03", city: "Braga", lat: 41.5454, lon: -8.4265, weight: 20),
            ]),
]

let homeCountry = 0   // DE

func countryIndex(_ code: String) -> Int {
    for (i, c) in countries.enumerated() where c.code == code { return i }
    fatalError("unknown country \(code)")
}

/// Countries where account managers may be based, after Germany, in the order
/// they are staffed when there are few managers.
let managerCountryOrder = ["FR", "AT", "CH", "NL", "PL", "IT", "ES", "GB", "US", "CN"].map(countryIndex)

// MARK: - Names

struct NameStyle {
    let surnames: [String]
    let branches: [[String]]?      // per industry; nil: use the English words
    let and: String
    let brands: [String]           // style-specific brand stems (geography, etc.)
    let groupPrefix: [String]      // "Groupe", "Gebr.", ...
}

let englishBranches: [[String]] = [
    ["Retail", "Stores", "Trading"],
    ["Automotive", "Motor Components", "Auto Parts"],
    ["Chemicals", "Polymers", "Coatings"],
    ["Foods", "Beverages", "Dairy"],
    ["Logistics", "Freight", "Transport"],
    ["Machinery", "Engineering", "Industrial Systems"],
    ["Pharma", "Life Sciences", "Medical"],
    ["Construction", "Building", "Infrastructure"],
    ["Energy", "Power", "Renewables"],
    ["Electronics", "Semiconductors", "Components"],
]

let nameStyles: [Style: NameStyle] = [
    .german: NameStyle(
        surnames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                   "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
                   "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause",
                   "Lehmann", "Köhler", "Huber", "Kaiser", "Fuchs", "Peters", "Scholz", "Möller",
                   "Weiß", "Jung", "Hahn", "Vogel", "Keller", "Günther", "Frank", "Berger", "Roth",
                   "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Ludwig", "Winter", "Kraus",
                   "Schumacher", "Otto", "Böhm", "Engel", "Sommer", "Graf", "Seidel", "Brandt",
                   "Heinrich", "Haas", "Schreiber", "Dietrich", "Ziegler", "Kuhn", "Pohl", "Busch",
                   "Bergmann", "Voigt", "Sauer", "Arnold", "Pfeiffer", "Eberhardt", "Stahl"],
        branches: [
            ["Handel", "Handelshaus", "Fachmarkt"],
            ["Fahrzeugteile", "Automotive", "Autoteile"],
            ["Chemie", "Kunststoffe", "Lackfabrik"],
            ["Lebensmittel", "Feinkost", "Backwaren", "Getränke", "Molkerei"],
            ["Logistik", "Spedition", "Transporte"],
            ["Maschinenbau", "Anlagenbau", "Antriebstechnik", "Werkzeugbau"],
            ["Pharma", "Arzneimittel", "Medizintechnik"],
            ["Bau", "Hochbau", "Tiefbau", "Bauunternehmung"],
            ["Energie", "Stadtwerke", "Solartechnik", "Energietechnik"],
            ["Elektronik", "Elektrotechnik", "Sensorik", "Leiterplatten"],
        ],
        and: "&",
        brands: ["Rhein", "Nord", "Süd", "West", "Ost", "Alpen", "Isar", "Elbe", "Main", "Donau",
                 "Weser", "Harz", "Eifel", "Spree", "Taunus", "Neckar", "Bodensee", "Hansa",
                 "Schwarzwald", "Ruhr", "Mosel", "Allgäu", "Odenwald", "Lausitz"],
        groupPrefix: ["Gebr."]),
    .french: NameStyle(
        surnames: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
                   "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garnier", "David",
                   "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "Mercier", "Blanc"],
        branches: [
            ["Distribution", "Commerce"], ["Automobile", "Équipements Auto"], ["Chimie", "Polymères"],
            ["Alimentaire", "Boissons", "Laiterie"], ["Logistique", "Transports"],
            ["Mécanique", "Machines", "Industrie"], ["Pharma", "Laboratoires"],
            ["Construction", "Bâtiment", "Travaux Publics"], ["Énergie", "Solaire"],
            ["Électronique", "Composants"],
        ],
        and: "et",
        brands: ["Atlantique", "Alpes", "Provence", "Loire", "Rhône", "Seine", "Normandie",
                 "Bretagne", "Azur", "Lorraine"],
        groupPrefix: ["Groupe", "Établissements"]),
    .italian: NameStyle(
        surnames: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
                   "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
                   "Fontana", "Moretti", "Barbieri", "Lombardi"],
        branches: [
            ["Distribuzione", "Commerciale"], ["Automotive", "Componenti Auto"], ["Chimica", "Polimeri"],
            ["Alimentari", "Conserve", "Caseificio"], ["Logistica", "Trasporti"],
            ["Meccanica", "Macchine", "Impianti"], ["Farmaceutici", "Laboratori"],
            ["Costruzioni", "Edilizia"], ["Energia", "Solare"], ["Elettronica", "Componenti"],
        ],
        and: "e",
        brands: ["Adriatica", "Alpina", "Padana", "Tirrenica", "Lombarda", "Veneta", "Ligure"],
        groupPrefix: ["Fratelli", "Gruppo"]),
    .spanish: NameStyle(
        surnames: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
                   "Pérez", "Gómez", "Martín", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez"],
        branches: [
            ["Distribución", "Comercial"], ["Automoción", "Componentes"], ["Química", "Polímeros"],
            ["Alimentación", "Bebidas", "Lácteos"], ["Logística", "Transportes"],
            ["Maquinaria", "Industrial"], ["Farmacéutica", "Laboratorios"],
            ["Construcciones", "Obras"], ["Energía", "Solar"], ["Electrónica", "Componentes"],
        ],
        and: "y",
        brands: ["Ibérica", "Cantábrica", "Mediterránea", "Levante", "Castellana", "Atlántica"],
        groupPrefix: ["Grupo", "Hermanos"]),
    .dutch: NameStyle(
        surnames: ["de Vries", "Jansen", "de Jong", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
                   "Mulder", "Bos", "Vos", "Peeters", "Janssens", "Maes", "Willems", "van Dijk",
                   "van den Berg", "Claes"],
        branches: [
            ["Handel", "Groothandel"], ["Automotive", "Autodelen"], ["Chemie", "Kunststoffen"],
            ["Voeding", "Zuivel"], ["Logistiek", "Transport"], ["Machinebouw", "Techniek"],
            ["Farma", "Medical"], ["Bouw", "Aannemers"], ["Energie", "Solar"],
            ["Elektronica", "Componenten"],
        ],
        and: "&",
        brands: ["Noordzee", "Delta", "Polder", "Maas", "Schelde", "Holland", "Vlaanderen", "Kempen"],
        groupPrefix: ["Gebroeders"]),
    .polish: NameStyle(
        surnames: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
                   "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Mazur"],
        branches: [
            ["Handel", "Dystrybucja"], ["Motoryzacja", "Części Samochodowe"], ["Chemia", "Tworzywa"],
            ["Żywność", "Mleczarnia"], ["Logistyka", "Transport"], ["Maszyny", "Technika"],
            ["Farmacja", "Medical"], ["Budownictwo", "Budowa"], ["Energetyka", "Solar"],
            ["Elektronika", "Komponenty"],
        ],
        and: "i",
        brands: ["Polmex", "Wisła", "Bałtyk", "Tatry", "Mazowsze", "Śląsk", "Odra"],
        groupPrefix: ["Grupa"]),
    .czech: NameStyle(
        surnames: ["Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý"],
        branches: [
            ["Obchod"], ["Automotive", "Autodíly"], ["Chemie"], ["Potraviny", "Mlékárna"],
            ["Logistika", "Doprava"], ["Strojírny", "Technika"], ["Farmacie"], ["Stavby", "Stavební"],
            ["Energie"], ["Elektronika"],
        ],
        and: "a",
        brands: ["Bohemia", "Morava", "Vltava", "Labe", "Krkonoše"],
        groupPrefix: []),
    .english: NameStyle(
        surnames: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                   "Miller", "Clark", "Walker", "Wright", "Thompson", "Harris", "Anderson", "Jackson",
                   "White", "Baker", "Turner", "Cooper"],
        branches: nil,
        and: "&",
        brands: ["Atlantic", "Pacific", "Northern", "Summit", "Pioneer", "Liberty", "Crown",
                 "Meridian", "Keystone", "Lakeside", "Highland", "Union"],
        groupPrefix: []),
    .swedish: NameStyle(
        surnames: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Lindqvist"],
        branches: nil, and: "&",
        brands: ["Nordic", "Svea", "Norrland", "Vänern", "Skandia"], groupPrefix: []),
    .danish: NameStyle(
        surnames: ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen"],
        branches: nil, and: "&",
        brands: ["Nordic", "Dana", "Jylland", "Øresund"], groupPrefix: []),
    .norwegian: NameStyle(
        surnames: ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Bakke"],
        branches: nil, and: "&",
        brands: ["Nordic", "Fjord", "Viking", "Polar"], groupPrefix: []),
    .finnish: NameStyle(
        surnames: ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine"],
        branches: nil, and: "&",
        brands: ["Nordic", "Suomi", "Karelia", "Lapland"], groupPrefix: []),
    .chinese: NameStyle(
        surnames: ["Huaxin", "Zhongda", "Xinlong", "Tianhai", "Jinsheng", "Hengrui", "Kanghua",
                   "Dahua", "Longsheng", "Haitian", "Ruixin", "Shengda", "Minghua", "Yongtai"],
        branches: nil, and: "&", brands: [], groupPrefix: []),
    .japanese: NameStyle(
        surnames: ["Tanaka", "Suzuki", "Takahashi", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi",
                   "Sato", "Ito", "Kato", "Yoshida", "Matsumoto"],
        branches: nil, and: "&", brands: ["Nippon", "Tokai", "Kansai", "Sanyo"], groupPrefix: []),
    .portuguese: NameStyle(
        surnames: ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Ferreira", "Almeida",
                   "Rodrigues", "Carvalho"],
        branches: [
            ["Comércio", "Distribuidora"], ["Automotiva", "Autopeças"], ["Química"],
            ["Alimentos", "Bebidas"], ["Logística", "Transportes"], ["Máquinas", "Industrial"],
            ["Farmacêutica"], ["Construções", "Engenharia"], ["Energia"], ["Eletrônica"],
        ],
        and: "e",
        brands: ["Atlântico", "Lusitana", "Paulista", "Tejo", "Minho"],
        groupPrefix: ["Grupo"]),
    .indian: NameStyle(
        surnames: ["Patel", "Sharma", "Singh", "Gupta", "Reddy", "Mehta", "Iyer", "Kapoor", "Agarwal", "Rao"],
        branches: nil, and: "&",
        brands: ["Bharat", "Deccan", "Sagar", "Ganga", "Shakti"], groupPrefix: []),
    .turkish: NameStyle(
        surnames: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan"],
        branches: [
            ["Ticaret"], ["Otomotiv"], ["Kimya"], ["Gıda"], ["Lojistik"], ["Makina"], ["İlaç"],
            ["İnşaat"], ["Enerji"], ["Elektronik"],
        ],
        and: "ve",
        brands: ["Anadolu", "Marmara", "Ege", "Boğaziçi", "Toros"],
        groupPrefix: []),
    .hungarian: NameStyle(
        surnames: ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár"],
        branches: [
            ["Kereskedelmi"], ["Autóipari"], ["Vegyipari"], ["Élelmiszer"], ["Logisztikai"],
            ["Gépipari"], ["Gyógyszer"], ["Építőipari"], ["Energetikai"], ["Elektronikai"],
        ],
        and: "és",
        brands: ["Duna", "Tisza", "Pannon", "Balaton", "Mátra"],
        groupPrefix: []),
]

/// Syllables for invented brand names ("Veltron", "Solavis", ...).
let brandHeads = ["Al", "Bel", "Cor", "Del", "Ev", "Fal", "Gal", "Hel", "Ion", "Kar", "Lum", "Mar",
                  "Nov", "Or", "Pra", "Quan", "Ros", "Sol", "Tor", "Ul", "Ver", "Xen", "Zen", "Ax",
                  "Brin", "Cen", "Dyn", "Ter", "Vit", "Aer"]
let brandMids = ["a", "o", "i", "e", "", "", "", "ta"]
let brandTails = ["tec", "tron", "lux", "max", "nova", "plan", "vis", "com", "ria", "gen", "dex",
                  "lon", "mar", "via", "tex", "form", "line", "wave", "tis", "nic"]

// MARK: - Managers' first names per style (surnames come from the name styles)

let firstNames: [Style: [String]] = [
    .german: ["Anna", "Thomas", "Julia", "Michael", "Katrin", "Stefan", "Sabine", "Andreas",
              "Claudia", "Markus", "Laura", "Jan", "Lena", "Tobias", "Miriam", "Felix", "Sandra",
              "Jörg", "Petra", "Florian", "Nina", "Sebastian", "Ute", "Christian"],
    .french: ["Camille", "Nicolas", "Sophie", "Julien", "Claire", "Antoine", "Élodie", "Mathieu"],
    .italian: ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro"],
    .spanish: ["Lucía", "Javier", "Carmen", "Pablo", "Elena", "Sergio"],
    .dutch: ["Sanne", "Daan", "Femke", "Bram", "Lotte", "Joost"],
    .polish: ["Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Magdalena", "Paweł"],
    .english: ["Emma", "James", "Olivia", "Daniel", "Sarah", "Michael", "Rachel", "Andrew"],
    .chinese: ["Wei", "Na", "Jun", "Mei", "Lei", "Xiu"],
]
let chineseFamilyNames = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang"]

// MARK: - Credit grades

let creditGrades = ["AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-", "BB+", "BB",
                    "BB-", "B+", "B", "B-", "CCC+", "CCC", "CC", "C", "D"]
let creditGradeWeights: [Double] = [1, 1, 1.5, 2, 3, 4, 5, 8, 10, 10, 9, 8, 6, 4, 3, 2, 1, 0.8, 0.4, 0.2, 0.2]

// MARK: - Kano features

/// Kano categories in the order M, O, A, I, R, Q.
enum Kano: Int { case m = 0, o, a, i, r, q }

struct Feature {
    let name: String
    let national: [Double]   // probabilities of M, O, A, I, R, Q
    let global: [Double]
}

let kanoFeatures: [Feature] = [
    Feature(name: "on-time delivery",
            national: [0.60, 0.22, 0.05, 0.11, 0.01, 0.01], global: [0.60, 0.22, 0.05, 0.11, 0.01, 0.01]),
    Feature(name: "dedicated account manager",
            national: [0.18, 0.42, 0.22, 0.16, 0.01, 0.01], global: [0.22, 0.48, 0.16, 0.12, 0.01, 0.01]),
    Feature(name: "EDI ordering",
            national: [0.28, 0.14, 0.13, 0.42, 0.02, 0.01], global: [0.46, 0.22, 0.10, 0.20, 0.01, 0.01]),
    Feature(name: "sustainability report",
            national: [0.12, 0.14, 0.37, 0.33, 0.02, 0.02], global: [0.12, 0.14, 0.37, 0.33, 0.02, 0.02]),
    Feature(name: "24h technical hotline",
            national: [0.25, 0.45, 0.14, 0.14, 0.01, 0.01], global: [0.25, 0.45, 0.14, 0.14, 0.01, 0.01]),
    Feature(name: "volume discounts",
            national: [0.14, 0.58, 0.12, 0.14, 0.01, 0.01], global: [0.14, 0.58, 0.12, 0.14, 0.01, 0.01]),
    Feature(name: "quarterly business review",
            national: [0.10, 0.15, 0.19, 0.50, 0.05, 0.01], global: [0.10, 0.15, 0.19, 0.50, 0.05, 0.01]),
    Feature(name: "consignment stock",
            national: [0.12, 0.12, 0.44, 0.30, 0.01, 0.01], global: [0.12, 0.12, 0.44, 0.30, 0.01, 0.01]),
    Feature(name: "custom packaging",
            national: [0.07, 0.09, 0.25, 0.56, 0.02, 0.01], global: [0.07, 0.09, 0.25, 0.56, 0.02, 0.01]),
    Feature(name: "online order tracking",
            national: [0.42, 0.30, 0.10, 0.16, 0.01, 0.01], global: [0.42, 0.30, 0.10, 0.16, 0.01, 0.01]),
    Feature(name: "joint product development",
            national: [0.09, 0.13, 0.48, 0.28, 0.01, 0.01], global: [0.09, 0.13, 0.48, 0.28, 0.01, 0.01]),
    Feature(name: "carbon-neutral shipping",
            national: [0.06, 0.10, 0.34, 0.47, 0.02, 0.01], global: [0.18, 0.38, 0.30, 0.12, 0.01, 0.01]),
    Feature(name: "multilingual service",
            national: [0.04, 0.06, 0.16, 0.70, 0.03, 0.01], global: [0.48, 0.28, 0.10, 0.12, 0.01, 0.01]),
]

/// Name styles as an array indexed by `Style.rawValue` (no hashing in the hot loop).
let nameStyleTable: [NameStyle] = (0 ..< 18).map { nameStyles[Style(rawValue: $0)!]! }
