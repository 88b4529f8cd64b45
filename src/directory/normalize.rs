//! Turning what people type into comparable keys.
//!
//! A place name may arrive in Ukrainian ("Бровари"), Russian ("Бровары"),
//! English or transliterated ("Brovary", "Brovari"), in any case, with any of
//! four apostrophes, or without Ukrainian letters ("Кіів" for "Київ"). Every
//! form is reduced to one lowercase ASCII skeleton in which the letters that
//! these spellings confuse are folded together (и/і/ї/ы/й/y → i, г/ґ/g/h → h,
//! е/є/э/ё → e…), separators and apostrophes vanish, and Cyrillic is
//! transliterated close to the official 2010 scheme. Typos are then left to a
//! small edit distance over skeletons.

/// The skeleton of a name or query: lowercase ASCII letters and digits only.
/// A word that mixes Cyrillic and Latin letters is first read in its main
/// script (see [`unmix`]).
pub fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in unmix(text).chars().flat_map(char::to_lowercase) {
        out.push_str(fold(c));
    }
    out
}

/// Latin letters that look like Cyrillic ones, and those Cyrillic letters.
/// Typing on a phone with two keyboards, or pasting, mixes them inside a word
/// ("ХEPCOH" with Latin E, P, C, O; "Cуми" with a Latin C), and the mixed
/// word matches nothing.
const LOOKALIKES: [(char, char); 26] = [
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('i', 'і'),
    ('o', 'о'),
    ('p', 'р'),
    ('x', 'х'),
    ('y', 'у'),
    ('k', 'к'),
    ('m', 'м'),
    ('h', 'н'),
    ('t', 'т'),
    ('b', 'в'),
    ('A', 'А'),
    ('C', 'С'),
    ('E', 'Е'),
    ('I', 'І'),
    ('O', 'О'),
    ('P', 'Р'),
    ('X', 'Х'),
    ('Y', 'У'),
    ('K', 'К'),
    ('M', 'М'),
    ('H', 'Н'),
    ('T', 'Т'),
    ('B', 'В'),
];

/// Each word that mixes scripts with its look-alike letters turned into one
/// script: into Cyrillic when every Latin letter in it has a Cyrillic
/// look-alike ("ХEPCOH"), else into Latin when every Cyrillic one has a Latin
/// look-alike ("Kyіv"), else into the script of most of its letters. Words
/// in one script are returned as they are.
pub fn unmix(text: &str) -> std::borrow::Cow<'_, str> {
    let is_cyrillic = |c: char| matches!(c, '\u{0400}'..='\u{04FF}');
    let mixes_scripts = text
        .split(|c: char| !c.is_alphabetic())
        .any(|word| word.chars().any(is_cyrillic) && word.chars().any(|c| c.is_ascii_alphabetic()));
    if !mixes_scripts {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let cyrillic = word.chars().filter(|&c| is_cyrillic(c)).count();
        let latin = word.chars().filter(char::is_ascii_alphabetic).count();
        if cyrillic > 0 && latin > 0 {
            let has_lookalike = |c: char, latin: bool| LOOKALIKES.iter().any(|&(l, y)| c == if latin { l } else { y });
            let all_latin_alike = word.chars().filter(char::is_ascii_alphabetic).all(|c| has_lookalike(c, true));
            let all_cyrillic_alike = word.chars().filter(|&c| is_cyrillic(c)).all(|c| has_lookalike(c, false));
            let to_cyrillic = all_latin_alike || (!all_cyrillic_alike && cyrillic >= latin);
            out.extend(word.chars().map(|c| {
                LOOKALIKES
                    .iter()
                    .find(|&&(lat, cyr)| if to_cyrillic { c == lat } else { c == cyr })
                    .map_or(c, |&(lat, cyr)| if to_cyrillic { cyr } else { lat })
            }));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    std::borrow::Cow::Owned(out)
}

fn fold(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "h",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' | 'й' | 'ы' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "iu",
        'я' => "ia",
        'a' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => "a",
        'b' => "b",
        'c' | 'ç' => "c",
        'ć' | 'č' => "ch",
        'd' => "d",
        'e' | 'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => "e",
        'f' => "f",
        'g' | 'h' | 'ğ' => "h",
        'i' | 'í' | 'ì' | 'î' | 'ï' | 'ı' | 'y' | 'ý' | 'j' => "i",
        'k' | 'q' => "k",
        'l' | 'ł' | 'ľ' | 'ļ' => "l",
        'm' => "m",
        'n' | 'ñ' | 'ń' | 'ň' => "n",
        'o' | 'ó' | 'ò' | 'ô' | 'ö' | 'õ' => "o",
        'p' => "p",
        'r' | 'ř' => "r",
        's' | 'ś' => "s",
        'š' | 'ş' => "sh",
        't' | 'ť' => "t",
        'u' | 'ú' | 'ù' | 'û' | 'ü' | 'ů' => "u",
        'v' | 'w' => "v",
        'x' => "ks",
        'z' | 'ź' | 'ż' => "z",
        'ž' => "zh",
        '0'..='9' => digit(c),
        // Apostrophes (' ’ ʼ `), the soft and hard signs, hyphens, spaces,
        // punctuation, emoji and everything else carry no letter.
        _ => "",
    }
}

