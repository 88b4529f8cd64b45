//! Every button a person or a coordinator can reach, in both languages,
//! fits in 32 characters, with the longest real centre name in the data on
//! the buttons that carry a centre's name (shortened with "…").
//!
//! The screens are found by walking: from the first messages, every button
//! seen is pressed once (as the same person, so the states it leads to are
//! real), and a few typed answers open the screens that need them.

use std::collections::{BTreeSet, VecDeque};

use resilience_bot::conversation::{Action, Incoming};
use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::i18n::{Catalog, MAX_LABEL_CHARS, Text};
use sqlx::PgPool;

use crate::helpers::{Answer, TestApp, import_sample_groups, sample_centres};

/// The most buttons pressed per person and language: enough to reach every
/// screen (the walk stops earlier when nothing new is seen).
const MAX_PRESSES: usize = 400;

/// The longest Ukrainian and English names among the real centres of the
/// sample directory.
fn longest_names() -> (String, String) {
    let centres = sample_centres();
    let longest = |name: fn(&resilience_bot::domain::Centre) -> &String| {
        centres.iter().map(name).max_by_key(|n| n.chars().count()).expect("sample centres").clone()
    };
    (longest(|c| &c.name_uk), longest(|c| &c.name_en))
}

/// Presses that end what the walk needs (forgetting the person, cancelling
/// the only group) are left out, as is choosing the other language (the
/// walk stays in its own); what they show is a plain confirmation.
fn worth_pressing(action: &Action) -> bool {
    !matches!(action, Action::ForgetConfirmed | Action::CoordCancelConfirmed(_) | Action::SetLanguage(_))
}

struct Walk<'a> {
    app: &'a TestApp,
    user: &'a str,
    language: Language,
    pressed: BTreeSet<String>,
    queue: VecDeque<Action>,
    too_long: BTreeSet<String>,
    labels: usize,
}

impl Walk<'_> {
    fn see(&mut self, answer: &Answer) {
        for reply in &answer.replies {
            for (label, action) in &reply.buttons {
                self.labels += 1;
                if label.chars().count() > MAX_LABEL_CHARS {
                    self.too_long.insert(format!("{label:?} ({} characters, {:?})", label.chars().count(), action));
                }
                if worth_pressing(action) && !self.pressed.contains(&action.encode()) {
                    self.queue.push_back(action.clone());
                }
            }
        }
    }

    async fn say(&mut self, text: &str) {
        let answer = self.app.say(self.user, self.language, text).await;
        self.see(&answer);
    }

    async fn run(&mut self) {
        let mut presses = 0;
        while let Some(action) = self.queue.pop_front() {
            if !self.pressed.insert(action.encode()) || presses == MAX_PRESSES {
                continue;
            }
            presses += 1;
            let answer = self.app.send(self.user, self.language, Incoming::Button(action.encode())).await;
            self.see(&answer);
        }
    }
}

#[sqlx::test]
async fn every_button_of_every_screen_fits_in_32_characters_in_both_languages(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let (name_uk, name_en) = longest_names();
    assert!(name_uk.chars().count() > MAX_LABEL_CHARS, "the test needs a name that does not fit: {name_uk}");
    sqlx::query("UPDATE centre SET name_uk = $1, name_en = $2 WHERE id = 'sample-lvivska'")
        .bind(&name_uk)
        .bind(&name_en)
        .execute(app.store.pool())
        .await
        .unwrap();
    app.reload_directory().await;
    import_sample_groups(&app, 10).await;
    let mut total = 0;
    let mut too_long = BTreeSet::new();
    let mut shortened_names = 0;
    for language in Language::ALL {
        for (user, coordinator) in
            [(format!("resident-{}", language.code()), false), (format!("coord-{}", language.code()), true)]
        {
            if coordinator {
                let person = Person { channel: ChannelKind::Console, external_id: user.clone() };
                app.store.add_coordinator("sample-lvivska", &person).await.unwrap();
            }
            let mut walk = Walk {
                app: &app,
                user: &user,
                language,
                pressed: BTreeSet::new(),
                queue: VecDeque::new(),
                too_long: BTreeSet::new(),
                labels: 0,
            };
            walk.say("/start").await;
            // Near the Lviv centre (whose name is now the longest), then
            // places that ask which one, offer others, or suggest spellings.
            walk.say("Львів").await;
            walk.run().await;
            for typed in ["Миколаїв", "Олександрівка", "Кременчук", "Львв", "/checkin", "/coordinate", "/stats"]
            {
                walk.say(typed).await;
                walk.run().await;
            }
            if coordinator {
                // A group's new capacity, a message to subscribers, a closure.
                walk.say("/coordinate").await;
                walk.run().await;
            }
            total += walk.labels;
            too_long.extend(walk.too_long);
            let answer = app.say(&user, language, "Львів").await;
            shortened_names += answer.last().buttons.iter().filter(|(label, _)| label.ends_with('…')).count();
        }
    }
    assert!(total > 200, "the walk saw only {total} buttons");
    assert!(too_long.is_empty(), "buttons over {MAX_LABEL_CHARS} characters:\n{}", Vec::from_iter(too_long).join("\n"));
    assert!(shortened_names > 0, "the longest name was never shortened on a button");
}

#[test]
fn the_channels_own_buttons_fit_in_32_characters() {
    let catalog = Catalog::load().unwrap();
    for language in Language::ALL {
        for id in ["telegram-share-location", "viber-share-location", "viber-open-map"] {
            let label = catalog.try_render(language, &Text::new(id)).unwrap();
            assert!(label.chars().count() <= MAX_LABEL_CHARS, "{id} in {language:?}: {label:?}");
        }
    }
}

#[test]
fn a_long_name_is_cut_with_an_ellipsis_and_the_labels_own_words_stay() {
    let catalog = Catalog::load().unwrap();
    let text = Text::new("find-open-centre")
        .count("number", 1)
        .plain("name", "Центр життєстійкості Новоолександрівської громади");
    let label = catalog.render_label(Language::Uk, &text);
    assert_eq!(label.chars().count(), MAX_LABEL_CHARS, "{label}");
    assert!(label.starts_with("1. Центр життєстійкості") && label.ends_with('…'), "{label}");
    let short = Text::new("find-open-centre").count("number", 2).plain("name", "Центр у Бучі");
    assert_eq!(catalog.render_label(Language::Uk, &short), "2. Центр у Бучі", "a label that fits is left whole");
}
