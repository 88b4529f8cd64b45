//! The distress phrase list: every phrase an operator ships is recognised,
//! in the ways people actually type it, and nothing ordinary is taken for
//! distress (ordinary messages, and every place name the search knows).

use resilience_bot::directory::Gazetteer;
use resilience_bot::distress::DistressPhrases;

/// What people write to a bot that finds Resilience Centres, and what the
/// phrase list must leave alone: places (among them cheerful and gloomy
/// village names), questions, answers to the bot's forms, greetings.
const ORDINARY: &[&str] = &[
    "Дніпро",
    "Привільне",
    "Щасливе",
    "Веселе",
    "Мирне",
    "Тихе",
    "Надія",
    "Бровари",
    "Київ",
    "Львів",
    "Харків",
    "Одеса",
    "Запоріжжя",
    "Миколаїв",
    "Херсон",
    "Суми",
    "Чернігів",
    "Полтава",
    "Житомир",
    "Рівне",
    "Луцьк",
    "Ужгород",
    "Тернопіль",
    "Хмельницький",
    "Вінниця",
    "Черкаси",
    "Кропивницький",
    "Чернівці",
    "Івано-Франківськ",
    "Краматорськ",
    "Слов’янськ",
    "Кременчук",
    "Ізмаїл",
    "Новомиколаївка",
    "Новомиколаївка, Сумська",
    "Балаклія",
    "Валки",
    "Чугуїв",
    "Лозова",
    "Кривий Ріг",
    "Біла Церква",
    "Бориспіль",
    "Ірпінь",
    "Буча",
    "Гостомель",
    "Бородянка",
    "Фастів",
    "Обухів",
    "Васильків",
    "Вишгород",
    "Мелітополь",
    "Бердянськ",
    "Маріуполь",
    "Сартана",
    "Кремінна",
    "Лисичанськ",
    "Сєвєродонецьк",
    "Бахмут",
    "Покровськ",
    "Ізюм",
    "Куп’янськ",
    "Вараш",
    "Дубровиця",
    "Радивилів",
    "Гоща",
    "Корнин",
    "Степань",
    "Глобине",
    "Красилів",
    "Млиїв",
    "Kyiv",
    "Lviv",
    "Brovary",
    "brovari",
    "Odesa",
    "Kharkiv",
    "Dnipro",
    "Mykolaiv",
    "Николаев",
    "Бровары",
    "Харьков",
    "Днепр",
    "Запорожье",
    "Кривой Рог",
    "Белая Церковь",
    "Мариуполь",
    "допоможіть знайти центр",
    "де найближчий центр?",
    "знайти центр",
    "найближчий центр життєстійкості",
    "центр життєстійкості у Броварах",
    "як записатися до групи",
    "хочу записатися до групи",
    "хочу записатися на батьківство без стресу",
    "коли наступна зустріч?",
    "яка адреса центру?",
    "який графік роботи?",
    "чи працює центр у суботу?",
    "центр відчинений зараз?",
    "дякую",
    "дякую вам",
    "спасибі",
    "спасибо",
    "привіт",
    "добрий день",
    "доброго вечора",
    "вітаю",
    "меню",
    "почати",
    "help",
    "SOS",
    "допомога",
    "допоможіть",
    "помогите",
    "hello",
    "hi",
    "thanks",
    "thank you",
    "start",
    "Олена",
    "Тарас",
    "Іван",
    "Марія",
    "Оксана",
    "Петро",
    "067 123 45 67",
    "+380671234567",
    "0501234567",
    "12",
    "5",
    "90",
    "120",
    "01.12.2026 18:00",
    "завтра о 10",
    "немає світла",
    "центр не працює, немає світла",
    "Новий номер 067 000 00 00",
    "адреса змінилася",
    "переїхали на вулицю Шевченка, 5",
    "телефон не відповідає",
    "все правильно",
    "так",
    "ні",
    "ок",
    "добре",
    "гаразд",
    "мені потрібна адреса центру",
    "мені потрібен психолог",
    "потрібна консультація психолога",
    "мені потрібна допомога з документами",
    "я переселенець, де отримати допомогу?",
    "я ВПО з Харкова",
    "у нас немає світла",
    "погана погода",
    "погано чути",
    "мені погано видно карту",
    "не можу знайти центр",
    "не можу знайти адресу",
    "не можу записатися",
    "не можу більше чекати на відповідь",
    "хочу жити в Києві",
    "не хочу їхати далеко",
    "хочу знайти групу для батьків",
    "у мене двоє дітей",
    "моя дитина боїться вибухів",
    "де група для підлітків?",
    "чи є онлайн-консультації?",
    "скільки коштує?",
    "це безкоштовно?",
    "Where is the nearest centre?",
    "I need a psychologist",
    "find a centre near Lviv",
    "how do I sign up?",
    "I want to sign up for a group",
    "I can't find the address",
    "I can't come tomorrow",
    "I feel better now",
    "thanks, that helped",
    "is it open on Sunday?",
    "what are the opening hours?",
    "my phone number changed",
    "good morning",
    "ok",
    "yes",
    "no",
    "Kyiv oblast",
    "Lviv, Dnipropetrovsk",
    "Новомиколаївка, Запорізька обл.",
    "м. Бровари",
    "Броварська міська громада",
    "с. Щасливе",
    "смт Веселе",
    "Мирненська громада",
    "Тиха",
    "Погребище",
    "Погреби",
    "Смереків",
    "Смотрич",
    "Болехів",
    "Біляївка",
    "Жашків",
    "Горохів",
    "Страшевичі",
    "Плахтіївка",
    "Мрія",
    "Життєве",
];