fn digit(c: char) -> &'static str {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    c.to_digit(10).and_then(|d| DIGITS.get(d as usize)).copied().unwrap_or("")
}

/// Ukrainian → Latin by the official rules (KMU resolution No. 55 of
/// 27.01.2010), as `scripts/build-data.py` wrote the gazetteer's `name_lat`
/// (a test holds the two to the same result for every place): word-initial
/// є/ї/й/ю/я take the y- forms, зг is zgh, ь and apostrophes vanish, a
/// capital stays a capital, anything else is kept and starts a new word.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The previous Cyrillic letter (lowercase); None at a word start.
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let Some(plain) = kmu_letter(lower) else {
            out.push(c);
            previous = None;
            continue;
        };
        let latin = match (previous, lower) {
            (None, 'є') => "ye",
            (None, 'ї') => "yi",
            (None, 'й') => "y",
            (None, 'ю') => "yu",
            (None, 'я') => "ya",
            (Some('з'), 'г') => "gh",
            _ => plain,
        };
        let mut letters = latin.chars();
        if let (true, Some(first)) = (c != lower, letters.next()) {
            out.extend(first.to_uppercase());
            out.push_str(letters.as_str());
        } else {
            out.push_str(latin);
        }
        if !is_apostrophe(lower) {
            previous = Some(lower);
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// A letter's Latin form in the KMU 2010 table (apostrophes: none).
fn kmu_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' => "iu",
        'я' => "ia",
        'ь' => "",
        c if is_apostrophe(c) => "",
        _ => return None,
    })
}

/// Words that name a kind of place rather than the place ("м. Бровари",
/// "Броварська міська громада", "Brovary city"); they are dropped from queries.
const KIND_WORDS: &[&str] = &[
    "м",
    "місто",
    "город",
    "г",
    "с",
    "село",
    "смт",
    "селище",
    "сел",
    "слщ",
    "пгт",
    "громада",
    "громади",
    "територіальна",
    "тг",
    "отг",
    "мтг",
    "стг",
    "міська",
    "сільська",
    "селищна",
    "city",
    "town",
    "village",
    "hromada",
    "community",
    "область",
    "обл",
    "oblast",
    "region",
    "район",
    "р-н",
    "raion",
    "district",
];

/// The longest query worth searching: the longest Ukrainian place names have
/// about 40 letters, and a long message is not a place.
pub const MAX_QUERY_CHARS: usize = 80;

/// Splits a typed query into words, without control characters or kind words.
pub fn query_words(text: &str) -> Vec<String> {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() || matches!(c, ',' | ';' | '.' | '(' | ')' | '/' | '"') { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().map(str::to_lowercase).filter(|word| !KIND_WORDS.contains(&word.as_str())).collect()
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent swaps) between
/// two skeletons, or `None` when it exceeds `max`. Bounded so that scanning
/// thousands of names per query stays cheap.
pub fn distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[prev][j] + 1).min(rows[cur][j - 1] + 1).min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return None;
        }
    }
    let distance = rows[a.len() % 3][b.len()];
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests;
