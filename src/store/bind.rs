//! A [`Person`] bound as two SQL parameters, channel then external id: the
//! key of every table that belongs to a person.

use sqlx::Postgres;
use sqlx::postgres::PgArguments;
use sqlx::query::{Query, QueryAs, QueryScalar};

use crate::domain::Person;

/// `.bind_person(person)` on a query, for the two parameters of its key.
pub(super) trait BindPerson<'q> {
    fn bind_person(self, person: &'q Person) -> Self;
}

impl<'q> BindPerson<'q> for Query<'q, Postgres, PgArguments> {
    fn bind_person(self, person: &'q Person) -> Self {
        self.bind(person.channel.as_str()).bind(&person.external_id)
    }
}

impl<'q, O> BindPerson<'q> for QueryAs<'q, Postgres, O, PgArguments> {
    fn bind_person(self, person: &'q Person) -> Self {
        self.bind(person.channel.as_str()).bind(&person.external_id)
    }
}

impl<'q, O> BindPerson<'q> for QueryScalar<'q, Postgres, O, PgArguments> {
    fn bind_person(self, person: &'q Person) -> Self {
        self.bind(person.channel.as_str()).bind(&person.external_id)
    }
}