#[test]
fn there_are_at_least_60_phrases_and_200_ordinary_messages_to_test_them_with() {
    let phrases = DistressPhrases::built_in();
    assert!(phrases.phrases().count() >= 60, "{}", phrases.phrases().count());
    assert!(ORDINARY.len() >= 200, "{}", ORDINARY.len());
}

#[test]
fn every_phrase_is_recognised_as_typed_in_capitals_with_punctuation_and_in_a_sentence() {
    let phrases = DistressPhrases::built_in();
    for phrase in phrases.phrases() {
        for message in [
            phrase.to_owned(),
            phrase.to_uppercase(),
            format!("{phrase}..."),
            format!("{phrase} 😔"),
            phrase.replace('’', "'"),
            phrase.replace('’', ""),
        ] {
            assert!(phrases.is_distress(&message), "{message:?} is not recognised");
        }
    }
}

#[test]
fn phrases_are_recognised_without_ukrainian_letters_in_latin_letters_and_with_one_typo() {
    let phrases = DistressPhrases::built_in();
    for message in [
        "мені дуже погано",
        "мени дуже погано",
        "meni duzhe pohano",
        "мені дуже поганно",
        "не хочу жити",
        "ne hochu zhyty",
        "не хочу житии",
        "хочу покінчити з собою",
        "хочу покинчити с собою",
        "hochu pokinchyty z soboyu",
        "мне очень плохо",
        "mne ochen ploho",
        "мне очень плоxо",
        "I want to die",
        "i wnat to die",
        "i cant go on",
        "I can't go on",
        "I cannt go on",
        "я вже тиждень не сплю і не хочу жити",
        "Мені погано.",
    ] {
        assert!(phrases.is_distress(message), "{message:?} is not recognised");
    }
}

#[test]
fn ordinary_messages_are_not_taken_for_distress() {
    let phrases = DistressPhrases::built_in();
    let taken: Vec<_> = ORDINARY
        .iter()
        .filter_map(|message| phrases.find(message).map(|phrase| format!("{message:?} taken for {phrase:?}")))
        .collect();
    assert!(taken.is_empty(), "{taken:#?}");
}

#[test]
fn no_place_name_in_the_gazetteer_is_taken_for_distress() {
    let phrases = DistressPhrases::built_in();
    let gazetteer = Gazetteer::built_in().unwrap();
    let taken: Vec<_> = gazetteer
        .places()
        .iter()
        .flat_map(|place| [place.name_uk.as_str(), place.name_lat.as_str()])
        .filter_map(|name| phrases.find(name).map(|phrase| format!("{name:?} taken for {phrase:?}")))
        .collect();
    assert!(taken.is_empty(), "{taken:#?}");
}
