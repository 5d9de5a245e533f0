//! Real regions of every country the generated directory uses, each with real cities (or, in
//! city-states and capital regions, districts) that lie in it. English names where English
//! has its own (Munich, Bavaria), the local name otherwise.

/// `(country, [(region, [city in that region])])`.
pub type Places = &'static [(
    &'static str,
    &'static [(&'static str, &'static [&'static str])],
)];

pub const PLACES: Places = &[
    (
        "US",
        &[
            ("Washington", &["Seattle", "Bellevue", "Redmond", "Spokane"]),
            ("New York", &["New York", "Buffalo", "Rochester", "Albany"]),
            (
                "California",
                &["Los Angeles", "San Francisco", "San Diego", "San Jose"],
            ),
            ("Texas", &["Houston", "Austin", "Dallas", "San Antonio"]),
            ("Illinois", &["Chicago", "Naperville", "Springfield"]),
            ("Massachusetts", &["Boston", "Cambridge", "Worcester"]),
            ("Georgia", &["Atlanta", "Savannah", "Augusta"]),
            ("Florida", &["Miami", "Orlando", "Tampa", "Jacksonville"]),
            ("Colorado", &["Denver", "Boulder", "Colorado Springs"]),
        ],
    ),
    (
        "GB",
        &[
            ("England", &["London", "Manchester", "Birmingham", "Leeds"]),
            ("Scotland", &["Edinburgh", "Glasgow", "Aberdeen"]),
            ("Wales", &["Cardiff", "Swansea", "Newport"]),
            ("Northern Ireland", &["Belfast", "Derry", "Lisburn"]),
        ],
    ),
    (
        "DE",
        &[
            (
                "Bavaria",
                &["Munich", "Nuremberg", "Augsburg", "Regensburg"],
            ),
            (
                "North Rhine-Westphalia",
                &["Cologne", "Düsseldorf", "Dortmund", "Essen"],
            ),
            (
                "Baden-Württemberg",
                &["Stuttgart", "Karlsruhe", "Mannheim", "Freiburg"],
            ),
            ("Hesse", &["Frankfurt", "Wiesbaden", "Darmstadt", "Kassel"]),
            ("Lower Saxony", &["Hanover", "Brunswick", "Osnabrück"]),
            ("Saxony", &["Dresden", "Leipzig", "Chemnitz"]),
            (
                "Brandenburg",
                &["Potsdam", "Cottbus", "Brandenburg an der Havel"],
            ),
        ],
    ),
    (
        "FR",
        &[
            (
                "Île-de-France",
                &["Paris", "Versailles", "Boulogne-Billancourt", "Saint-Denis"],
            ),
            (
                "Auvergne-Rhône-Alpes",
                &["Lyon", "Grenoble", "Saint-Étienne", "Clermont-Ferrand"],
            ),
            (
                "Provence-Alpes-Côte d'Azur",
                &["Marseille", "Nice", "Toulon", "Aix-en-Provence"],
            ),
            (
                "Occitanie",
                &["Toulouse", "Montpellier", "Nîmes", "Perpignan"],
            ),
            (
                "Nouvelle-Aquitaine",
                &["Bordeaux", "Limoges", "Poitiers", "La Rochelle"],
            ),
            ("Hauts-de-France", &["Lille", "Amiens", "Roubaix"]),
            ("Grand Est", &["Strasbourg", "Reims", "Metz", "Nancy"]),
            ("Pays de la Loire", &["Nantes", "Angers", "Le Mans"]),
        ],
    ),
    (
        "CA",
        &[
            ("Ontario", &["Toronto", "Ottawa", "Mississauga", "Hamilton"]),
            ("Quebec", &["Montreal", "Quebec City", "Laval", "Gatineau"]),
            (
                "British Columbia",
                &["Vancouver", "Victoria", "Surrey", "Burnaby"],
            ),
            ("Alberta", &["Calgary", "Edmonton", "Red Deer"]),
            ("Manitoba", &["Winnipeg", "Brandon", "Steinbach"]),
        ],
    ),
    (
        "AU",
        &[
            ("New South Wales", &["Sydney", "Newcastle", "Wollongong"]),
            ("Victoria", &["Melbourne", "Geelong", "Ballarat"]),
            (
                "Queensland",
                &["Brisbane", "Gold Coast", "Cairns", "Townsville"],
            ),
            ("Western Australia", &["Perth", "Fremantle", "Bunbury"]),
            ("South Australia", &["Adelaide", "Mount Gambier", "Whyalla"]),
        ],
    ),
    (
        "IN",
        &[
            ("Maharashtra", &["Mumbai", "Pune", "Nagpur", "Nashik"]),
            (
                "Karnataka",
                &["Bengaluru", "Mysuru", "Mangaluru", "Hubballi"],
            ),
            ("Tamil Nadu", &["Chennai", "Coimbatore", "Madurai"]),
            ("Telangana", &["Hyderabad", "Warangal", "Karimnagar"]),
            (
                "Uttar Pradesh",
                &["Noida", "Lucknow", "Ghaziabad", "Kanpur"],
            ),
            ("West Bengal", &["Kolkata", "Howrah", "Durgapur"]),
            ("Gujarat", &["Ahmedabad", "Surat", "Vadodara"]),
        ],
    ),
    (
        "JP",
        &[
            ("Tokyo", &["Shinjuku", "Shibuya", "Hachiōji"]),
            ("Osaka", &["Osaka", "Sakai", "Toyonaka"]),
            ("Kanagawa", &["Yokohama", "Kawasaki", "Sagamihara"]),
            ("Aichi", &["Nagoya", "Toyota", "Okazaki"]),
            ("Fukuoka", &["Fukuoka", "Kitakyushu", "Kurume"]),
            ("Hokkaido", &["Sapporo", "Asahikawa", "Hakodate"]),
        ],
    ),
    (
        "CN",
        &[
            (
                "Guangdong",
                &["Guangzhou", "Shenzhen", "Dongguan", "Foshan"],
            ),
            ("Zhejiang", &["Hangzhou", "Ningbo", "Wenzhou"]),
            ("Jiangsu", &["Nanjing", "Suzhou", "Wuxi"]),
            ("Sichuan", &["Chengdu", "Mianyang", "Leshan"]),
            ("Hubei", &["Wuhan", "Yichang", "Xiangyang"]),
            ("Shandong", &["Jinan", "Qingdao", "Yantai"]),
        ],
    ),
    (
        "BR",
        &[
            (
                "São Paulo",
                &["São Paulo", "Campinas", "Santos", "Ribeirão Preto"],
            ),
            (
                "Rio de Janeiro",
                &["Rio de Janeiro", "Niterói", "Petrópolis"],
            ),
            (
                "Minas Gerais",
                &["Belo Horizonte", "Uberlândia", "Juiz de Fora"],
            ),
            ("Paraná", &["Curitiba", "Londrina", "Maringá"]),
            (
                "Rio Grande do Sul",
                &["Porto Alegre", "Caxias do Sul", "Pelotas"],
            ),
            ("Pernambuco", &["Recife", "Olinda", "Caruaru"]),
        ],
    ),
    (
        "NL",
        &[
            (
                "North Holland",
                &["Amsterdam", "Haarlem", "Zaandam", "Hilversum"],
            ),
            (
                "South Holland",
                &["Rotterdam", "The Hague", "Leiden", "Delft"],
            ),
            ("Utrecht", &["Utrecht", "Amersfoort", "Nieuwegein"]),
            (
                "North Brabant",
                &["Eindhoven", "Tilburg", "Breda", "'s-Hertogenbosch"],
            ),
            ("Gelderland", &["Arnhem", "Nijmegen", "Apeldoorn"]),
            ("Groningen", &["Groningen", "Delfzijl", "Veendam"]),
        ],
    ),
    (
        "ES",
        &[
            (
                "Community of Madrid",
                &["Madrid", "Alcalá de Henares", "Móstoles", "Getafe"],
            ),
            ("Catalonia", &["Barcelona", "Girona", "Tarragona", "Lleida"]),
            ("Andalusia", &["Seville", "Málaga", "Granada", "Córdoba"]),
            (
                "Valencian Community",
                &["Valencia", "Alicante", "Elche", "Castellón de la Plana"],
            ),
            (
                "Basque Country",
                &["Bilbao", "San Sebastián", "Vitoria-Gasteiz"],
            ),
        ],
    ),
    (
        "IT",
        &[
            ("Lombardy", &["Milan", "Bergamo", "Brescia", "Monza"]),
            ("Lazio", &["Rome", "Latina", "Viterbo"]),
            ("Piedmont", &["Turin", "Novara", "Alessandria"]),
            (
                "Emilia-Romagna",
                &["Bologna", "Modena", "Parma", "Reggio Emilia"],
            ),
            ("Veneto", &["Venice", "Verona", "Padua", "Vicenza"]),
            ("Campania", &["Naples", "Salerno", "Caserta"]),
            ("Tuscany", &["Florence", "Pisa", "Siena", "Livorno"]),
        ],
    ),
    (
        "SE",
        &[
            ("Stockholm County", &["Stockholm", "Solna", "Södertälje"]),
            (
                "Västra Götaland County",
                &["Gothenburg", "Borås", "Trollhättan"],
            ),
            ("Skåne County", &["Malmö", "Helsingborg", "Lund"]),
            ("Uppsala County", &["Uppsala", "Enköping", "Östhammar"]),
        ],
    ),
    (
        "CH",
        &[
            ("Zurich", &["Zurich", "Winterthur", "Uster"]),
            ("Geneva", &["Geneva", "Vernier", "Lancy"]),
            ("Bern", &["Bern", "Biel/Bienne", "Thun"]),
            ("Vaud", &["Lausanne", "Montreux", "Yverdon-les-Bains"]),
            ("Ticino", &["Lugano", "Bellinzona", "Locarno"]),
        ],
    ),
    (
        "SG",
        &[
            (
                "Central Region",
                &["Downtown Core", "Orchard", "Queenstown"],
            ),
            ("East Region", &["Tampines", "Bedok", "Pasir Ris"]),
            ("West Region", &["Jurong East", "Clementi", "Bukit Batok"]),
            ("North-East Region", &["Punggol", "Sengkang", "Hougang"]),
        ],
    ),
    (
        "MX",
        &[
            ("Jalisco", &["Guadalajara", "Zapopan", "Puerto Vallarta"]),
            (
                "Nuevo León",
                &["Monterrey", "San Pedro Garza García", "Apodaca"],
            ),
            ("State of Mexico", &["Toluca", "Naucalpan", "Ecatepec"]),
            ("Puebla", &["Puebla", "Tehuacán", "Cholula"]),
            ("Yucatán", &["Mérida", "Valladolid", "Progreso"]),
        ],
    ),
    (
        "ZA",
        &[
            (
                "Gauteng",
                &["Johannesburg", "Pretoria", "Centurion", "Soweto"],
            ),
            (
                "Western Cape",
                &["Cape Town", "Stellenbosch", "George", "Paarl"],
            ),
            (
                "KwaZulu-Natal",
                &["Durban", "Pietermaritzburg", "Richards Bay"],
            ),
            ("Eastern Cape", &["Gqeberha", "East London", "Mthatha"]),
        ],
    ),
    (
        "PL",
        &[
            ("Masovian Voivodeship", &["Warsaw", "Radom", "Płock"]),
            (
                "Lesser Poland Voivodeship",
                &["Kraków", "Tarnów", "Nowy Sącz"],
            ),
            (
                "Lower Silesian Voivodeship",
                &["Wrocław", "Wałbrzych", "Legnica"],
            ),
            ("Greater Poland Voivodeship", &["Poznań", "Kalisz", "Konin"]),
            ("Pomeranian Voivodeship", &["Gdańsk", "Gdynia", "Sopot"]),
        ],
    ),
    (
        "IE",
        &[
            ("County Dublin", &["Dublin", "Dún Laoghaire", "Swords"]),
            ("County Cork", &["Cork", "Cobh", "Mallow"]),
            ("County Galway", &["Galway", "Tuam", "Ballinasloe"]),
            (
                "County Limerick",
                &["Limerick", "Newcastle West", "Kilmallock"],
            ),
        ],
    ),
    (
        "NZ",
        &[
            ("Auckland", &["Auckland", "Pukekohe", "Orewa"]),
            (
                "Wellington",
                &["Wellington", "Lower Hutt", "Porirua", "Upper Hutt"],
            ),
            ("Canterbury", &["Christchurch", "Timaru", "Ashburton"]),
            ("Waikato", &["Hamilton", "Taupō", "Cambridge"]),
            ("Otago", &["Dunedin", "Queenstown", "Oamaru"]),
        ],
    ),
    (
        "KR",
        &[
            ("Seoul", &["Gangnam-gu", "Jongno-gu", "Mapo-gu"]),
            (
                "Gyeonggi Province",
                &["Suwon", "Seongnam", "Goyang", "Yongin"],
            ),
            (
                "South Gyeongsang Province",
                &["Changwon", "Gimhae", "Jinju"],
            ),
            ("North Gyeongsang Province", &["Pohang", "Gumi", "Gyeongju"]),
            ("South Chungcheong Province", &["Cheonan", "Asan", "Gongju"]),
        ],
    ),
    (
        "AE",
        &[
            ("Dubai", &["Dubai", "Hatta", "Jebel Ali"]),
            ("Abu Dhabi", &["Abu Dhabi", "Al Ain", "Ruwais"]),
            ("Sharjah", &["Sharjah", "Khor Fakkan", "Kalba"]),
        ],
    ),
    (
        "DK",
        &[
            (
                "Capital Region of Denmark",
                &["Copenhagen", "Frederiksberg", "Hillerød", "Helsingør"],
            ),
            (
                "Central Denmark Region",
                &["Aarhus", "Randers", "Silkeborg", "Horsens"],
            ),
            (
                "Region of Southern Denmark",
                &["Odense", "Esbjerg", "Kolding", "Vejle"],
            ),
            (
                "North Denmark Region",
                &["Aalborg", "Hjørring", "Frederikshavn"],
            ),
        ],
    ),
    (
        "NO",
        &[
            ("Vestland", &["Bergen", "Førde", "Stord"]),
            ("Trøndelag", &["Trondheim", "Steinkjer", "Levanger"]),
            ("Rogaland", &["Stavanger", "Sandnes", "Haugesund"]),
            ("Akershus", &["Lillestrøm", "Asker", "Bærum"]),
        ],
    ),
    (
        "FI",
        &[
            ("Uusimaa", &["Helsinki", "Espoo", "Vantaa", "Porvoo"]),
            ("Pirkanmaa", &["Tampere", "Nokia", "Ylöjärvi"]),
            ("Southwest Finland", &["Turku", "Salo", "Naantali"]),
            ("North Ostrobothnia", &["Oulu", "Raahe", "Kempele"]),
        ],
    ),
    (
        "BE",
        &[
            (
                "Brussels-Capital Region",
                &["Brussels", "Ixelles", "Schaerbeek", "Anderlecht"],
            ),
            ("Flanders", &["Antwerp", "Ghent", "Bruges", "Leuven"]),
            ("Wallonia", &["Liège", "Charleroi", "Namur", "Mons"]),
        ],
    ),
    (
        "AT",
        &[
            ("Upper Austria", &["Linz", "Wels", "Steyr"]),
            ("Styria", &["Graz", "Leoben", "Kapfenberg"]),
            ("Salzburg", &["Salzburg", "Hallein", "Saalfelden"]),
            ("Tyrol", &["Innsbruck", "Kufstein", "Schwaz"]),
            (
                "Lower Austria",
                &["St. Pölten", "Wiener Neustadt", "Krems an der Donau"],
            ),
        ],
    ),
    (
        "PT",
        &[
            ("Lisbon", &["Lisbon", "Sintra", "Cascais", "Oeiras"]),
            (
                "Porto",
                &["Porto", "Vila Nova de Gaia", "Matosinhos", "Maia"],
            ),
            ("Braga", &["Braga", "Guimarães", "Barcelos"]),
            ("Faro", &["Faro", "Albufeira", "Lagos", "Portimão"]),
        ],
    ),
    (
        "AR",
        &[
            (
                "Buenos Aires Province",
                &["La Plata", "Mar del Plata", "Bahía Blanca"],
            ),
            ("Córdoba", &["Córdoba", "Villa Carlos Paz", "Río Cuarto"]),
            ("Santa Fe", &["Rosario", "Santa Fe", "Rafaela"]),
            ("Mendoza", &["Mendoza", "San Rafael", "Godoy Cruz"]),
        ],
    ),
    (
        "CL",
        &[
            (
                "Santiago Metropolitan Region",
                &["Santiago", "Puente Alto", "Maipú"],
            ),
            ("Valparaíso", &["Valparaíso", "Viña del Mar", "Quilpué"]),
            ("Biobío", &["Concepción", "Talcahuano", "Los Ángeles"]),
            ("Antofagasta", &["Antofagasta", "Calama", "Tocopilla"]),
        ],
    ),
    (
        "CO",
        &[
            ("Antioquia", &["Medellín", "Bello", "Envigado", "Itagüí"]),
            ("Valle del Cauca", &["Cali", "Palmira", "Buenaventura"]),
            ("Atlántico", &["Barranquilla", "Soledad", "Malambo"]),
            (
                "Cundinamarca",
                &["Soacha", "Zipaquirá", "Chía", "Facatativá"],
            ),
            (
                "Santander",
                &["Bucaramanga", "Floridablanca", "Barrancabermeja"],
            ),
        ],
    ),
    (
        "IL",
        &[
            (
                "Tel Aviv District",
                &["Tel Aviv", "Ramat Gan", "Herzliya", "Holon"],
            ),
            ("Haifa District", &["Haifa", "Hadera", "Nesher"]),
            (
                "Jerusalem District",
                &["Jerusalem", "Beit Shemesh", "Mevaseret Zion"],
            ),
            (
                "Central District",
                &["Petah Tikva", "Rishon LeZion", "Netanya", "Rehovot"],
            ),
        ],
    ),
    (
        "TR",
        &[
            ("Marmara Region", &["Istanbul", "Bursa", "Tekirdağ"]),
            ("Aegean Region", &["İzmir", "Denizli", "Manisa"]),
            (
                "Central Anatolia Region",
                &["Ankara", "Konya", "Kayseri", "Eskişehir"],
            ),
            ("Mediterranean Region", &["Antalya", "Adana", "Mersin"]),
        ],
    ),
    (
        "SA",
        &[
            ("Riyadh Province", &["Riyadh", "Al Kharj", "Diriyah"]),
            ("Makkah Province", &["Jeddah", "Mecca", "Taif"]),
            (
                "Eastern Province",
                &["Dammam", "Khobar", "Dhahran", "Jubail"],
            ),
            ("Medina Province", &["Medina", "Yanbu", "AlUla"]),
        ],
    ),
    (
        "EG",
        &[
            ("Cairo Governorate", &["Cairo", "New Cairo", "Helwan"]),
            (
                "Giza Governorate",
                &["Giza", "6th of October City", "Sheikh Zayed City"],
            ),
            ("Alexandria Governorate", &["Alexandria", "Borg El Arab"]),
            (
                "Qalyubia Governorate",
                &["Banha", "Shubra El Kheima", "Qalyub"],
            ),
        ],
    ),
    (
        "NG",
        &[
            ("Lagos State", &["Lagos", "Ikeja", "Lekki", "Epe"]),
            (
                "Federal Capital Territory",
                &["Abuja", "Gwagwalada", "Kuje"],
            ),
            ("Rivers State", &["Port Harcourt", "Bonny", "Obio-Akpor"]),
            ("Kano State", &["Kano", "Wudil", "Gaya"]),
            ("Oyo State", &["Ibadan", "Ogbomosho", "Oyo"]),
        ],
    ),
    (
        "KE",
        &[
            ("Nairobi County", &["Nairobi", "Westlands", "Kasarani"]),
            ("Mombasa County", &["Mombasa", "Likoni", "Nyali"]),
            ("Kisumu County", &["Kisumu", "Maseno", "Ahero"]),
            ("Nakuru County", &["Nakuru", "Naivasha", "Molo"]),
            ("Kiambu County", &["Thika", "Kiambu", "Ruiru", "Limuru"]),
        ],
    ),
    (
        "TH",
        &[
            (
                "Chiang Mai Province",
                &["Chiang Mai", "San Kamphaeng", "Mae Rim"],
            ),
            ("Chonburi Province", &["Pattaya", "Chonburi", "Si Racha"]),
            ("Phuket Province", &["Phuket", "Patong", "Kathu"]),
            (
                "Nonthaburi Province",
                &["Nonthaburi", "Pak Kret", "Bang Bua Thong"],
            ),
            (
                "Khon Kaen Province",
                &["Khon Kaen", "Ban Phai", "Chum Phae"],
            ),
        ],
    ),
    (
        "VN",
        &[
            ("Red River Delta", &["Hanoi", "Haiphong", "Bac Ninh"]),
            ("Southeast", &["Ho Chi Minh City", "Bien Hoa", "Vung Tau"]),
            ("South Central Coast", &["Da Nang", "Nha Trang", "Quy Nhon"]),
            ("Mekong Delta", &["Can Tho", "Long Xuyen", "My Tho"]),
        ],
    ),
    (
        "PH",
        &[
            (
                "Metro Manila",
                &["Manila", "Quezon City", "Makati", "Taguig"],
            ),
            ("Central Visayas", &["Cebu City", "Mandaue", "Lapu-Lapu"]),
            ("Davao Region", &["Davao City", "Tagum", "Panabo"]),
            (
                "Calabarzon",
                &["Antipolo", "Calamba", "Santa Rosa", "Batangas City"],
            ),
        ],
    ),
    (
        "MY",
        &[
            (
                "Selangor",
                &["Shah Alam", "Petaling Jaya", "Subang Jaya", "Klang"],
            ),
            ("Penang", &["George Town", "Butterworth", "Bayan Lepas"]),
            ("Johor", &["Johor Bahru", "Iskandar Puteri", "Batu Pahat"]),
            ("Sarawak", &["Kuching", "Miri", "Sibu"]),
        ],
    ),
    (
        "ID",
        &[
            (
                "Jakarta",
                &["Central Jakarta", "South Jakarta", "West Jakarta"],
            ),
            ("West Java", &["Bandung", "Bekasi", "Bogor", "Depok"]),
            ("East Java", &["Surabaya", "Malang", "Kediri"]),
            ("Central Java", &["Semarang", "Surakarta", "Magelang"]),
            ("Bali", &["Denpasar", "Singaraja", "Ubud"]),
        ],
    ),
    (
        "TW",
        &[
            ("Taipei", &["Xinyi", "Neihu", "Da'an"]),
            ("New Taipei", &["Banqiao", "Xinzhuang", "Tamsui"]),
            ("Hsinchu County", &["Zhubei", "Hukou", "Zhudong"]),
            ("Taichung", &["Xitun", "Beitun", "Fengyuan"]),
        ],
    ),
    (
        "HK",
        &[
            (
                "Hong Kong Island",
                &["Central", "Wan Chai", "Causeway Bay", "Quarry Bay"],
            ),
            (
                "Kowloon",
                &["Tsim Sha Tsui", "Mong Kok", "Kwun Tong", "Kowloon Bay"],
            ),
            (
                "New Territories",
                &["Sha Tin", "Tsuen Wan", "Tuen Mun", "Tai Po"],
            ),
        ],
    ),
    (
        "CZ",
        &[
            ("South Moravian Region", &["Brno", "Znojmo", "Břeclav"]),
            (
                "Moravian-Silesian Region",
                &["Ostrava", "Opava", "Frýdek-Místek"],
            ),
            (
                "Central Bohemian Region",
                &["Kladno", "Mladá Boleslav", "Kolín"],
            ),
            ("Plzeň Region", &["Plzeň", "Klatovy", "Rokycany"]),
        ],
    ),
    (
        "RO",
        &[
            ("Cluj County", &["Cluj-Napoca", "Turda", "Dej"]),
            ("Timiș County", &["Timișoara", "Lugoj", "Sânnicolau Mare"]),
            ("Iași County", &["Iași", "Pașcani", "Hârlău"]),
            ("Brașov County", &["Brașov", "Făgăraș", "Săcele"]),
            ("Ilfov County", &["Voluntari", "Otopeni", "Buftea"]),
        ],
    ),
    (
        "HU",
        &[
            ("Pest County", &["Érd", "Gödöllő", "Vác", "Szentendre"]),
            (
                "Hajdú-Bihar County",
                &["Debrecen", "Hajdúböszörmény", "Balmazújváros"],
            ),
            (
                "Csongrád-Csanád County",
                &["Szeged", "Hódmezővásárhely", "Makó"],
            ),
            (
                "Győr-Moson-Sopron County",
                &["Győr", "Sopron", "Mosonmagyaróvár"],
            ),
            ("Baranya County", &["Pécs", "Komló", "Mohács"]),
        ],
    ),
];

/// The regions of `country`, empty for a country without a table.
pub fn regions(country: &str) -> &'static [(&'static str, &'static [&'static str])] {
    PLACES
        .iter()
        .find(|(code, _)| *code == country)
        .map(|(_, regions)| *regions)
        .unwrap_or(&[])
}

/// Whether a location names only places of its country's table: the region one of its
/// regions, the city one of that region's cities (of any of its regions without a region).
pub fn is_known(country: &str, region: Option<&str>, city: Option<&str>) -> bool {
    let regions = regions(country);
    if regions.is_empty() {
        return false;
    }
    let in_region = |cities: &[&str]| city.is_none_or(|city| cities.contains(&city));
    match region {
        Some(region) => regions
            .iter()
            .any(|(name, cities)| *name == region && in_region(cities)),
        None => regions.iter().any(|(_, cities)| in_region(cities)),
    }
}
